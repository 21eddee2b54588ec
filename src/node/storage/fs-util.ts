// Small durable-file helpers: atomic replace, directory fsync, move-aside without overwriting.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { errnoCode } from './errors';
import { nodeFs, type StorageFs } from './storage-fs';

/** A document's files are its owner's only (a CMDB holds internal topology), like settings.json. */
export const FILE_MODE = 0o600;
/** … and so are the folders Faultline creates for them. */
export const DIR_MODE = 0o700;

/** Makes a directory's entries (a rename, a new or removed file) durable. A no-op where directories cannot be fsync'd (Windows). */
export async function fsyncDir(dir: string, fs: StorageFs = nodeFs): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function pathExists(path: string, fs: StorageFs = nodeFs): Promise<boolean> {
  try {
    await fs.access(path, constants.F_OK);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/** Prefix of the temporary files writeFileAtomic leaves behind when the process dies mid-write. */
export function tempPrefix(path: string): string {
  return `.${basename(path)}.tmp-`;
}

/**
 * Replaces `path` with the given content atomically: a unique temp file in the same
 * directory, every piece written, the file fsync'd, renamed over `path`, the directory
 * fsync'd. A reader (or a crash) sees the old file or the new one, never a mixture.
 */
export async function writeFileAtomic(path: string, pieces: string | Uint8Array | AsyncIterable<string>, fs: StorageFs = nodeFs): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `${tempPrefix(path)}${process.pid}-${randomBytes(6).toString('hex')}`);
  const handle = await fs.open(temp, 'wx', FILE_MODE);
  let renamed = false;
  try {
    try {
      if (typeof pieces === 'string' || pieces instanceof Uint8Array) {
        await handle.writeFile(pieces);
      } else {
        for await (const piece of pieces) await handle.writeFile(piece, 'utf8');
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path);
    renamed = true;
    await fsyncDir(dir, fs);
  } finally {
    if (!renamed) await fs.unlink(temp).catch(() => undefined);
  }
}

/** Removes temp files of `path` left by a writer that died (call only while holding the document's lock). */
export async function removeStaleTempFiles(path: string, fs: StorageFs = nodeFs): Promise<number> {
  const dir = dirname(path);
  const prefix = tempPrefix(path);
  let removed = 0;
  for (const name of await fs.readdir(dir)) {
    if (!name.startsWith(prefix)) continue;
    await fs.unlink(join(dir, name)).catch(() => undefined);
    removed++;
  }
  return removed;
}

/** `2024-05-01T10-00-00-000Z`: an ISO time that is a valid file name everywhere. */
export function fileTimestamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** The first of `base`, `base-1`, `base-2`, … that does not exist yet. */
export async function freePath(base: string, suffix = '', fs: StorageFs = nodeFs): Promise<string> {
  for (let i = 0; ; i++) {
    const candidate = i === 0 ? `${base}${suffix}` : `${base}-${i}${suffix}`;
    if (!(await pathExists(candidate, fs))) return candidate;
  }
}

/**
 * Renames `from` to `to` without ever replacing an existing file: if `to` exists, a
 * numbered variant is used. Returns the name it got. The directory is fsync'd.
 * (Callers hold the document's lock, so nothing else creates names in between.)
 */
export async function renameNoOverwrite(from: string, to: string, fs: StorageFs = nodeFs): Promise<string> {
  const target = await freePath(to, '', fs);
  await fs.rename(from, target);
  await fsyncDir(dirname(target), fs);
  if (dirname(from) !== dirname(target)) await fsyncDir(dirname(from), fs);
  return target;
}

/** Resolves after the event loop has had a turn (I/O callbacks, timers) — used between serialization chunks. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
