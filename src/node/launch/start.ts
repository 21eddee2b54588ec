// `npm start`: the Electron app when its binary is usable, browser mode otherwise.
// Electron's binary is not fetched at install time (package.json allowScripts), so the
// first start runs the electron package's own download once; where that cannot work (no
// network to its host, as on the build machines) Faultline says so in one line and
// starts browser mode instead.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { findAppRoot } from '../paths';
import { runServe } from './serve-app';

const DOWNLOAD_TIMEOUT_MS = 10 * 60 * 1000;
const DOWNLOAD_NOTICE_AFTER_MS = 3000;

/** The Electron executable, or null when the package is missing or its binary was never downloaded. */
export function findElectronBinary(appRoot: string): string | null {
  try {
    const required: unknown = createRequire(join(appRoot, 'package.json'))('electron');
    return typeof required === 'string' && existsSync(required) ? required : null;
  } catch {
    // "Electron failed to install correctly…" (no path.txt) or no electron package at all.
    return null;
  }
}

/** Runs the electron package's install script (it downloads the binary); quiet unless it takes a while. */
async function downloadElectron(appRoot: string): Promise<void> {
  let script: string;
  try {
    script = createRequire(join(appRoot, 'package.json')).resolve('electron/install.js');
  } catch {
    return;
  }
  await new Promise<void>((resolvePromise) => {
    const child = spawn(process.execPath, [script], { cwd: appRoot, stdio: 'ignore' });
    const notice = setTimeout(() => {
      process.stdout.write("Downloading Electron's binary (first start only; Ctrl+C and `npm run serve` skip it)…\n");
    }, DOWNLOAD_NOTICE_AFTER_MS);
    const limit = setTimeout(() => child.kill('SIGTERM'), DOWNLOAD_TIMEOUT_MS);
    child.on('error', () => undefined);
    child.on('close', () => {
      clearTimeout(notice);
      clearTimeout(limit);
      resolvePromise();
    });
  });
}

function hasDisplay(): boolean {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function runElectron(binary: string, appRoot: string, args: string[]): void {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [appRoot, ...args], { stdio: 'inherit', env, windowsHide: false });
  const forward = (signal: NodeJS.Signals) => {
    if (!child.killed) child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (error) => {
    process.stderr.write(`Faultline: could not start Electron: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main(): Promise<void> {
  const appRoot = findAppRoot();
  const args = process.argv.slice(2);
  let binary = findElectronBinary(appRoot);
  if (!binary && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    await downloadElectron(appRoot);
    binary = findElectronBinary(appRoot);
  }
  if (!binary) {
    process.stdout.write('Electron is not installed here (its binary was not downloaded); starting Faultline in browser mode instead.\n');
  } else if (!hasDisplay()) {
    process.stdout.write('No display here (DISPLAY and WAYLAND_DISPLAY are unset); starting Faultline in browser mode instead.\n');
  } else {
    runElectron(binary, appRoot, args);
    return;
  }
  await runServe(args);
}

await main();
