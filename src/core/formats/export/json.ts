// JSON snapshot export: the scope as a CmdbDocument (one object per CI and per relationship,
// schemaVersion 1: the form a checkpoint had before version 2's columns, which Faultline still opens),
// pretty-printed with a stable key order and every list sorted by id, so two exports of the
// same CMDB are byte-identical and diff cleanly. CmdbDocumentSchema.parse of the text gives
// back exactly the CIs, relationships and records given (the round trip is lossless).
import { OBJECT_FORMAT_VERSION, type Ci, type CmdbDocument, type Relationship } from '../../../shared/model';
import { compareIds, normalizeScope, setOwn, sortedKeys, type ExportScope } from './scope';
import { runSteps, STEP_SLICE, type Steps } from '../../steps';

export interface JsonSnapshotOptions {
  /** The journal sequence the document stands at; 0 (a fresh document) unless given. */
  journalSeq?: number;
  settings?: Record<string, unknown>;
  /** The records of the other kinds (changes, incidents, settings…) by kind: given for a whole-CMDB snapshot, left out of a partial one. */
  records?: CmdbDocument['records'];
}

function sortedMap(map: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of sortedKeys(map)) setOwn(out, key, map[key]);
  return out;
}

/** A CI with its keys in schema order and its maps' keys sorted. */
export function canonicalCi(ci: Ci): Ci {
  return {
    id: ci.id,
    name: ci.name,
    class: ci.class,
    environment: ci.environment,
    criticality: ci.criticality,
    owner: ci.owner,
    status: ci.status,
    tags: [...ci.tags],
    attributes: sortedMap(ci.attributes),
    externalIds: sortedMap(ci.externalIds),
    ...(ci.redundancy !== undefined ? { redundancy: { minHealthy: ci.redundancy.minHealthy } } : {}),
    createdAt: ci.createdAt,
    updatedAt: ci.updatedAt,
  };
}

export function canonicalRelationship(rel: Relationship): Relationship {
  const out: Relationship = { id: rel.id, source: rel.source, target: rel.target, type: rel.type, strength: rel.strength };
  if (rel.inferred !== undefined) out.inferred = rel.inferred;
  return out;
}

/** Any JSON value with object keys sorted, recursively (for free-form settings). */
function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort(compareIds)) setOwn(out, key, sortKeysDeep(source[key]));
    return out;
  }
  return value;
}

/** Records by kind in a stable order: kinds by name, records by id, keys sorted; kinds without records left out. */
function canonicalRecords(records: NonNullable<CmdbDocument['records']>): NonNullable<CmdbDocument['records']> {
  const out: NonNullable<CmdbDocument['records']> = {};
  for (const kind of Object.keys(records).sort(compareIds)) {
    const items = records[kind];
    if (items.length === 0) continue;
    const sorted = [...items].sort((a, b) => compareIds(a.id, b.id)).map((item) => sortKeysDeep(item) as (typeof items)[number]);
    setOwn(out, kind, sorted);
  }
  return out;
}

export function snapshotDocument(scope: ExportScope, options: JsonSnapshotOptions = {}): CmdbDocument {
  const { cis, relationships } = normalizeScope(scope);
  return {
    schemaVersion: OBJECT_FORMAT_VERSION,
    journalSeq: options.journalSeq ?? 0,
    cis: cis.map(canonicalCi),
    relationships: relationships.map(canonicalRelationship),
    records: canonicalRecords(options.records ?? {}),
    settings: sortKeysDeep(options.settings ?? {}) as Record<string, unknown>,
  };
}

export function writeJsonSnapshot(scope: ExportScope, options: JsonSnapshotOptions = {}): string {
  return runSteps(writeJsonSnapshotSteps(scope, options));
}

/**
 * The same text as JSON.stringify(snapshotDocument(…), null, 2) plus a newline, written
 * STEP_SLICE items at a time: each slice of an array is stringified on its own and indented
 * one level deeper (JSON strings hold no raw line breaks, so re-indenting by line is safe).
 */
export function* writeJsonSnapshotSteps(scope: ExportScope, options: JsonSnapshotOptions = {}): Steps<string> {
  const document = snapshotDocument(scope, options);
  const pieces: string[] = [`{\n  "schemaVersion": ${document.schemaVersion},\n  "journalSeq": ${document.journalSeq},\n`];
  for (const key of ['cis', 'relationships'] as const) {
    const items: readonly unknown[] = document[key];
    if (items.length === 0) {
      pieces.push(`  "${key}": [],\n`);
      continue;
    }
    pieces.push(`  "${key}": [\n`);
    for (let start = 0; start < items.length; start += STEP_SLICE) {
      if (start > 0) {
        yield;
        pieces.push(',\n');
      }
      const slice = JSON.stringify(items.slice(start, start + STEP_SLICE), null, 2);
      pieces.push(`  ${slice.slice(2, -2).replace(/\n/g, '\n  ')}`);
    }
    pieces.push('\n  ],\n');
  }
  pieces.push(`  "records": ${JSON.stringify(document.records ?? {}, null, 2).replace(/\n/g, '\n  ')},\n`);
  pieces.push(`  "settings": ${JSON.stringify(document.settings, null, 2).replace(/\n/g, '\n  ')}\n}\n`);
  return pieces.join('');
}
