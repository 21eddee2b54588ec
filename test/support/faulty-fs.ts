// A StorageFs that counts the store's file-system calls and fails the Nth one, in the style of
// SQLite's I/O-error tests: `once` fails call N only (a passing fault), `burst` calls N to
// N + burst - 1 (a disk that fails a while, then works again), `forever` fails call N and every
// later call that writes (a disk that died or filled up; reading still works).
// Calls are counted only while armed, so a test can open a document first and then fault
// only what it is testing. A failed call does nothing, except that with `tornWrites` a failed
// write first writes half its bytes (a full disk), and a failed close still closes.
import * as fsp from 'node:fs/promises';
import { basename } from 'node:path';
import type { OpenFlags, StorageFileHandle, StorageFs } from '../../src/node/storage';

export type FaultMode = 'once' | 'burst' | 'forever';

export interface FaultPlan {
  /** The call to fail, counting from 1 after arm(). */
  at: number;
  mode: FaultMode;
  /** How many calls a `burst` fails (2 by default). */
  burst?: number;
  /** The error code thrown (EIO by default). */
  code?: 'EIO' | 'ENOSPC';
  /** A failed write writes the first half of its bytes before it fails. */
  tornWrites?: boolean;
}

const ERRNO = { EIO: -5, ENOSPC: -28 } as const;

export class InjectedFault extends Error {
  readonly code: 'EIO' | 'ENOSPC';
  readonly errno: number;
  readonly syscall: string;
  readonly path: string;

  constructor(code: 'EIO' | 'ENOSPC', call: number, syscall: string, path: string) {
    super(`${code}: ${code === 'EIO' ? 'i/o error' : 'no space left on device'} (injected at call ${call}), ${syscall} '${path}'`);
    this.name = 'InjectedFault';
    this.code = code;
    this.errno = ERRNO[code];
    this.syscall = syscall;
    this.path = path;
  }
}

function failsCall(plan: FaultPlan, call: number, writes: boolean): boolean {
  if (call < plan.at) return false;
  if (plan.mode === 'once') return call === plan.at;
  if (plan.mode === 'burst') return call < plan.at + (plan.burst ?? 2);
  return call === plan.at || writes;
}

export class FaultyFs implements StorageFs {
  /** Calls counted since arm(). */
  calls = 0;
  /** Calls failed since arm(). */
  injected = 0;
  /** `7 rename doc.faultline.journal`: every counted call, for telling which one failed. */
  readonly trace: string[] = [];
  private plan: FaultPlan | null = null;
  private armed = false;

  /** Starts counting (and failing, with a plan) from call 1. */
  arm(plan: FaultPlan | null): void {
    this.plan = plan;
    this.armed = true;
    this.calls = 0;
    this.injected = 0;
    this.trace.length = 0;
  }

  /** Stops counting and failing: calls go straight to node:fs. */
  disarm(): void {
    this.armed = false;
  }

  /** The failure of this call, if it is one to fail (or null); counts it. */
  gate(syscall: string, path: string, writes: boolean): InjectedFault | null {
    if (!this.armed) return null;
    const call = ++this.calls;
    this.trace.push(`${call} ${syscall} ${basename(path)}`);
    const plan = this.plan;
    if (!plan || !failsCall(plan, call, writes)) return null;
    this.injected++;
    return new InjectedFault(plan.code ?? 'EIO', call, syscall, path);
  }

  get tornWrites(): boolean {
    return this.plan?.tornWrites === true;
  }

  private check(syscall: string, path: string, writes: boolean): void {
    const fault = this.gate(syscall, path, writes);
    if (fault) throw fault;
  }

  async open(path: string, flags: OpenFlags, mode?: number): Promise<StorageFileHandle> {
    const writes = flags !== 'r';
    this.check('open', path, writes);
    return new FaultyHandle(this, path, writes, await fsp.open(path, flags, mode));
  }

  async readFile(path: string): Promise<Buffer> {
    this.check('read', path, false);
    return fsp.readFile(path);
  }

  async writeFile(path: string, data: string, options: { encoding: 'utf8'; flag: 'wx'; mode: number }): Promise<void> {
    const fault = this.gate('write', path, true);
    if (!fault) return fsp.writeFile(path, data, options);
    if (this.tornWrites) await fsp.writeFile(path, data.slice(0, data.length >> 1), options);
    throw fault;
  }

  async rename(from: string, to: string): Promise<void> {
    this.check('rename', from, true);
    return fsp.rename(from, to);
  }

  async unlink(path: string): Promise<void> {
    this.check('unlink', path, true);
    return fsp.unlink(path);
  }

  async link(existing: string, newPath: string): Promise<void> {
    this.check('link', newPath, true);
    return fsp.link(existing, newPath);
  }

  async mkdir(path: string, options: { recursive: true; mode: number }): Promise<string | undefined> {
    this.check('mkdir', path, true);
    return fsp.mkdir(path, options);
  }

  async readdir(path: string): Promise<string[]> {
    this.check('readdir', path, false);
    return fsp.readdir(path);
  }

  async copyFile(from: string, to: string, mode: number): Promise<void> {
    this.check('copyfile', to, true);
    return fsp.copyFile(from, to, mode);
  }

  async access(path: string, mode: number): Promise<void> {
    this.check('access', path, false);
    return fsp.access(path, mode);
  }

  async stat(path: string): Promise<{ mtimeMs: number }> {
    this.check('stat', path, false);
    return fsp.stat(path);
  }
}

/** A file handle whose calls go through the FaultyFs that opened it. */
class FaultyHandle implements StorageFileHandle {
  constructor(
    private readonly fs: FaultyFs,
    private readonly path: string,
    private readonly writable: boolean,
    private readonly real: fsp.FileHandle,
  ) {}

  async write(buffer: Uint8Array, offset: number, length: number, position: number | null): Promise<{ bytesWritten: number }> {
    const fault = this.fs.gate('write', this.path, true);
    if (!fault) return this.real.write(buffer, offset, length, position);
    if (this.fs.tornWrites) await this.real.write(buffer, offset, length >> 1, position);
    throw fault;
  }

  async writeFile(data: string | Uint8Array, encoding?: 'utf8'): Promise<void> {
    const fault = this.fs.gate('write', this.path, true);
    if (!fault) return this.real.writeFile(data, encoding);
    if (this.fs.tornWrites) {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      await this.real.writeFile(bytes.subarray(0, bytes.length >> 1));
    }
    throw fault;
  }

  async sync(): Promise<void> {
    this.checkCall('fsync', true);
    return this.real.sync();
  }

  async datasync(): Promise<void> {
    this.checkCall('fdatasync', true);
    return this.real.datasync();
  }

  async truncate(length: number): Promise<void> {
    this.checkCall('ftruncate', true);
    return this.real.truncate(length);
  }

  async stat(): Promise<{ size: number }> {
    this.checkCall('fstat', false);
    return this.real.stat();
  }

  /** A close that fails still releases the descriptor, as close(2) does. */
  async close(): Promise<void> {
    const fault = this.fs.gate('close', this.path, this.writable);
    await this.real.close();
    if (fault) throw fault;
  }

  private checkCall(syscall: string, writes: boolean): void {
    const fault = this.fs.gate(syscall, this.path, writes);
    if (fault) throw fault;
  }
}
