// Validation of a parsed checkpoint. The current format (schemaVersion 2, columns) is read and
// checked by the core's decodeCheckpoint; this file names the file in its errors. A version 1
// document (one object per item) is validated here on its way to version 2 (migrations.ts):
// against CmdbDocumentSchema, plus the integrity the graph needs (unique ids, relationship
// ends that exist, no duplicates or self-loops).
//
// zod is the judge, but running it over 100k CIs costs most of a second and copies every
// object. So a document is first checked by `isCanonicalCi` / `isCanonicalRelationship`
// (src/core/checkpoint/canonical.ts): exact, allocation-free checks that accept a value only
// when zod would accept it AND return it unchanged. Anything they do not accept goes through
// zod, which either normalises it or names the field at fault.
import { CheckpointFormatError, decodeCheckpoint, nonEmptyRecords, type DecodedCheckpoint } from '../../core/checkpoint/decode';
import { checkDocumentRecords } from '../../core/records/validate';
import { formatIssuePath, isCanonicalCi, isCanonicalRelationship, isPlainObject } from '../../core/checkpoint/canonical';
import { CmdbDocumentSchema, RELATIONSHIP_TYPES, type CmdbDocument } from '../../shared/model';
import { CorruptFileError } from './errors';

export { formatIssuePath, isCanonicalCi, isCanonicalRelationship };

/**
 * Validates a checkpoint in the current schemaVersion and returns its CMDB as objects plus the
 * relationships' dense columns; throws CorruptFileError naming the file, the field
 * (`relationships.source[12]`, `cis.name[3]`) and the problem.
 */
export function validateDocument(raw: Record<string, unknown>, path: string): DecodedCheckpoint {
  try {
    return decodeCheckpoint(raw);
  } catch (error) {
    if (error instanceof CheckpointFormatError) throw new CorruptFileError(path, `${path}: ${error.message}`);
    throw error;
  }
}

/**
 * Validates a schemaVersion 1 document (already migrated from older versions) and returns it;
 * throws CorruptFileError naming the first problems and where they are (`cis[12].class`).
 */
export function validateVersion1(raw: Record<string, unknown>, path: string): CmdbDocument {
  const document = fastValidate(raw) ?? slowValidate(raw, path);
  checkIntegrity(document, path);
  const records = checkDocumentRecords(raw.records);
  if (!records.ok) throw new CorruptFileError(path, `${path}: ${records.field}: ${records.message}`);
  const { records: _unchecked, ...rest } = document;
  return { ...rest, ...nonEmptyRecords(records.value) };
}

function fastValidate(raw: Record<string, unknown>): CmdbDocument | null {
  const { schemaVersion, journalSeq, cis, relationships, settings } = raw;
  if (schemaVersion !== 1) return null;
  if (typeof journalSeq !== 'number' || !Number.isSafeInteger(journalSeq) || journalSeq < 0) return null;
  if (!Array.isArray(cis) || !Array.isArray(relationships) || !isPlainObject(settings)) return null;
  for (const ci of cis) if (!isCanonicalCi(ci)) return null;
  for (const rel of relationships) if (!isCanonicalRelationship(rel)) return null;
  return { schemaVersion, journalSeq, cis, relationships, settings };
}

function slowValidate(raw: Record<string, unknown>, path: string): CmdbDocument {
  const result = CmdbDocumentSchema.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const shown = issues.slice(0, 3).map((issue) => {
    const where = formatIssuePath(issue.path);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more problems)` : '';
  throw new CorruptFileError(path, `${path}: ${shown.join('; ')}${more}`);
}

const TYPE_CODE = new Map<string, number>(RELATIONSHIP_TYPES.map((type, i) => [type, i]));

/** A 52-bit hash of a string (two 32-bit multiplicative hashes), exact in a double. */
function hash52(text: string): number {
  let h1 = 0x811c9dc5 | 0;
  let h2 = (0x9747b28c ^ text.length) | 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0) * 0x100000 + ((h2 >>> 12) & 0xfffff);
}

function hasEqualNeighbours(values: Float64Array): boolean {
  values.sort();
  for (let i = 1; i < values.length; i++) if (values[i] === values[i - 1]) return true;
  return false;
}

/**
 * What the graph relies on: unique ids, relationship ends that exist, no self-loops, no
 * duplicate (source, target, type). At 100k CIs / 300k relationships string Sets cost
 * hundreds of milliseconds, so duplicates are looked for by sorting numbers — the exact
 * (source index, target index, type) key, and a 52-bit hash of each relationship id —
 * and only a suspected duplicate is confirmed (and located) with exact string sets.
 */
function checkIntegrity(document: CmdbDocument, path: string): void {
  const fail = (where: string, message: string): never => {
    throw new CorruptFileError(path, `${path}: ${where}: ${message}`);
  };
  const { cis, relationships } = document;
  const n = cis.length;
  const m = relationships.length;
  const indexOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = cis[i].id;
    if (indexOf.has(id)) fail(`cis[${i}].id`, `duplicate CI id ${id}`);
    indexOf.set(id, i);
  }
  // n² · 8 stays far below 2^53 for any CMDB that fits in memory, so each key is exact.
  const keys = new Float64Array(m);
  const idHashes = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const rel = relationships[i];
    const source = indexOf.get(rel.source);
    const target = indexOf.get(rel.target);
    if (source === undefined) return fail(`relationships[${i}].source`, `no CI with id ${rel.source}`);
    if (target === undefined) return fail(`relationships[${i}].target`, `no CI with id ${rel.target}`);
    if (source === target) fail(`relationships[${i}].target`, `relationship ${rel.id} relates ${rel.source} to itself`);
    keys[i] = (source * n + target) * 8 + (TYPE_CODE.get(rel.type) as number);
    idHashes[i] = hash52(rel.id);
  }
  if (hasEqualNeighbours(keys) || hasEqualNeighbours(idHashes)) locateDuplicates(relationships, fail);
}

function locateDuplicates(relationships: CmdbDocument['relationships'], fail: (where: string, message: string) => never): void {
  const ids = new Set<string>();
  const keys = new Set<string>();
  relationships.forEach((rel, i) => {
    if (ids.has(rel.id)) fail(`relationships[${i}].id`, `duplicate relationship id ${rel.id}`);
    ids.add(rel.id);
    const key = `${rel.source}\u0000${rel.target}\u0000${rel.type}`;
    if (keys.has(key)) fail(`relationships[${i}]`, `duplicate ${rel.type} relationship from ${rel.source} to ${rel.target}`);
    keys.add(key);
  });
}
