// Runs readImportSource in a worker thread, one worker per file: the service's event loop stays
// free while a large file is parsed, progress arrives a few times a second, and cancelling
// terminates the worker. Every message from the worker is parsed with zod before it is used.
//
// Where the worker comes from: run from source (tsx: `npm run serve`, the tests) this module is
// a .ts file and the worker is worker.ts, started through tsx's ESM loader; in the Electron build
// (electron-vite bundles src/node into out/main/index.js) it is out/main/import-worker.js, an
// extra input of the main build (electron.vite.config.ts).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ImportError, type ImportBatch, type ImportedCi } from '../../core/formats/import';
import type { CsvMapping, ImportFormat } from '../../shared/data-types';
import { WorkerMessageSchema, type ClientMessage, type ParseRequest, type WorkerMessage } from './messages';
import { unpackCis } from './packed-cis';
import { ImportSourceError, type ImportSource } from './read-source';

/** The name of the built worker beside the bundled main (see electron.vite.config.ts). */
export const BUILT_WORKER_FILE = 'import-worker.js';

export interface WorkerParseRequest {
  content: string;
  fileName: string;
  format?: ImportFormat;
  csvMapping?: CsvMapping;
  /** Remembered CSV mappings by header key. */
  rememberedMappings?: Record<string, CsvMapping>;
  includeAttributes?: boolean;
  /** Keep the readable part of a file with unreadable documents or rows. */
  skipUnreadable?: boolean;
  /** At most one progress report per this many ms; DEFAULT_PROGRESS_INTERVAL_MS when absent. */
  progressIntervalMs?: number;
}

/** Progress reports several times a second, not more (each one is a message to the service's loop). */
export const DEFAULT_PROGRESS_INTERVAL_MS = 100;

/** Where a parse job is: `parsing` with the parser's fraction (0…1; a CSV file's CIs already come over meanwhile), then `receiving` the rest, counting every item. */
export interface WorkerProgress {
  phase: 'parsing' | 'receiving';
  /** Of this phase, 0…1. */
  fraction: number;
  unit?: 'bytes' | 'rows' | 'items';
  done?: number;
  total?: number;
}

export interface ParseJob {
  /** The read file; rejects with ImportError, ImportSourceError, ImportCancelledError or ImportWorkerError. */
  readonly result: Promise<ImportSource>;
  /** Terminates the worker; `result` then rejects with ImportCancelledError (no-op once settled). */
  cancel(): void;
  /** Resolves once the worker thread has exited (it is terminated when the job settles, whichever way). */
  readonly exited: Promise<void>;
}

export class ImportCancelledError extends Error {
  constructor(fileName: string) {
    super(`The import of ${fileName} was cancelled; nothing was imported.`);
    this.name = 'ImportCancelledError';
  }
}

/** The worker failed (crashed, or sent what it should not): a bug, not a problem of the file. */
export class ImportWorkerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImportWorkerError';
  }
}

interface WorkerEntry {
  /** The worker's script, or code to evaluate (the tsx bootstrap). */
  script: string | URL;
  eval: boolean;
}

let cachedEntry: WorkerEntry | null = null;

