// `<doc>.lock`: created exclusively (link(2) or O_EXCL) holding the owner's pid and host, so two
// processes never write the same document. A lock whose process is gone (same host,
// pid not alive) is stale and taken over, and so is one this very thread left behind when a
// failed unlink kept it from being released.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import { basename, dirname, join } from 'node:path';
import { errnoCode, StoreOpenError } from './errors';
import { FILE_MODE } from './fs-util';
import { nodeFs, type StorageFs } from './storage-fs';

interface LockContent {
  pid: number;
  hostname: string;
  /** The worker thread that took it (0: the main thread); absent in locks written before it was recorded. */
  threadId?: number;
  token: string;
  createdAt: string;
}

/** Tokens of the locks this thread holds now. */
const heldTokens = new Set<string>();

/** True when the lock was taken by this thread and is no longer held: its release failed (say, the unlink hit an I/O error). */
function leftByThisThread(holder: LockContent, host: string): boolean {
  return holder.hostname === host && holder.pid === process.pid && holder.threadId === threadId && !heldTokens.has(holder.token);
}

export interface DocumentLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. */
  release(): Promise<void>;
}

/** A lock file that never got its content (its writer died at once) is stale after this long. */
const EMPTY_LOCK_GRACE_MS = 5_000;

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errnoCode(error) === 'EPERM';
  }
}

async function readLock(path: string, fs: StorageFs): Promise<LockContent | null> {
  try {
    const value: unknown = JSON.parse((await fs.readFile(path)).toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { pid, hostname: host, threadId: thread, token, createdAt } = value as Record<string, unknown>;
    if (typeof pid !== 'number' || typeof host !== 'string') return null;
    return { pid, hostname: host, ...(typeof thread === 'number' ? { threadId: thread } : {}), token: String(token ?? ''), createdAt: String(createdAt ?? '') };
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') throw error;
    return null;
  }
}

/**
 * Creates the lock file with its content in one step: the content goes to a private temp
 * file which is then hard-linked to the lock name — link(2), like O_EXCL, fails when the
 * name exists, and a process killed at any point never leaves an empty lock behind.
 * Where hard links are not supported, falls back to O_EXCL create-then-write.
 */
async function tryCreate(path: string, content: LockContent, fs: StorageFs): Promise<boolean> {
  const temp = `${path}.${process.pid}-${content.token}.tmp`;
  await fs.writeFile(temp, JSON.stringify(content), { encoding: 'utf8', flag: 'wx', mode: FILE_MODE });
  try {
    await fs.link(temp, path);
    return true;
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw error;
    return tryCreateExclusive(path, content, fs);
  } finally {
    await fs.unlink(temp).catch(() => undefined);
  }
}

async function tryCreateExclusive(path: string, content: LockContent, fs: StorageFs): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(path, 'wx', FILE_MODE);
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(content), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/** Temp files of lock attempts whose process died before it removed them. */
async function removeStrayLockTemps(lockPath: string, fs: StorageFs): Promise<void> {
  const prefix = `${basename(lockPath)}.`;
  for (const name of await fs.readdir(dirname(lockPath)).catch(() => [] as string[])) {
    const match = name.startsWith(prefix) ? /^(\d+)-[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (match && Number(match[1]) !== process.pid && !isProcessAlive(Number(match[1]))) {
      await fs.unlink(join(dirname(lockPath), name)).catch(() => undefined);
    }
  }
}

/** Takes the lock at `lockPath` or throws StoreOpenError 'locked' (or 'io'). */
export async function acquireLock(lockPath: string, fs: StorageFs = nodeFs): Promise<DocumentLock> {
  const content: LockContent = {
    pid: process.pid,
    hostname: hostname(),
    threadId,
    token: randomBytes(8).toString('hex'),
    createdAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      if (await tryCreate(lockPath, content, fs)) {
        await removeStrayLockTemps(lockPath, fs);
        return makeLock(lockPath, content.token, fs);
      }
    } catch (error) {
      throw new StoreOpenError('io', lockPath, `Cannot create the lock file ${lockPath}: ${(error as Error).message}`, { cause: error });
    }
    let holder: LockContent | null;
    try {
      holder = await readLock(lockPath, fs);
    } catch {
      continue; // removed between our attempt and the read: try again
    }
    if (holder && !leftByThisThread(holder, content.hostname) && (holder.hostname !== content.hostname || isProcessAlive(holder.pid))) {
      const where = holder.hostname === content.hostname ? '' : ` on ${holder.hostname}`;
      throw new StoreOpenError(
        'locked',
        lockPath,
        `The document is open in another Faultline process (pid ${holder.pid}${where}); close it there first. If that process is gone, delete ${lockPath}.`,
      );
    }
    if (!holder) {
      const age = await fs.stat(lockPath).then((s) => Date.now() - s.mtimeMs, () => Infinity);
      if (age < EMPTY_LOCK_GRACE_MS) {
        throw new StoreOpenError('locked', lockPath, `The document is being opened by another Faultline process (${lockPath} was just created).`);
      }
    }
    await takeOverStale(lockPath, holder, fs);
  }
  throw new StoreOpenError('locked', lockPath, `Could not take the lock ${lockPath}: other processes keep taking it.`);
}

/**
 * Moves a stale lock out of the way. Two processes may both find it stale: each renames
 * "the lock" to a private name and checks that what it moved is the stale one; if it
 * moved a fresh lock instead, it puts it back (link fails rather than overwrite).
 */
async function takeOverStale(lockPath: string, stale: LockContent | null, fs: StorageFs): Promise<void> {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fs.rename(lockPath, aside);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return;
    throw error;
  }
  const moved = await readLock(aside, fs).catch(() => null);
  const same = stale === null ? moved === null : moved !== null && moved.pid === stale.pid && moved.token === stale.token;
  if (!same) await fs.link(aside, lockPath).catch(() => undefined);
  await fs.unlink(aside).catch(() => undefined);
}

function makeLock(path: string, token: string, fs: StorageFs): DocumentLock {
  let released = false;
  heldTokens.add(token);
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      heldTokens.delete(token);
      const holder = await readLock(path, fs).catch(() => null);
      if (holder && holder.pid === process.pid && holder.token === token) await fs.unlink(path).catch(() => undefined);
    },
  };
}
