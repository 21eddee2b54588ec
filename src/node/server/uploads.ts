// Browser mode's uploaded files (see src/shared/http-upload.ts): each request body is streamed
// to its own file (0600) in a per-launch folder under the data folder, never held in memory,
// and stopped as soon as it passes the limit. The last few uploads are kept so a re-preview
// (another format, a corrected CSV mapping) does not send the file again; the folder goes when
// the server closes, and folders left by a server that died are removed at the next start.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { UploadIdSchema } from '../../shared/http-upload';

/** Uploads kept per server: the file being previewed and the one before it. */
export const KEPT_UPLOADS = 2;
/** A launch folder this old was left by a server that did not close. */
const STALE_FOLDER_MS = 24 * 60 * 60 * 1000;

export type UploadOutcome =
  | { kind: 'stored'; uploadId: string; bytes: number }
  | { kind: 'too_large' }
  /** The client went away: nobody to answer. */
  | { kind: 'aborted' }
  /** The file could not be written (disk full, folder removed). */
  | { kind: 'failed'; message: string };

export interface UploadStore {
  /** Streams the request body to a new upload, up to `limit` bytes. */
  receive(req: IncomingMessage, limit: number): Promise<UploadOutcome>;
  /** The upload's text (UTF-8), or null when the id is unknown or no longer kept. */
  read(uploadId: string): Promise<string | null>;
  /** Removes every upload of this server. */
  close(): Promise<void>;
}

async function removeStaleFolders(root: string, now: number): Promise<void> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(root, name);
    try {
      if (now - (await stat(path)).mtimeMs > STALE_FOLDER_MS) await rm(path, { recursive: true, force: true });
    } catch {
      // Another server may be removing it at the same time.
    }
  }
}

/** An upload store in `<root>/<launch id>/` (root: `<data folder>/uploads`). */
export async function openUploadStore(root: string): Promise<UploadStore> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  await removeStaleFolders(root, Date.now());
  const folder = join(root, `launch-${randomBytes(8).toString('hex')}`);
  await mkdir(folder, { mode: 0o700 });
  /** Stored ids, oldest first. */
  const kept: string[] = [];
  const pathOf = (uploadId: string) => join(folder, uploadId);

  async function discard(uploadId: string): Promise<void> {
    await rm(pathOf(uploadId), { force: true });
  }

  async function receive(req: IncomingMessage, limit: number): Promise<UploadOutcome> {
    const uploadId = `up_${randomBytes(16).toString('hex')}`;
    try {
      // Again each time: another server's start-up removes a launch folder idle for a day.
      await mkdir(folder, { recursive: true, mode: 0o700 });
    } catch (error) {
      return { kind: 'failed', message: (error as Error).message };
    }
    const file = createWriteStream(pathOf(uploadId), { flags: 'wx', mode: 0o600 });
    return new Promise<UploadOutcome>((resolvePromise) => {
      let bytes = 0;
      let settled = false;
      /** Gives up the upload: removes the partial file once its descriptor is closed (Windows refuses to delete an open file). */
      const fail = (outcome: Exclude<UploadOutcome, { kind: 'stored' }>) => {
        if (settled) return;
        settled = true;
        const remove = () => void discard(uploadId).finally(() => resolvePromise(outcome));
        req.unpipe(file);
        if (file.closed) remove();
        else {
          file.once('close', remove);
          file.destroy();
        }
      };
      req.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > limit) {
          // Stop writing; the caller answers 413 and drops the connection.
          req.pause();
          fail({ kind: 'too_large' });
        }
      });
      req.on('aborted', () => fail({ kind: 'aborted' }));
      req.on('error', () => fail({ kind: 'aborted' }));
      file.on('error', (error) => fail({ kind: 'failed', message: error.message }));
      file.on('finish', () => {
        if (settled) return;
        settled = true;
        kept.push(uploadId);
        const evicted = kept.splice(0, Math.max(0, kept.length - KEPT_UPLOADS));
        // The answer waits for the older files to be gone: what the server keeps is what is on disk.
        void Promise.all(evicted.map(discard)).finally(() => resolvePromise({ kind: 'stored', uploadId, bytes }));
      });
      req.pipe(file);
    });
  }

  async function read(uploadId: string): Promise<string | null> {
    if (!UploadIdSchema.safeParse(uploadId).success || !kept.includes(uploadId)) return null;
    try {
      return await readFile(pathOf(uploadId), 'utf8');
    } catch {
      return null;
    }
  }

  async function close(): Promise<void> {
    kept.length = 0;
    await rm(folder, { recursive: true, force: true });
  }

  return { receive, read, close };
}
