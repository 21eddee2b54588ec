// Storage figures for one generated CMDB: write it with the store's own writer, open it and save a
// copy through the store, cold-open the copy in a fresh process (ready = open + first indexes),
// heap after open, a burst of persisted edits, and lowdb's plain whole-file write for comparison.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { CmdbDocument } from '../../src/shared/model';
import { nodeEnvironment, openCmdbStore, writeStandaloneDocument } from '../../src/node/storage/index';
import { OPEN_CHILD_ENV } from './bundle';
import type { OpenChildReport } from './open-child';
import { collectGarbage, withLoopMonitor } from './stats';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface StorageFigures {
  fileMb: number;
  writeMs: number;
  writeLongestBlockMs: number;
  parentOpenMs: number;
  saveCopyMs: number;
  saveCopyLongestBlockMs: number;
  child: OpenChildReport;
  lowdbBlockMs: number;
  lowdbTotalMs: number;
  lowdbFileMb: number;
}

function runChild(path: string, edits: number, seed: number): Promise<OpenChildReport> {
  return new Promise((resolvePromise, reject) => {
    const bundled = process.env[OPEN_CHILD_ENV];
    const script = bundled ? [bundled] : ['--import', 'tsx', join(HERE, 'open-child.ts')];
    const child = spawn(process.execPath, ['--expose-gc', ...script, path, String(edits), String(seed)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`open-child exited with ${code}`));
        return;
      }
      const line = out.trim().split('\n').at(-1) ?? '';
      resolvePromise(JSON.parse(line) as OpenChildReport);
    });
  });
}

export async function storageBench(document: CmdbDocument, options: { edits: number; seed: number }): Promise<StorageFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'faultline-bench-'));
  try {
    const generated = join(dir, 'generated.faultline');
    const copy = join(dir, 'copy.faultline');

    collectGarbage();
    const write = await withLoopMonitor(() => writeStandaloneDocument(generated, document));

    collectGarbage();
    const started = performance.now();
    const store = await openCmdbStore(generated, { env: nodeEnvironment('bench'), compaction: false });
    const parentOpenMs = performance.now() - started;
    const save = await withLoopMonitor(() => store.saveCopy(copy));
    await store.close();
    const fileMb = (await stat(copy)).size / 1048576;
    collectGarbage();

    const child = await runChild(copy, options.edits, options.seed);

    const lowdbPath = join(dir, 'lowdb.json');
    const db = new Low<CmdbDocument>(new JSONFile<CmdbDocument>(lowdbPath), document);
    collectGarbage();
    const t0 = performance.now();
    const writing = db.write();
    const t1 = performance.now();
    await writing;
    const t2 = performance.now();
    const lowdbFileMb = (await stat(lowdbPath)).size / 1048576;

    return {
      fileMb,
      writeMs: write.ms,
      writeLongestBlockMs: write.longestBlockMs,
      parentOpenMs,
      saveCopyMs: save.ms,
      saveCopyLongestBlockMs: save.longestBlockMs,
      child,
      lowdbBlockMs: t1 - t0,
      lowdbTotalMs: t2 - t0,
      lowdbFileMb,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
