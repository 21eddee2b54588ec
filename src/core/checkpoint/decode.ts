// Reading a columnar checkpoint (columns.ts, schemaVersion 3) back into CI and relationship objects,
// validating as it goes. The first problem throws CheckpointFormatError naming the field:
//   - the shape of the columns (`cis.class.codes[7]`, `relationships.source[12]`) is checked
//     here, exactly: packed digits, lengths, table positions and CI positions in range, sorted
//     position lists;
//   - values are checked with the exact canonical predicates (each table value once); a CI or
//     relationship with any value they do not accept goes through zod (CiSchema,
//     RelationshipSchema), which normalises it or names the field (`cis.name[3]`,
//     `cis.attributes[3].region`: the CI's position in brackets);
//   - then what the graph relies on: unique CI and relationship ids, no self-loops, no two
//     relationships with the same (source, target, type);
//   - the records of the other kinds (`records.<kind>[i]`) against their kind's schema, ids
//     unique within a kind (core/records/validate.ts).
import {
  CiSchema,
  CURRENT_SCHEMA_VERSION,
  OBJECT_FORMAT_VERSION,
  RelationshipSchema,
  type Ci,
  type CmdbDocument,
  type Relationship,
  type ZodType,
} from '../../shared/model';
import type { DenseColumns } from '../graph/csr-index';
import { IdIndex } from '../graph/id-index';
import { RELATIONSHIP_CODE, STRENGTH_HARD, STRENGTH_SOFT } from '../graph/relationship-rules';
import { checkDocumentRecords } from '../records/validate';
import { unpackInts } from './packed';
import {
  formatIssuePath,
  isCanonicalClass,
  isCanonicalCriticality,
  isCanonicalId,
  isCanonicalIdGroup,
  isCanonicalMinHealthy,
  isCanonicalName,
  isCanonicalShortText,
  isCanonicalStatus,
  isCanonicalStrength,
  isCanonicalStringMap,
  isCanonicalTags,
  isCanonicalTime,
  isCanonicalType,
  isPlainObject,
} from './canonical';

/** A checkpoint that does not have the shape or values it must; `field` is where (`relationships.source[12]`). */
export class CheckpointFormatError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'CheckpointFormatError';
    this.field = field;
  }
}

export interface DecodedCheckpoint {
  /** The CMDB as objects; its schemaVersion is OBJECT_FORMAT_VERSION, the form it now has. */
  document: CmdbDocument;
  /** The relationships by dense index into document.cis (for buildIndexesFromColumns). */
  columns: DenseColumns;
}

/** A document with no records of the other kinds leaves `records` out (it is optional in CmdbDocument). */
export function nonEmptyRecords(records: NonNullable<CmdbDocument['records']>): Pick<CmdbDocument, 'records'> {
  return Object.keys(records).length > 0 ? { records } : {};
}

function fail(field: string, message: string): never {
  throw new CheckpointFormatError(field, `${field}: ${message}`);
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? 'nothing';
}

function columnsOf(value: unknown, field: string): Record<string, unknown> {
  if (!isPlainObject(value)) fail(field, `expected an object of columns, got ${describe(value)}`);
  return value;
}

function arrayOf(value: unknown, field: string, length?: number, what = 'one per CI'): unknown[] {
  if (!Array.isArray(value)) fail(field, `expected an array, got ${describe(value)}`);
  if (length !== undefined && value.length !== length) fail(field, `expected ${length} entries (${what}), got ${value.length}`);
  return value;
}

/** A packed column (packed.ts) of `length` entries (any length when not given). */
function packedOf(value: unknown, field: string, length?: number, what = 'one per CI'): Int32Array {
  const ints = unpackInts(value);
  if (!(ints instanceof Int32Array)) fail(ints.at < 0 ? field : `${field}[${ints.at}]`, ints.error);
  if (length !== undefined && ints.length !== length) fail(field, `expected ${length} entries (${what}), got ${ints.length}`);
  return ints;
}

/**
 * An id column: groups of ids, each group one string of ids separated by single spaces.
 * `canonical` is true when every group holds only valid ids (one pass over each group's
 * characters instead of a regular expression per id); otherwise each id is checked on its own.
 */
