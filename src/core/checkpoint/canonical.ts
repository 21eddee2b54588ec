// Exact, allocation-free checks that accept a value only when the zod schemas of
// src/shared/model.ts would accept it AND return it unchanged (already trimmed, no unknown
// keys). Reading a checkpoint runs these instead of zod over 100k CIs; anything they do not
// accept goes through zod, which either normalises it or names the field at fault. A property
// test (test/unit/node/storage/validate.test.ts) holds them to that contract.
import {
  CI_CLASSES,
  CI_STATUSES,
  CiSchema,
  ID_PATTERN,
  IsoTimeSchema,
  RELATIONSHIP_TYPES,
  RelationshipSchema,
  type Ci,
  type Relationship,
} from '../../shared/model';

// The keys the schemas define: anything else makes zod strip it, so the value is not canonical.
const CI_KEYS = new Set<string>(Object.keys(CiSchema.shape));
const RELATIONSHIP_KEYS = new Set<string>(Object.keys(RelationshipSchema.shape));
const CLASSES = new Set<string>(CI_CLASSES);
const STATUSES = new Set<string>(CI_STATUSES);
const TYPES = new Set<string>(RELATIONSHIP_TYPES);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

export function isTrimmedText(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max && value === value.trim();
}

export function isCanonicalId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

// ID_PATTERN (a first character, then more of a class, up to a length) as a table: 2 for a
// character an id may start with, 1 for one it may only hold further on; and its longest id.
const ID_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (ID_PATTERN.test(ch)) ID_CHAR[c] = 2;
  else if (ID_PATTERN.test(`a${ch}`)) ID_CHAR[c] = 1;
}
let MAX_ID_LENGTH = 1;
while (MAX_ID_LENGTH < 4096 && ID_PATTERN.test('a'.repeat(MAX_ID_LENGTH + 1))) MAX_ID_LENGTH++;

/**
 * True when `group` is ids separated by single spaces, each matching ID_PATTERN (one pass over
 * the characters instead of one regular expression per id). A property test holds it to
 * ID_PATTERN.
 */
export function isCanonicalIdGroup(group: string): boolean {
  let length = 0;
  for (let i = 0; i < group.length; i++) {
    const c = group.charCodeAt(i);
    if (c === 0x20) {
      if (length === 0) return false;
      length = 0;
    } else {
      const kind = c < 128 ? ID_CHAR[c] : 0;
      if (kind === 0 || (length === 0 && kind !== 2) || ++length > MAX_ID_LENGTH) return false;
    }
  }
  return length > 0;
}

export function isCanonicalClass(value: unknown): value is Ci['class'] {
  return typeof value === 'string' && CLASSES.has(value);
}

export function isCanonicalStatus(value: unknown): value is Ci['status'] {
  return typeof value === 'string' && STATUSES.has(value);
}

export function isCanonicalType(value: unknown): value is Relationship['type'] {
  return typeof value === 'string' && TYPES.has(value);
}

export function isCanonicalStrength(value: unknown): value is Relationship['strength'] {
  return value === 'hard' || value === 'soft';
}

/** environment and owner: trimmed, at most 200 characters. */
export function isCanonicalShortText(value: unknown): value is string {
  return isTrimmedText(value, 0, 200);
}

export function isCanonicalName(value: unknown): value is string {
  return isTrimmedText(value, 1, 200);
}

export function isCanonicalCriticality(value: unknown): value is Ci['criticality'] {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 4;
}

export function isCanonicalMinHealthy(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

export function isCanonicalTags(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (const tag of value) if (!isTrimmedText(tag, 1, 64)) return false;
  return true;
}

let lastGoodTime = '';
export function isCanonicalTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (value === lastGoodTime) return true;
  if (!IsoTimeSchema.safeParse(value).success) return false;
  lastGoodTime = value;
  return true;
}

/** attributes and externalIds. */
export function isCanonicalStringMap(value: unknown): value is Record<string, string> {
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
  if (!isCanonicalId(ci.id) || !isCanonicalName(ci.name) || !isCanonicalClass(ci.class)) return false;
  if (!isCanonicalShortText(ci.environment) || !isCanonicalShortText(ci.owner)) return false;
  if (!isCanonicalCriticality(ci.criticality) || !isCanonicalStatus(ci.status) || !isCanonicalTags(ci.tags)) return false;
  if (!isCanonicalStringMap(ci.attributes) || !isCanonicalStringMap(ci.externalIds)) return false;
  if ('redundancy' in ci) {
    const r = ci.redundancy;
    if (!isPlainObject(r)) return false;
    const keys = Object.keys(r);
    if (keys.length !== 1 || keys[0] !== 'minHealthy' || !isCanonicalMinHealthy(r.minHealthy)) return false;
  }
  return isCanonicalTime(ci.createdAt) && isCanonicalTime(ci.updatedAt);
}

/** True when RelationshipSchema would accept `value` and return it unchanged. */
export function isCanonicalRelationship(value: unknown): value is Relationship {
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (!RELATIONSHIP_KEYS.has(key)) return false;
  const rel = value;
  if (!isCanonicalId(rel.id) || !isCanonicalId(rel.source) || !isCanonicalId(rel.target) || !isCanonicalType(rel.type)) return false;
  if (!isCanonicalStrength(rel.strength)) return false;
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