/** How to start the worker from wherever this module runs (see the header). */
export function workerEntry(): WorkerEntry {
  if (cachedEntry) return cachedEntry;
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    // From source: load worker.ts through tsx's ESM API (a worker does not take `--import` in execArgv).
    const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/index\.cjs$/, 'index.mjs');
    const target = pathToFileURL(join(dirname(here), 'worker.ts')).href;
    const code = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(target)}); });`;
    cachedEntry = { script: code, eval: true };
    return cachedEntry;
  }
  // Built: beside the bundle that holds this code (out/main/index.js), or one folder up from a shared chunk.
  const candidates = [join(dirname(here), BUILT_WORKER_FILE), join(dirname(dirname(here)), BUILT_WORKER_FILE)];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new ImportWorkerError(`The import worker is missing (looked for ${candidates.join(' and ')}).`);
  cachedEntry = { script: pathToFileURL(found), eval: false };
  return cachedEntry;
}

function importErrorFrom(message: Extract<WorkerMessage, { type: 'error' }>): Error {
  if (message.kind === 'import' && message.importError) {
    const { code, place, reason } = message.importError;
    return new ImportError(code, place, reason);
  }
  if (message.kind === 'source') return new ImportSourceError(message.message, message.issues ?? []);
  return new ImportWorkerError(`The import worker failed: ${message.message}`);
}

/** Starts reading one import file in a new worker thread. */
export function startParseJob(request: WorkerParseRequest, onProgress?: (progress: WorkerProgress) => void): ParseJob {
  let settled = false;
  let worker: Worker | null = null;
  let rejectResult: (error: Error) => void = () => undefined;
  let markExited: () => void = () => undefined;
  const exited = new Promise<void>((resolve) => {
    markExited = resolve;
  });
  const finish = (): void => {
    settled = true;
    const w = worker;
    worker = null;
    if (w) void w.terminate();
  };

  const result = new Promise<ImportSource>((resolve, reject) => {
    rejectResult = (error) => {
      if (settled) return;
      finish();
      reject(error);
    };
    try {
      const entry = workerEntry();
      worker = new Worker(entry.script, { eval: entry.eval });
    } catch (error) {
      markExited();
      rejectResult(error instanceof Error ? error : new ImportWorkerError(String(error)));
      return;
    }
    let begin: Extract<WorkerMessage, { type: 'begin' }> | null = null;
    const batch: ImportBatch = { format: 'csv-cis', cis: [], relationships: [], rejected: [], warnings: [] };
    let received = 0;
    let expected = 0;
    // Asked for on a later turn of the event loop, so that other work (HTTP, IPC) runs between parts.
    const askForNext = (): void => {
      setImmediate(() => {
        const next: ClientMessage = { type: 'next' };
        if (!settled) worker?.postMessage(next);
      });
    };

    worker.on('message', (raw: unknown) => {
      if (settled) return;
      const parsed = WorkerMessageSchema.safeParse(raw);
      if (!parsed.success) {
        rejectResult(new ImportWorkerError(`The import worker sent a malformed message: ${parsed.error.message}`));
        return;
      }
      const message = parsed.data;
      switch (message.type) {
        case 'progress':
          onProgress?.({
            phase: 'parsing',
            fraction: message.fraction,
            ...(message.unit ? { unit: message.unit } : {}),
            ...(message.done !== undefined ? { done: message.done } : {}),
            ...(message.total !== undefined ? { total: message.total } : {}),
          });
          return;
        case 'begin':
          begin = message;
          batch.format = message.format;
          batch.warnings = message.warnings;
          if (message.leftOut) batch.leftOut = message.leftOut;
          expected = message.counts.cis + message.counts.relationships + message.counts.changes + message.counts.incidents + message.counts.problems + message.counts.rejected;
          onProgress?.({ phase: 'receiving', fraction: expected > 0 ? received / expected : 0, unit: 'items', done: received, total: expected });
          askForNext();
          return;
        case 'part': {
          // Before `begin`: a CSV file's CIs and rejections, handed on while it is being read.
          let cis: ImportedCi[];
          try {
            cis = unpackCis(message.cis);
          } catch (error) {
            rejectResult(new ImportWorkerError(`The import worker sent a malformed part: ${(error as Error).message}`));
            return;
          }
          for (const ci of cis) batch.cis.push(ci);
          for (const rel of message.relationships) batch.relationships.push(rel);
          for (const rejection of message.rejected) batch.rejected.push(rejection);
          for (const [list, items] of [
            ['changes', message.changes],
            ['incidents', message.incidents],
            ['problems', message.problems],
          ] as const) {
            if (items.length === 0) continue;
            const into: unknown[] = (batch[list] ??= []);
            for (const item of items) into.push(item);
          }
          received += cis.length + message.relationships.length + message.changes.length + message.incidents.length + message.problems.length + message.rejected.length;
          if (begin) onProgress?.({ phase: 'receiving', fraction: expected > 0 ? received / expected : 1, unit: 'items', done: received, total: expected });
          askForNext();
          return;
        }
        case 'end': {
          if (!begin || received !== expected) {
            rejectResult(new ImportWorkerError(`The import worker sent ${received} of ${expected} items.`));
            return;
          }
          const source: ImportSource = { format: begin.format, batch: begin.hasBatch ? batch : null, ...(begin.csv ? { csv: begin.csv } : {}) };
          finish();
          resolve(source);
          return;
        }
        case 'error':
          rejectResult(importErrorFrom(message));
          return;
      }
    });
    worker.on('error', (error) => rejectResult(new ImportWorkerError(`The import worker crashed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => {
      markExited();
      rejectResult(new ImportWorkerError(`The import worker stopped (exit code ${code}) before it finished.`));
    });

    const message: ParseRequest = {
      type: 'parse',
      content: request.content,
      fileName: request.fileName,
      ...(request.format ? { format: request.format } : {}),
      ...(request.csvMapping ? { csvMapping: request.csvMapping } : {}),
      rememberedMappings: request.rememberedMappings ?? {},
      includeAttributes: request.includeAttributes ?? false,
      skipUnreadable: request.skipUnreadable ?? false,
      progressIntervalMs: request.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS,
    };
    worker.postMessage(message);
  });

  return {
    result,
    cancel: () => rejectResult(new ImportCancelledError(request.fileName)),
    exited,
  };
}