function idsOf(value: unknown, field: string): { ids: string[]; canonical: boolean } {
  const groups = arrayOf(value, field);
  const parts: string[][] = [];
  let canonical = true;
  let total = 0;
  for (const group of groups) {
    if (typeof group !== 'string') fail(field, `expected strings of ids separated by spaces, got ${describe(group)}`);
    if (canonical && !isCanonicalIdGroup(group)) canonical = false;
    const part = group.split(' ');
    parts.push(part);
    total += part.length;
  }
  if (parts.length === 1) return { ids: parts[0], canonical };
  const ids = new Array<string>(total);
  let i = 0;
  for (const part of parts) for (const id of part) ids[i++] = id;
  return { ids, canonical };
}

interface Dict {
  values: unknown[];
  codes: Int32Array;
  /** 1 where the canonical predicate accepts values[k]. */
  ok: Uint8Array;
}

function dictOf(columns: Record<string, unknown>, key: string, field: string, length: number, what: string, canonical: (value: unknown) => boolean): Dict {
  const column = columnsOf(columns[key], field);
  const values = arrayOf(column.values, `${field}.values`);
  const codes = packedOf(column.codes, `${field}.codes`, length, what);
  const size = values.length;
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] >= size) fail(`${field}.codes[${i}]`, `expected a position in ${field}.values (below ${size}), got ${codes[i]}`);
  }
  const ok = new Uint8Array(size);
  for (let k = 0; k < size; k++) ok[k] = canonical(values[k]) ? 1 : 0;
  return { values, codes, ok };
}

/** A packed, strictly ascending list of positions below `limit`. */
function positionsOf(value: unknown, field: string, limit: number): Int32Array {
  const list = packedOf(value, field);
  let previous = -1;
  for (let k = 0; k < list.length; k++) {
    const p = list[k];
    if (p >= limit) fail(`${field}[${k}]`, `expected a position below ${limit}, got ${p}`);
    if (p <= previous) fail(`${field}[${k}]`, `positions must be in ascending order without repeats (${p} after ${previous})`);
    previous = p;
  }
  return list;
}

/** zod's verdict on one item: its normalised value, or a CheckpointFormatError naming up to three problems. */
function judge<T>(schema: ZodType<T>, raw: unknown, group: 'cis' | 'relationships', index: number): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const where = (path: readonly PropertyKey[]): string => {
    if (path.length === 0) return `${group}[${index}]`;
    const rest = formatIssuePath(path.slice(1));
    return `${group}.${String(path[0])}[${index}]${rest === '' || rest.startsWith('[') ? rest : `.${rest}`}`;
  };
  const shown = issues.slice(0, 3).map((issue) => `${where(issue.path)}: ${issue.message}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more problems)` : '';
  throw new CheckpointFormatError(where(issues[0]?.path ?? []), `${shown.join('; ')}${more}`);
}

/**
 * Validates a parsed checkpoint of the current schemaVersion (3) and returns its CMDB as objects plus the
 * dense relationship columns. Tables are shared: CIs with the same tag list or attribute map
 * share one (immutable) object.
 */
export function decodeCheckpoint(raw: Record<string, unknown>): DecodedCheckpoint {
  if (raw.schemaVersion !== CURRENT_SCHEMA_VERSION) fail('schemaVersion', `expected ${CURRENT_SCHEMA_VERSION}, got ${describe(raw.schemaVersion)}`);
  const { journalSeq } = raw;
  if (typeof journalSeq !== 'number' || !Number.isSafeInteger(journalSeq) || journalSeq < 0) {
    fail('journalSeq', `expected a whole number of at least 0, got ${describe(journalSeq)}`);
  }
  let settings: Record<string, unknown> = {};
  if (raw.settings !== undefined) {
    if (!isPlainObject(raw.settings)) fail('settings', `expected an object, got ${describe(raw.settings)}`);
    settings = raw.settings;
  }
  const { cis, indexOf } = decodeCis(columnsOf(raw.cis, 'cis'));
  const { relationships, ...dense } = decodeRelationships(columnsOf(raw.relationships, 'relationships'), cis);
  if (raw.records === undefined) fail('records', 'expected an object of record lists by kind, got nothing');
  const records = checkDocumentRecords(raw.records);
  if (!records.ok) fail(records.field, records.message);
  return {
    document: { schemaVersion: OBJECT_FORMAT_VERSION, journalSeq, cis, relationships, ...nonEmptyRecords(records.value), settings },
    columns: { indexOf, ...dense },
  };
}

