// The columnar checkpoint (schemaVersion 2, and 3 which adds `records`): CIs and relationships
// as columns instead of one object per CI and per relationship. A relationship's ends are the positions of its CIs in the CI columns, so
// reading it needs no id lookups and its integrity checks are range checks on numbers; values
// that repeat (class, owner, tag lists, attribute maps, times…) are stored once in a table and
// referred to by their position in it; whole-number columns are packed strings (packed.ts),
// and ids are strings of ids separated by spaces (an id never holds one), in groups. The format, field by
// field, is in src/node/storage/README.md; decode.ts reads and validates it. The records of the
// other kinds (changes, incidents, settings…) are few beside the CIs: they are kept as one
// object each under `records.<kind>`.
import { CURRENT_SCHEMA_VERSION, ID_PATTERN, type CmdbDocument } from '../../shared/model';
import { STEP_SLICE, type Steps } from '../steps';
import { hashId, IdIndex } from '../graph/id-index';
import { packDigits, packedWidth } from './packed';

/** A column of repeated values: entry i is `values[codes[i]]`, codes packed. */
export interface DictColumn<T> {
  values: T[];
  codes: string;
}

export interface CiColumns {
  /** The ids in groups: each group one string of ids separated by single spaces. */
  id: string[];
  name: string[];
  class: DictColumn<string>;
  environment: DictColumn<string>;
  criticality: DictColumn<number>;
  owner: DictColumn<string>;
  status: DictColumn<string>;
  tags: DictColumn<string[]>;
  attributes: DictColumn<Record<string, string>>;
  externalIds: DictColumn<Record<string, string>>;
  /** The CIs with a redundancy rule (ascending CI positions, packed) and each one's minHealthy. */
  redundancy: { ci: string; minHealthy: number[] };
  createdAt: DictColumn<string>;
  updatedAt: DictColumn<string>;
}

export interface RelationshipColumns {
  /** The ids in groups, as in CiColumns. */
  id: string[];
  /** Positions in the CI columns, packed. */
  source: string;
  target: string;
  type: DictColumn<string>;
  strength: DictColumn<string>;
  /** Ascending positions (packed) of the relationships with `inferred: true` / `inferred: false`; the rest have no `inferred`. */
  inferred: { true: string; false: string };
}

// A type, not an interface, so that it is also a Record<string, unknown> (a raw parsed document).
export type ColumnarCheckpoint = {
  schemaVersion: typeof CURRENT_SCHEMA_VERSION;
  journalSeq: number;
  settings: Record<string, unknown>;
  cis: CiColumns;
  relationships: RelationshipColumns;
  /** The records of every other kind, one object each, by kind name (version 3). */
  records: NonNullable<CmdbDocument['records']>;
};

/**
 * Text → position in a growing table: open addressing over typed arrays, so growing it to
 * 100k distinct values (update times, attribute maps) never stalls on a Map's rehash.
 */
class TextTable {
  readonly texts: string[] = [];
  private readonly hashes: number[] = [];
  private slots = new Int32Array(64);

  /** The position of `text`, added at the end if it is new. */
  code(text: string): number {
    const h = hashId(text);
    let mask = this.slots.length - 1;
    let s = h & mask;
    for (let q = this.slots[s] - 1; q >= 0; q = this.slots[s] - 1) {
      if (this.hashes[q] === h && this.texts[q] === text) return q;
      s = (s + 1) & mask;
    }
    const code = this.texts.length;
    this.texts.push(text);
    this.hashes.push(h);
    this.slots[s] = code + 1;
    if (this.texts.length * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      mask = this.slots.length - 1;
      for (let q = 0; q < this.hashes.length; q++) {
        let t = this.hashes[q] & mask;
        while (this.slots[t] !== 0) t = (t + 1) & mask;
        this.slots[t] = q + 1;
      }
    }
    return code;
  }
}

/** Objects whose table positions are remembered by identity (CIs read from a checkpoint share them); at most this many. */
const IDENTITY_CACHE = 4096;

