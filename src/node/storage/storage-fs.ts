// The file-system calls the store makes, as one seam. Production code uses `nodeFs`
// (node:fs/promises itself, the default everywhere); the I/O-fault test passes a shim that
// fails the Nth call (test/support/faulty-fs.ts). Only what the store uses is here.
import * as fsp from 'node:fs/promises';

/** The part of node's FileHandle the store uses. */
export interface StorageFileHandle {
  write(buffer: Uint8Array, offset: number, length: number, position: number | null): Promise<{ bytesWritten: number }>;
  writeFile(data: string | Uint8Array, encoding?: 'utf8'): Promise<void>;
  sync(): Promise<void>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

/** How the store opens files: read, append (the journal), or create a new file that must not exist. */
export type OpenFlags = 'r' | 'a' | 'wx';

/** The part of node:fs/promises the store uses. */
export interface StorageFs {
  open(path: string, flags: OpenFlags, mode?: number): Promise<StorageFileHandle>;
  readFile(path: string): Promise<Buffer>;
  writeFile(path: string, data: string, options: { encoding: 'utf8'; flag: 'wx'; mode: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  mkdir(path: string, options: { recursive: true; mode: number }): Promise<string | undefined>;
  readdir(path: string): Promise<string[]>;
  copyFile(from: string, to: string, mode: number): Promise<void>;
  access(path: string, mode: number): Promise<void>;
  stat(path: string): Promise<{ mtimeMs: number }>;
}

export const nodeFs: StorageFs = fsp;
