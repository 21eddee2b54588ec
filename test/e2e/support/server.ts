// Starts the real browser-mode server (src/node/launch/serve.ts) as a child process on a
// free port and reads the URL line it prints; stop() ends it with SIGTERM (releasing the lock).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

export interface RunningServer {
  url: string;
  origin: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/;

export async function startServer(options: { dataDir: string; open?: string }): Promise<RunningServer> {
  if (!existsSync(join(REPO_ROOT, 'out/renderer/index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` before the end-to-end tests');
  }
  const args = ['--import', 'tsx', 'src/node/launch/serve.ts', '--port', '0', '--data-dir', options.dataDir];
  if (options.open) args.push('--open', options.open);
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, INIT_CWD: REPO_ROOT },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server printed no URL within 60 s:\n${output}`)), 60_000);
    const check = () => {
      const match = URL_LINE.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${code}) before printing its URL:\n${output}`));
    });
  });

  return {
    url,
    origin: new URL(url).origin,
    dataDir: options.dataDir,
    output: () => output,
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(killer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Writes `doc` (a generated CMDB) into the data folder as `fileName` and starts browser mode on it. */
export async function startServerOnDocument(dataDir: string, fileName: string, doc: unknown): Promise<RunningServer> {
  const file = join(dataDir, fileName);
  await writeFile(file, JSON.stringify(doc));
  return startServer({ dataDir, open: file });
}
