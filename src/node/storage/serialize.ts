// Compact JSON of a checkpoint, produced in pieces so that 100k CIs never block the event
// loop for long: each piece is one JSON.stringify over a slice of the arrays, and the
// generator yields to the event loop between pieces.
import type { CmdbDocument } from '../../shared/model';
import { yieldToEventLoop } from './fs-util';

export interface SerializeOptions {
  /** CIs per JSON.stringify call. */
  ciChunk?: number;
  /** Relationships per JSON.stringify call (they are about a third of a CI's size). */
  relationshipChunk?: number;
}

export const DEFAULT_CI_CHUNK = 1_000;
export const DEFAULT_RELATIONSHIP_CHUNK = 3_000;

/**
 * Yields the document as compact JSON. `document` must be a snapshot whose arrays nobody
 * changes meanwhile — documentFromCmdb gives exactly that: fresh arrays (a shallow copy
 * taken at once) of CI and relationship objects, which are never mutated in place. So the
 * CMDB may go on changing while this runs; the pieces still describe one moment.
 */
export async function* serializeDocument(document: CmdbDocument, options: SerializeOptions = {}): AsyncGenerator<string> {
  const { cis, relationships } = document;
  const head = {
    schemaVersion: document.schemaVersion,
    journalSeq: document.journalSeq,
    settings: document.settings,
  };
  const headJson = JSON.stringify(head);
  yield `${headJson.slice(0, -1)},"cis":[`;
  yield* arrayBody(cis, options.ciChunk ?? DEFAULT_CI_CHUNK);
  yield '],"relationships":[';
  yield* arrayBody(relationships, options.relationshipChunk ?? DEFAULT_RELATIONSHIP_CHUNK);
  yield ']}';
}

async function* arrayBody(items: readonly unknown[], chunk: number): AsyncGenerator<string> {
  const size = Math.max(1, Math.floor(chunk));
  for (let start = 0; start < items.length; start += size) {
    if (start > 0) await yieldToEventLoop();
    const json = JSON.stringify(items.slice(start, start + size));
    // Drop the slice's own brackets; join slices with a comma.
    yield (start > 0 ? ',' : '') + json.slice(1, -1);
  }
}

/** The whole document as one string (tests, small documents). */
export async function serializeDocumentToString(document: CmdbDocument, options: SerializeOptions = {}): Promise<string> {
  let out = '';
  for await (const piece of serializeDocument(document, options)) out += piece;
  return out;
}
