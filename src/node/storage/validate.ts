// Validation of a parsed checkpoint against CmdbDocumentSchema, plus the integrity the
// graph needs (unique ids, relationship ends that exist, no duplicates or self-loops).
//
// zod is the judge, but running it over 100k CIs costs most of a second and copies every
// object. So a document is first checked by `isCanonicalCi` / `isCanonicalRelationship`:
// exact, allocation-free checks that accept a value only when zod would accept it AND
// return it unchanged (already trimmed, no unknown keys). Anything they do not accept
// goes through zod, which either normalises it or names the field at fault. A property
// test (test/unit/node/storage/validate.test.ts) holds the two to that contract.
import {
  CI_CLASSES,
  CI_STATUSES,
  CmdbDocumentSchema,
  ID_PATTERN,
  IsoTimeSchema,
  RELATIONSHIP_TYPES,
  type Ci,
  type CmdbDocument,
  type Relationship,
} from '../../shared/model';
import { CorruptFileError } from './errors';

const CI_KEYS = new Set([
  'id',
  'name',
  'class',
  'environment',
  'criticality',
  'owner',
  'status',
  'tags',
  'attributes',
  'externalIds',
  'redundancy',
  'createdAt',
  'updatedAt',
]);
const RELATIONSHIP_KEYS = new Set(['id', 'source', 'target', 'type', 'strength', 'inferred']);
const CLASSES = new Set<string>(CI_CLASSES);
const STATUSES = new Set<string>(CI_STATUSES);
const TYPES = new Set<string>(RELATIONSHIP_TYPES);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function isTrimmedText(value: unknown, min: number, max: number): boolean {
  return typeof value === 'string' && value.length >= min && value.length <= max && value === value.trim();
}

let lastGoodTime = '';
function isIsoTime(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value === lastGoodTime) return true;
  if (!IsoTimeSchema.safeParse(value).success) return false;
  lastGoodTime = value;
  return true;
}

function isStringMap(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) {
    if (key.length < 1 || key.length > 128 || key === '__proto__') return false;
    const v = value[key];
    if (typeof v !== 'string' || v.length > 4000) return false;
  }
  return true;
}

/** True when CiSchema would accept `value` and return it unchanged. */
export function isCanonicalCi(value: unknown): value is Ci {
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (!CI_KEYS.has(key)) return false;
  const ci = value;
  if (typeof ci.id !== 'string' || !ID_PATTERN.test(ci.id)) return false;
  if (!isTrimmedText(ci.name, 1, 200)) return false;
  if (typeof ci.class !== 'string' || !CLASSES.has(ci.class)) return false;
  if (!isTrimmedText(ci.environment, 0, 200) || !isTrimmedText(ci.owner, 0, 200)) return false;
  const criticality = ci.criticality;
  if (typeof criticality !== 'number' || !Number.isInteger(criticality) || criticality < 1 || criticality > 4) return false;
  if (typeof ci.status !== 'string' || !STATUSES.has(ci.status)) return false;
  if (!Array.isArray(ci.tags)) return false;
  for (const tag of ci.tags) if (!isTrimmedText(tag, 1, 64)) return false;
  if (!isStringMap(ci.attributes) || !isStringMap(ci.externalIds)) return false;
  if ('redundancy' in ci) {
    const r = ci.redundancy;
    if (!isPlainObject(r)) return false;
    const keys = Object.keys(r);
    if (keys.length !== 1 || keys[0] !== 'minHealthy') return false;
    const k = r.minHealthy;
    if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 1) return false;
  }
  return isIsoTime(ci.createdAt) && isIsoTime(ci.updatedAt);
}

/** True when RelationshipSchema would accept `value` and return it unchanged. */
export function isCanonicalRelationship(value: unknown): value is Relationship {
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (!RELATIONSHIP_KEYS.has(key)) return false;
  const rel = value;
  if (typeof rel.id !== 'string' || !ID_PATTERN.test(rel.id)) return false;
  if (typeof rel.source !== 'string' || !ID_PATTERN.test(rel.source)) return false;
  if (typeof rel.target !== 'string' || !ID_PATTERN.test(rel.target)) return false;
  if (typeof rel.type !== 'string' || !TYPES.has(rel.type)) return false;
  if (rel.strength !== 'hard' && rel.strength !== 'soft') return false;
  if ('inferred' in rel && typeof rel.inferred !== 'boolean') return false;
  return true;
}

/** `cis[12].attributes.region` style path of a zod issue. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/**
 * Validates a migrated checkpoint and returns it as a CmdbDocument; throws
 * CorruptFileError naming the first problems and where they are.
 */
export function validateDocument(raw: Record<string, unknown>, path: string): CmdbDocument {
  const document = fastValidate(raw) ?? slowValidate(raw, path);
  checkIntegrity(document, path);
  return document;
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