/** Table positions of one column while it is encoded, each value stored once. */
class Dict<T> {
  readonly values: T[] = [];
  /** Sized up front: growing large arrays entry by entry stalls on copying them. */
  readonly codes: Int32Array;
  private readonly table = new TextTable();
  private readonly known = new Map<T, number>();
  /** How a value is compared: strings as they are, numbers and objects by their JSON text. */
  private readonly textOf: (value: T) => string;

  constructor(length: number, textOf: (value: T) => string) {
    this.codes = new Int32Array(length);
    this.textOf = textOf;
  }

  set(i: number, value: T): void {
    let code = this.known.get(value);
    if (code === undefined) {
      code = this.table.code(this.textOf(value));
      if (code === this.values.length) this.values.push(value);
      if (this.known.size < IDENTITY_CACHE) this.known.set(value, code);
    }
    this.codes[i] = code;
  }
}

const asText = (value: string): string => value;

/** Packs a column a slice at a time. */
function* packSteps(values: ArrayLike<number>, slice: number): Steps<string> {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  const width = packedWidth(max);
  const pieces = [String(width)];
  for (let start = 0; start < values.length; start += slice) {
    if (start > 0) yield;
    pieces.push(packDigits(values, width, start, Math.min(values.length, start + slice)));
  }
  return pieces.join('');
}

function* dictSteps<T>(dict: Dict<T>, slice: number): Steps<DictColumn<T>> {
  return { values: dict.values, codes: yield* packSteps(dict.codes, slice) };
}

function checkedId(id: string, what: string): string {
  // A space would split the id column wrongly; the model never lets such an id in.
  if (!ID_PATTERN.test(id)) throw new Error(`cannot write the ${what} id ${JSON.stringify(id)}: not a valid id`);
  return id;
}

export interface EncodeSlices {
  /** CIs encoded between two pauses. */
  cis?: number;
  /** Relationships encoded between two pauses. */
  relationships?: number;
}

// The loops live in plain methods called once per slice, not in the step generator itself:
// V8 optimizes a long loop inside a generator poorly.

// Every column is sized up front: growing large arrays entry by entry stalls on copying them.
class CiEncoder {
  readonly ids: string[];
  readonly idGroups: string[] = [];
  readonly name: string[];
  readonly cls: Dict<string>;
  readonly environment: Dict<string>;
  readonly criticality: Dict<number>;
  readonly owner: Dict<string>;
  readonly status: Dict<string>;
  readonly tags: Dict<string[]>;
  readonly attributes: Dict<Record<string, string>>;
  readonly externalIds: Dict<Record<string, string>>;
  readonly createdAt: Dict<string>;
  readonly updatedAt: Dict<string>;
  readonly redundant: number[] = [];
  readonly minHealthy: number[] = [];

  constructor(n: number) {
    this.ids = new Array<string>(n);
    this.name = new Array<string>(n);
    this.cls = new Dict(n, asText);
    this.environment = new Dict(n, asText);
    this.criticality = new Dict(n, String);
    this.owner = new Dict(n, asText);
    this.status = new Dict(n, asText);
    this.tags = new Dict(n, JSON.stringify);
    this.attributes = new Dict(n, JSON.stringify);
    this.externalIds = new Dict(n, JSON.stringify);
    this.createdAt = new Dict(n, asText);
    this.updatedAt = new Dict(n, asText);
  }

  encode(cis: CmdbDocument['cis'], start: number, end: number): void {
    for (let i = start; i < end; i++) {
      const ci = cis[i];
      this.ids[i] = checkedId(ci.id, 'CI');
      this.name[i] = ci.name;
      this.cls.set(i, ci.class);
      this.environment.set(i, ci.environment);
      this.criticality.set(i, ci.criticality);
      this.owner.set(i, ci.owner);
      this.status.set(i, ci.status);
      this.tags.set(i, ci.tags);
      this.attributes.set(i, ci.attributes);
      this.externalIds.set(i, ci.externalIds);
      if (ci.redundancy !== undefined) {
        this.redundant.push(i);
        this.minHealthy.push(ci.redundancy.minHealthy);
      }
      this.createdAt.set(i, ci.createdAt);
      this.updatedAt.set(i, ci.updatedAt);
    }
    this.idGroups.push(this.ids.slice(start, end).join(' '));
  }
}