function decodeCis(columns: Record<string, unknown>): { cis: Ci[]; indexOf: IdIndex } {
  const { ids, canonical: idsCanonical } = idsOf(columns.id, 'cis.id');
  const n = ids.length;
  const names = arrayOf(columns.name, 'cis.name', n);
  const dict = (key: string, canonical: (value: unknown) => boolean): Dict => dictOf(columns, key, `cis.${key}`, n, 'one per CI', canonical);
  const cls = dict('class', isCanonicalClass);
  const environment = dict('environment', isCanonicalShortText);
  const criticality = dict('criticality', isCanonicalCriticality);
  const owner = dict('owner', isCanonicalShortText);
  const status = dict('status', isCanonicalStatus);
  const tags = dict('tags', isCanonicalTags);
  const attributes = dict('attributes', isCanonicalStringMap);
  const externalIds = dict('externalIds', isCanonicalStringMap);
  const createdAt = dict('createdAt', isCanonicalTime);
  const updatedAt = dict('updatedAt', isCanonicalTime);
  const redundancy = columnsOf(columns.redundancy, 'cis.redundancy');
  const redundant = positionsOf(redundancy.ci, 'cis.redundancy.ci', n);
  const minHealthy = arrayOf(redundancy.minHealthy, 'cis.redundancy.minHealthy', redundant.length, 'one per position in cis.redundancy.ci');

  const cis = new Array<Ci>(n);
  let r = 0;
  let nextRedundant = redundant.length > 0 ? redundant[0] : -1;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    const name = names[i];
    const c = cls.codes[i];
    const env = environment.codes[i];
    const crit = criticality.codes[i];
    const own = owner.codes[i];
    const st = status.codes[i];
    const tg = tags.codes[i];
    const at = attributes.codes[i];
    const ex = externalIds.codes[i];
    const cr = createdAt.codes[i];
    const up = updatedAt.codes[i];
    let k: unknown;
    const hasRedundancy = i === nextRedundant;
    if (hasRedundancy) {
      k = minHealthy[r++];
      nextRedundant = r < redundant.length ? redundant[r] : -1;
    }
    // One object in CiSchema's key order; kept as it is when every value passes the exact checks.
    const item: Record<string, unknown> = {
      id,
      name,
      class: cls.values[c],
      environment: environment.values[env],
      criticality: criticality.values[crit],
      owner: owner.values[own],
      status: status.values[st],
      tags: tags.values[tg],
      attributes: attributes.values[at],
      externalIds: externalIds.values[ex],
    };
    if (hasRedundancy) item.redundancy = { minHealthy: k };
    item.createdAt = createdAt.values[cr];
    item.updatedAt = updatedAt.values[up];
    const canonical =
      (idsCanonical || isCanonicalId(id)) &&
      isCanonicalName(name) &&
      (cls.ok[c] & environment.ok[env] & criticality.ok[crit] & owner.ok[own] & status.ok[st] & tags.ok[tg] & attributes.ok[at] & externalIds.ok[ex] & createdAt.ok[cr] & updatedAt.ok[up]) === 1 &&
      (!hasRedundancy || isCanonicalMinHealthy(k));
    const ci = canonical ? (item as Ci) : judge(CiSchema, item, 'cis', i);
    cis[i] = ci;
  }
  // zod never changes an id, so `ids` are the CIs' ids.
  const indexOf = IdIndex.build(ids);
  if (!(indexOf instanceof IdIndex)) fail(`cis.id[${indexOf.duplicateAt}]`, `duplicate CI id ${ids[indexOf.duplicateAt]}`);
  return { cis, indexOf };
}

