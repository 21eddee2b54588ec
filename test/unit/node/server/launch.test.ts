// `npm run serve` and `npm start` (without an Electron binary) as child processes: one line
// with the URL and token, a working API behind it, bad usage refused, and SIGTERM closing
// the document (its lock file gone) with exit code 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, writeDocument } from '../service/fixture';

const ROOT = resolve(__dirname, '../../../..');
const URL_LINE = /^Faultline is running in browser mode at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64}))$/m;

let dir: string;
let renderer: string;
let doc: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = tempDir('launch');
  renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Faultline</title>');
  doc = writeDocument(join(dir, 'small.faultline'));
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Launched {
  child: ChildProcess;
  output: () => string;
  errors: () => string;
  exited: Promise<number | null>;
}

function launch(script: 'serve' | 'start', args: string[]): Launched {
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', FAULTLINE_DATA_DIR: join(dir, 'data') };
  delete env.INIT_CWD;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, `src/node/launch/${script}.ts`), ...args], { cwd: ROOT, env });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolvePromise) => child.on('exit', (code) => resolvePromise(code)));
  return { child, output: () => stdout, errors: () => stderr, exited };
}

async function waitForUrl(launched: Launched): Promise<{ url: string; port: number; token: string }> {
  for (;;) {
    const match = URL_LINE.exec(launched.output());
    if (match) return { url: match[1], port: Number(match[2]), token: match[3] };
    const code = await Promise.race([launched.exited, new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), 50))]);
    if (code !== 'waiting') throw new Error(`exited with ${code} before printing its URL: ${launched.output()} ${launched.errors()}`);
  }
}

async function call(port: number, token: string, name: string, input: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${port}/api/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: await response.json() };
}

describe('npm run serve', () => {
  it('prints one line with the URL, serves the API and the page, and shuts down cleanly on SIGTERM', async () => {
    const launched = launch('serve', ['--port', '0', '--open', doc, '--renderer-dir', renderer]);
    const { port, token } = await waitForUrl(launched);
    expect(launched.output().trim().split('\n')).toHaveLength(1);

    const info = await call(port, token, 'doc.info', {});
    expect(info).toMatchObject({ status: 200, body: { ok: true, value: { path: doc, title: 'small.faultline', ciCount: 8 } } });
    const edit = await call(port, token, 'ci.update', { id: 'app_web', patch: { owner: 'served' } });
    expect(edit.status).toBe(200);
    const page = await fetch(`http://127.0.0.1:${port}/?token=${token}`);
    expect(await page.text()).toContain('<title>Faultline</title>');
    expect(existsSync(`${doc}.lock`)).toBe(true);

    launched.child.kill('SIGTERM');
    expect(await launched.exited).toBe(0);
    expect(existsSync(`${doc}.lock`)).toBe(false);

    // The edit made through the server is in the document.
    const again = launch('serve', ['--port', '0', '--open', doc, '--renderer-dir', renderer]);
    const second = await waitForUrl(again);
    expect(second.token).not.toBe(token);
    const details = await call(second.port, second.token, 'ci.get', { id: 'app_web' });
    expect(details.body).toMatchObject({ ok: true, value: { ci: { owner: 'served' } } });
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('uses FAULTLINE_DATA_DIR for settings', async () => {
    const launched = launch('serve', ['--open', doc, '--renderer-dir', renderer]);
    await waitForUrl(launched);
    expect(existsSync(join(dir, 'data', 'settings.json'))).toBe(true);
    launched.child.kill('SIGTERM');
    expect(await launched.exited).toBe(0);
  });

  it('exits 2 on bad usage and 1 when it cannot start', async () => {
    const badPort = launch('serve', ['--port', 'eighty']);
    expect(await badPort.exited).toBe(2);
    expect(badPort.errors()).toMatch(/--port must be a number/);

    const unknown = launch('serve', ['--colour']);
    expect(await unknown.exited).toBe(2);

    const unbuilt = launch('serve', ['--open', doc, '--renderer-dir', join(dir, 'nothing')]);
    expect(await unbuilt.exited).toBe(1);
    expect(unbuilt.errors()).toMatch(/the renderer is not built/);

    const missing = launch('serve', ['--open', join(dir, 'missing.faultline'), '--renderer-dir', renderer]);
    expect(await missing.exited).toBe(1);
    expect(missing.errors()).toMatch(/Faultline could not start: No such file/);
  });
});

describe('npm start without an Electron binary', () => {
  it('says so in one line and starts browser mode', async () => {
    const launched = launch('start', ['--port', '0', '--open', doc, '--renderer-dir', renderer]);
    const { port, token } = await waitForUrl(launched);
    const lines = launched.output().trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('Electron is not installed here (its binary was not downloaded); starting Faultline in browser mode instead.');
    expect((await call(port, token, 'doc.info', {})).status).toBe(200);
    launched.child.kill('SIGTERM');
    expect(await launched.exited).toBe(0);
  });
});