class RelationshipEncoder {
  readonly idGroups: string[] = [];
  readonly source: Int32Array;
  readonly target: Int32Array;
  readonly type: Dict<string>;
  readonly strength: Dict<string>;
  readonly inferredTrue: number[] = [];
  readonly inferredFalse: number[] = [];
  private readonly indexOf: IdIndex;

  constructor(m: number, indexOf: IdIndex) {
    this.source = new Int32Array(m);
    this.target = new Int32Array(m);
    this.type = new Dict(m, asText);
    this.strength = new Dict(m, asText);
    this.indexOf = indexOf;
  }

  encode(relationships: CmdbDocument['relationships'], start: number, end: number): void {
    const ids = new Array<string>(end - start);
    for (let e = start; e < end; e++) {
      const rel = relationships[e];
      const s = this.indexOf.get(rel.source);
      const t = this.indexOf.get(rel.target);
      if (s === undefined || t === undefined) throw new Error(`cannot write relationship ${rel.id}: it points at a CI the document does not hold`);
      ids[e - start] = checkedId(rel.id, 'relationship');
      this.source[e] = s;
      this.target[e] = t;
      this.type.set(e, rel.type);
      this.strength.set(e, rel.strength);
      if (rel.inferred === true) this.inferredTrue.push(e);
      else if (rel.inferred === false) this.inferredFalse.push(e);
    }
    this.idGroups.push(ids.join(' '));
  }
}

/**
 * The document as columns (schemaVersion 3), pausing every so many items (see core/steps). The
 * document's tag lists and maps are shared into the tables, not copied; the result is what
 * JSON.stringify writes as the checkpoint. Throws if a relationship names a CI the document
 * does not hold or an id is not valid (a document the graph produced has neither).
 */
export function* encodeCheckpointSteps(document: CmdbDocument, slices: EncodeSlices = {}): Steps<ColumnarCheckpoint> {
  const ciSlice = Math.max(1, Math.floor(slices.cis ?? STEP_SLICE));
  const relSlice = Math.max(1, Math.floor(slices.relationships ?? STEP_SLICE));
  const { cis, relationships } = document;
  const c = new CiEncoder(cis.length);
  for (let start = 0; start < cis.length; start += ciSlice) {
    if (start > 0) yield;
    c.encode(cis, start, Math.min(cis.length, start + ciSlice));
  }
  yield;
  const indexOf = IdIndex.build(c.ids);
  if (!(indexOf instanceof IdIndex)) throw new Error(`cannot write the CI id ${c.ids[indexOf.duplicateAt]} twice`);
  const r = new RelationshipEncoder(relationships.length, indexOf);
  for (let start = 0; start < relationships.length; start += relSlice) {
    yield;
    r.encode(relationships, start, Math.min(relationships.length, start + relSlice));
  }
  yield;

  const ci: CiColumns = {
    id: c.idGroups,
    name: c.name,
    class: yield* dictSteps(c.cls, ciSlice),
    environment: yield* dictSteps(c.environment, ciSlice),
    criticality: yield* dictSteps(c.criticality, ciSlice),
    owner: yield* dictSteps(c.owner, ciSlice),
    status: yield* dictSteps(c.status, ciSlice),
    tags: yield* dictSteps(c.tags, ciSlice),
    attributes: yield* dictSteps(c.attributes, ciSlice),
    externalIds: yield* dictSteps(c.externalIds, ciSlice),
    redundancy: { ci: yield* packSteps(c.redundant, ciSlice), minHealthy: c.minHealthy },
    createdAt: yield* dictSteps(c.createdAt, ciSlice),
    updatedAt: yield* dictSteps(c.updatedAt, ciSlice),
  };
  yield;
  const rel: RelationshipColumns = {
    id: r.idGroups,
    source: yield* packSteps(r.source, relSlice),
    target: yield* packSteps(r.target, relSlice),
    type: yield* dictSteps(r.type, relSlice),
    strength: yield* dictSteps(r.strength, relSlice),
    inferred: { true: yield* packSteps(r.inferredTrue, relSlice), false: yield* packSteps(r.inferredFalse, relSlice) },
  };
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    journalSeq: document.journalSeq,
    settings: document.settings,
    cis: ci,
    relationships: rel,
    records: document.records ?? {},
  };
}
