// The import worker's entry: reads one import file per 'parse' message (format detection, CSV
// mapping, the core's parser) off the service's event loop, reporting progress a few times a
// second, then hands the batch over in parts, one per 'next' from the client. Started by client.ts; built to out/main/import-worker.js.
import { parentPort } from 'node:worker_threads';
import { ImportError, type ImportBatch } from '../../core/formats/import';
import { ClientMessageSchema, PART_SIZE, parseFraction, type ParseRequest, type WorkerMessage } from './messages';
import { ImportSourceError, readImportSource, type ImportSource } from './read-source';

function errorMessageFor(error: unknown): WorkerMessage {
  if (error instanceof ImportError) {
    const place: { file: string; line?: number; column?: number; row?: number; path?: string; field?: string } = { file: error.file };
    if (error.line !== undefined) place.line = error.line;
    if (error.column !== undefined) place.column = error.column;
    if (error.row !== undefined) place.row = error.row;
    if (error.path !== undefined) place.path = error.path;
    if (error.field !== undefined) place.field = error.field;
    return { type: 'error', kind: 'import', message: error.message, importError: { code: error.code, place, reason: error.reason } };
  }
  if (error instanceof ImportSourceError) return { type: 'error', kind: 'source', message: error.message, issues: error.issues };
  return { type: 'error', kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** The parts of a read batch, sent one per 'next' from the client. */
let pendingParts: WorkerMessage[] = [];

function queueBatch(post: (message: WorkerMessage) => void, source: ImportSource): void {
  const batch: ImportBatch | null = source.batch;
  post({
    type: 'begin',
    format: source.format,
    hasBatch: batch !== null,
    ...(source.csv ? { csv: source.csv } : {}),
    warnings: batch?.warnings ?? [],
    ...(batch?.leftOut ? { leftOut: batch.leftOut } : {}),
    counts: {
      cis: batch?.cis.length ?? 0,
      relationships: batch?.relationships.length ?? 0,
      changes: batch?.changes?.length ?? 0,
      incidents: batch?.incidents?.length ?? 0,
      problems: batch?.problems?.length ?? 0,
      rejected: batch?.rejected.length ?? 0,
    },
  });
  const parts: WorkerMessage[] = [];
  if (batch) {
    const changes = batch.changes ?? [];
    const incidents = batch.incidents ?? [];
    const problems = batch.problems ?? [];
    const longest = Math.max(batch.cis.length, batch.relationships.length, changes.length, incidents.length, problems.length, batch.rejected.length);
    for (let start = 0; start < longest; start += PART_SIZE) {
      const end = start + PART_SIZE;
      parts.push({
        type: 'part',
        cis: batch.cis.slice(start, end),
        relationships: batch.relationships.slice(start, end),
        changes: changes.slice(start, end),
        incidents: incidents.slice(start, end),
        problems: problems.slice(start, end),
        rejected: batch.rejected.slice(start, end),
      });
    }
  }
  parts.push({ type: 'end' });
  pendingParts = parts;
}

function sendNextPart(post: (message: WorkerMessage) => void): void {
  const next = pendingParts.shift();
  if (next) post(next);
}

function run(request: ParseRequest, post: (message: WorkerMessage) => void): void {
  let last = -Infinity;
  post({ type: 'progress', fraction: 0 });
  let source: ImportSource;
  try {
    source = readImportSource(request.content, {
      fileName: request.fileName,
      ...(request.format ? { format: request.format } : {}),
      ...(request.csvMapping ? { csvMapping: request.csvMapping } : {}),
      rememberedMapping: (key) => (Object.hasOwn(request.rememberedMappings, key) ? request.rememberedMappings[key] : undefined),
      includeAttributes: request.includeAttributes,
      skipUnreadable: request.skipUnreadable,
      onProgress: (progress) => {
        const now = Date.now();
        if (now - last < request.progressIntervalMs) return;
        last = now;
        post({ type: 'progress', fraction: parseFraction(progress), unit: progress.unit, done: progress.done, total: progress.total });
      },
    });
  } catch (error) {
    post(errorMessageFor(error));
    return;
  }
  post({ type: 'progress', fraction: 1 });
  queueBatch(post, source);
}

function receive(raw: unknown, post: (message: WorkerMessage) => void): void {
  const parsed = ClientMessageSchema.safeParse(raw);
  if (!parsed.success) {
    post({ type: 'error', kind: 'internal', message: `the import worker got a malformed message: ${parsed.error.message}` });
    return;
  }
  if (parsed.data.type === 'next') sendNextPart(post);
  else run(parsed.data, post);
}

const port = parentPort;
if (!port) throw new Error('The import worker must run in a worker thread.');
port.on('message', (message: unknown) => receive(message, (out) => port.postMessage(out)));
