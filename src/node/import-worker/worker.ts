// The import worker's entry: reads one import file per 'parse' message (format detection, CSV
// mapping, the core's parser) off the service's event loop, reporting progress a few times a
// second, and hands the batch over in parts, one per 'next' from the client: a CSV file's CIs
// while it is still being read, so that the worker never holds them all (see messages.ts).
// Started by client.ts; built to out/main/import-worker.js.
import { parentPort } from 'node:worker_threads';
import { ImportError, type ImportBatch, type ImportedChange, type ImportedIncident, type ImportedProblem } from '../../core/formats/import';
import { ClientMessageSchema, PART_SIZE, parseFraction, type ParseRequest, type WorkerMessage } from './messages';
import { packCis } from './packed-cis';
import { ImportSourceError, readImportSourceParts, type ImportSource } from './read-source';

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

type Post = (message: WorkerMessage) => void;

/** One part's message: CIs in columns, the rest as they are. */
function partMessage(items: { cis: ImportBatch['cis']; relationships?: ImportBatch['relationships']; changes?: ImportedChange[]; incidents?: ImportedIncident[]; problems?: ImportedProblem[]; rejected: ImportBatch['rejected'] }): WorkerMessage {
  return {
    type: 'part',
    cis: packCis(items.cis),
    relationships: items.relationships ?? [],
    changes: items.changes ?? [],
    incidents: items.incidents ?? [],
    problems: items.problems ?? [],
    rejected: items.rejected,
  };
}

/**
 * The messages of one parse, each after the client asked for the next: the parts handed on while
 * reading, `begin` with the totals, the rest of the batch in parts, `end`. Progress is posted
 * directly as it comes. An error ends the generator with an error message.
 */
function* parseMessages(request: ParseRequest, post: Post): Generator<WorkerMessage, void, void> {
  let last = -Infinity;
  post({ type: 'progress', fraction: 0 });
  const counts = { cis: 0, relationships: 0, changes: 0, incidents: 0, problems: 0, rejected: 0 };
  const parts = readImportSourceParts(request.content, {
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
  let source: ImportSource;
  try {
    for (;;) {
      const step = parts.next();
      if (step.done) {
        source = step.value;
        break;
      }
      counts.cis += step.value.cis.length;
      counts.rejected += step.value.rejected.length;
      yield partMessage(step.value);
    }
  } catch (error) {
    yield errorMessageFor(error);
    return;
  }
  post({ type: 'progress', fraction: 1 });
  const batch: ImportBatch | null = source.batch;
  const changes = batch?.changes ?? [];
  const incidents = batch?.incidents ?? [];
  const problems = batch?.problems ?? [];
  yield {
    type: 'begin',
    format: source.format,
    hasBatch: batch !== null,
    ...(source.csv ? { csv: source.csv } : {}),
    warnings: batch?.warnings ?? [],
    ...(batch?.leftOut ? { leftOut: batch.leftOut } : {}),
    counts: {
      cis: counts.cis + (batch?.cis.length ?? 0),
      relationships: batch?.relationships.length ?? 0,
      changes: changes.length,
      incidents: incidents.length,
      problems: problems.length,
      rejected: counts.rejected + (batch?.rejected.length ?? 0),
    },
  };
  if (batch) {
    const longest = Math.max(batch.cis.length, batch.relationships.length, changes.length, incidents.length, problems.length, batch.rejected.length);
    for (let start = 0; start < longest; start += PART_SIZE) {
      const end = start + PART_SIZE;
      yield partMessage({
        cis: batch.cis.slice(start, end),
        relationships: batch.relationships.slice(start, end),
        changes: changes.slice(start, end),
        incidents: incidents.slice(start, end),
        problems: problems.slice(start, end),
        rejected: batch.rejected.slice(start, end),
      });
    }
  }
  yield { type: 'end' };
}

/** The parse under way: its next message goes out on the client's next 'next'. */
let pending: Generator<WorkerMessage, void, void> | null = null;

function sendNext(post: Post): void {
  const step = pending?.next();
  if (!step || step.done) {
    pending = null;
    return;
  }
  post(step.value);
}

function receive(raw: unknown, post: (message: WorkerMessage) => void): void {
  const parsed = ClientMessageSchema.safeParse(raw);
  if (!parsed.success) {
    post({ type: 'error', kind: 'internal', message: `the import worker got a malformed message: ${parsed.error.message}` });
    return;
  }
  if (parsed.data.type === 'parse') pending = parseMessages(parsed.data, post);
  sendNext(post);
}

const port = parentPort;
if (!port) throw new Error('The import worker must run in a worker thread.');
port.on('message', (message: unknown) => receive(message, (out) => port.postMessage(out)));
