// Runs the `faultline` CLI as a child process through its bin launcher, as a user would.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../../..');
export const LAUNCHER = join(ROOT, 'src/node/cli/faultline.mjs');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function faultline(...args: string[]): Promise<Run> {
  return faultlineWithEnv({}, ...args);
}

/** `faultline` with these environment variables added to the test's own. */
export function faultlineWithEnv(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolvePromise) => {
    execFile(process.execPath, [LAUNCHER, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolvePromise({ code, stdout, stderr });
    });
  });
}