function decodeRelationships(
  columns: Record<string, unknown>,
  cis: readonly Ci[],
): { relationships: Relationship[]; relationshipIndex: IdIndex; relSource: Int32Array; relTarget: Int32Array; relType: Uint8Array; relStrength: Uint8Array } {
  const n = cis.length;
  const { ids, canonical: idsCanonical } = idsOf(columns.id, 'relationships.id');
  const m = ids.length;
  const what = 'one per relationship';
  const relSource = packedOf(columns.source, 'relationships.source', m, what);
  const relTarget = packedOf(columns.target, 'relationships.target', m, what);
  const type = dictOf(columns, 'type', 'relationships.type', m, what, isCanonicalType);
  const typeCode = Int8Array.from(type.values, (value, k) => (type.ok[k] === 1 ? RELATIONSHIP_CODE[value as Relationship['type']] : -1));
  const strength = dictOf(columns, 'strength', 'relationships.strength', m, what, isCanonicalStrength);
  // 0: no `inferred`; 1: inferred true; 2: inferred false.
  const inferredMark = new Uint8Array(m);
  const inferred = columnsOf(columns.inferred, 'relationships.inferred');
  for (const e of positionsOf(inferred.true, 'relationships.inferred.true', m)) inferredMark[e] = 1;
  const falseList = positionsOf(inferred.false, 'relationships.inferred.false', m);
  for (let k = 0; k < falseList.length; k++) {
    const e = falseList[k];
    if (inferredMark[e] === 1) fail(`relationships.inferred.false[${k}]`, `relationship ${e} is listed in relationships.inferred.true as well`);
    inferredMark[e] = 2;
  }

  const relationships = new Array<Relationship>(m);
  const relType = new Uint8Array(m);
  const relStrength = new Uint8Array(m);
  for (let e = 0; e < m; e++) {
    const s = relSource[e];
    const t = relTarget[e];
    if (s >= n) fail(`relationships.source[${e}]`, `expected the position of a CI (below ${n}), got ${s}`);
    if (t >= n) fail(`relationships.target[${e}]`, `expected the position of a CI (below ${n}), got ${t}`);
    const id = ids[e];
    if (s === t) fail(`relationships.target[${e}]`, `relationship ${id} relates ${cis[s].id} to itself`);
    const tc = type.codes[e];
    const sc = strength.codes[e];
    const mark = inferredMark[e];
    let rel: Relationship;
    let code = typeCode[tc];
    if (code >= 0 && strength.ok[sc] === 1 && (idsCanonical || isCanonicalId(id))) {
      const relType = type.values[tc] as Relationship['type'];
      const relStrength = strength.values[sc] as Relationship['strength'];
      rel =
        mark === 0
          ? { id, source: cis[s].id, target: cis[t].id, type: relType, strength: relStrength }
          : { id, source: cis[s].id, target: cis[t].id, type: relType, strength: relStrength, inferred: mark === 1 };
    } else {
      const item: Record<string, unknown> = { id, source: cis[s].id, target: cis[t].id, type: type.values[tc], strength: strength.values[sc] };
      if (mark !== 0) item.inferred = mark === 1;
      rel = judge(RelationshipSchema, item, 'relationships', e);
      code = RELATIONSHIP_CODE[rel.type];
    }
    relationships[e] = rel;
    relType[e] = code;
    relStrength[e] = rel.strength === 'soft' ? STRENGTH_SOFT : STRENGTH_HARD;
  }
  const relationshipIndex = IdIndex.build(ids);
  const twin = firstRepeatedEdge(relSource, relTarget, relType);
  // Report whichever comes first in the file.
  const idTwin = relationshipIndex instanceof IdIndex ? -1 : relationshipIndex.duplicateAt;
  if (idTwin >= 0 && (twin < 0 || idTwin <= twin)) fail(`relationships.id[${idTwin}]`, `duplicate relationship id ${ids[idTwin]}`);
  if (twin >= 0) {
    const rel = relationships[twin];
    fail(`relationships[${twin}]`, `duplicate ${rel.type} relationship from ${rel.source} to ${rel.target}`);
  }
  return { relationships, relationshipIndex: relationshipIndex as IdIndex, relSource, relTarget, relType, relStrength };
}

/** The position of the first relationship with the same (source, target, type) as an earlier one, or -1. */
function firstRepeatedEdge(relSource: Int32Array, relTarget: Int32Array, relType: Uint8Array): number {
  const m = relSource.length;
  let capacity = 16;
  while (capacity < m * 1.5) capacity *= 2;
  const mask = capacity - 1;
  // Position + 1 of the edge in each slot; 0 for an empty slot.
  const slots = new Int32Array(capacity);
  for (let e = 0; e < m; e++) {
    const s = relSource[e];
    const t = relTarget[e];
    const type = relType[e];
    let h = Math.imul(s ^ Math.imul(t, 0x9e3779b1) ^ (type << 28), 0x85ebca6b);
    h ^= h >>> 15;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const q = slots[slot] - 1;
      if (q < 0) {
        slots[slot] = e + 1;
        break;
      }
      if (relSource[q] === s && relTarget[q] === t && relType[q] === type) return e;
    }
  }
  return -1;
}
