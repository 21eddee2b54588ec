import { spawnSync } from 'node:child_process';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, StoreOpenError } from '../../../../src/node/storage';
import { listDir, makeTempDir, open } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let path: string;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  path = join(dir, 'doc.faultline');
});
afterEach(() => cleanup());

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('document lock', () => {
  it('holds the pid and host while open, refuses a second opener naming the pid, and is released on close', async () => {
    const store = await open(path);
    const lock = JSON.parse(await readFile(`${path}.lock`, 'utf8')) as { pid: number; hostname: string };
    expect(lock).toMatchObject({ pid: process.pid, hostname: hostname() });

    const error = await open(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error).toMatchObject({ kind: 'locked', path: `${path}.lock` });
    expect((error as Error).message).toContain(`pid ${process.pid}`);

    await store.close();
    expect(await listDir(dir)).not.toContain('doc.faultline.lock');
    const again = await open(path);
    await again.close();
  });

  it('takes over a stale lock whose process is gone', async () => {
    const first = await open(path);
    await first.close();
    const pid = deadPid();
    await writeFile(`${path}.lock`, JSON.stringify({ pid, hostname: hostname(), token: 'old', createdAt: '2024-01-01T00:00:00Z' }));
    const store = await open(path);
    expect(JSON.parse(await readFile(`${path}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    expect((await listDir(dir)).filter((n) => n.includes('stale'))).toEqual([]);
    await store.close();
  });

  it('refuses a lock held on another host (its process cannot be checked)', async () => {
    await writeFile(`${path}.lock`, JSON.stringify({ pid: 4242, hostname: 'elsewhere.example', token: 't', createdAt: '' }));
    await expect(open(path)).rejects.toMatchObject({ kind: 'locked', message: expect.stringContaining('pid 4242 on elsewhere.example') });
    expect(JSON.parse(await readFile(`${path}.lock`, 'utf8'))).toMatchObject({ pid: 4242 });
  });

  it('takes over an empty lock file only once it is old', async () => {
    await writeFile(`${path}.lock`, '');
    await expect(acquireLock(`${path}.lock`)).rejects.toMatchObject({ kind: 'locked' });
    const old = new Date(Date.now() - 60_000);
    await utimes(`${path}.lock`, old, old);
    const lock = await acquireLock(`${path}.lock`);
    await lock.release();
    expect(await listDir(dir)).toEqual([]);
  });

  it('leaves a lock that is no longer its own in place on release', async () => {
    const lock = await acquireLock(`${path}.lock`);
    await writeFile(`${path}.lock`, JSON.stringify({ pid: process.pid, hostname: hostname(), token: 'someone-else' }));
    await lock.release();
    expect(await listDir(dir)).toEqual(['doc.faultline.lock']);
  });
});
