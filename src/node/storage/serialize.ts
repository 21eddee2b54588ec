// Compact JSON of a checkpoint (schemaVersion 3, columns: core/checkpoint/columns.ts),
// produced in pieces so that 100k CIs never block the event loop for long: the columns are
// encoded a slice of items at a time, then each column is written one JSON.stringify per
// slice of entries (or of characters, for the long strings), and the generator yields to the
// event loop between slices.
import { encodeCheckpointSteps, type ColumnarCheckpoint } from '../../core/checkpoint/columns';
import type { CmdbDocument } from '../../shared/model';
import { yieldToEventLoop } from './fs-util';

export interface SerializeOptions {
  /** CIs encoded, and CI column entries stringified, per slice. */
  ciChunk?: number;
  /** Relationships encoded, and relationship column entries stringified, per slice. */
  relationshipChunk?: number;
}

/** The first key of every checkpoint: says the file is a Faultline document (checkpoint.ts reads it). */
export const FORMAT_MARKER = 'faultline';

export const DEFAULT_CI_CHUNK = 5_000;
export const DEFAULT_RELATIONSHIP_CHUNK = 20_000;

/** Characters of a long string (an id column, a packed column) per JSON.stringify call. */
const STRING_SLICE = 256 * 1024;

/** Pieces shorter than this are held back and joined to the next one (fewer, larger writes). */
const MIN_PIECE = 64 * 1024;

/**
 * Yields the document as compact JSON in the current checkpoint format: exactly
 * JSON.stringify of its columns. `document` must be a snapshot whose arrays nobody changes
 * meanwhile — documentFromCmdb gives exactly that: fresh arrays (a shallow copy taken at
 * once) of CI and relationship objects, which are never mutated in place. So the CMDB may go
 * on changing while this runs; the pieces still describe one moment.
 */
export async function* serializeDocument(document: CmdbDocument, options: SerializeOptions = {}): AsyncGenerator<string> {
  const ciChunk = Math.max(1, Math.floor(options.ciChunk ?? DEFAULT_CI_CHUNK));
  const relationshipChunk = Math.max(1, Math.floor(options.relationshipChunk ?? DEFAULT_RELATIONSHIP_CHUNK));
  const steps = encodeCheckpointSteps(document, { cis: ciChunk, relationships: relationshipChunk });
  let columns: ColumnarCheckpoint;
  for (;;) {
    const step = steps.next();
    if (step.done) {
      columns = step.value;
      break;
    }
    await yieldToEventLoop();
  }
  const { schemaVersion, journalSeq, settings } = columns;
  const head = JSON.stringify({ format: FORMAT_MARKER, schemaVersion, journalSeq, settings });
  let pending = `${head.slice(0, -1)},"cis":`;
  const sections: [unknown, number, string][] = [
    [columns.cis, ciChunk, ',"relationships":'],
    [columns.relationships, relationshipChunk, ',"records":'],
    [columns.records, relationshipChunk, '}'],
  ];
  for (const [section, chunk, after] of sections) {
    for (const text of objectJson(section, chunk)) {
      if (text === null) {
        // A slice was stringified: let the event loop run, and write once enough text is waiting.
        if (pending.length >= MIN_PIECE) {
          yield pending;
          pending = '';
        }
        await yieldToEventLoop();
      } else {
        pending += text;
      }
    }
    pending += after;
  }
  yield pending;
}

/**
 * The JSON of a column tree — objects of arrays and strings (and of such objects) — as text
 * pieces, with null after each slice of an array or a long string was stringified (a good
 * moment to pause). Array entries are stringified whole, `chunk` of them per JSON.stringify call
 * (fewer when they are long strings).
 */
function* objectJson(value: unknown, chunk: number): Generator<string | null> {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (let start = 0; start < value.length; ) {
      // `chunk` entries, or fewer when they are long strings (the groups of an id column).
      let end = start;
      let characters = 0;
      while (end < value.length && end - start < chunk && characters < STRING_SLICE) {
        const item: unknown = value[end++];
        if (typeof item === 'string') characters += item.length;
      }
      const json = JSON.stringify(value.slice(start, end));
      // Drop the slice's own brackets; join slices with a comma.
      yield `${start === 0 ? '[' : ','}${json.slice(1, -1)}`;
      yield null;
      start = end;
    }
    yield ']';
    return;
  }
  if (typeof value === 'string' && value.length > STRING_SLICE) {
    // Escaping is per character, so slices stringified apart join to the same text (the long
    // strings of a checkpoint are id groups and packed digits: ASCII, no surrogate pair to split).
    yield '"';
    for (let start = 0; start < value.length; start += STRING_SLICE) {
      yield JSON.stringify(value.slice(start, start + STRING_SLICE)).slice(1, -1);
      yield null;
    }
    yield '"';
    return;
  }
  if (typeof value !== 'object' || value === null) {
    yield JSON.stringify(value);
    return;
  }
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    yield `${first ? '{' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* objectJson(item, chunk);
  }
  yield first ? '{}' : '}';
}

/** The whole document as one string (tests, small documents). */
export async function serializeDocumentToString(document: CmdbDocument, options: SerializeOptions = {}): Promise<string> {
  let out = '';
  for await (const piece of serializeDocument(document, options)) out += piece;
  return out;
}
