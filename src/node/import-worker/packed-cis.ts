// CIs between the import worker and the service in columns rather than as objects: one table of
// the distinct strings of a part, and typed arrays of indices into it and of numbers. A million
// CIs as objects cost the service's thread a structured clone and a zod check of every object
// (about 12 s here, and a heap of copies of the same strings: the file name, the class, `prod`);
// as columns the clone is a copy of a few arrays and each string once, and the check below is one
// pass over the numbers. What arrives is still parsed: the shape with zod, every index, enum and
// number by unpackCis, which throws on anything a well-behaved worker would not send.
import { z } from 'zod';
import { FORBIDDEN_KEYS, type ImportedCi, type SourceRef } from '../../core/formats/import';
import { CI_CLASSES, CI_STATUSES, type CiClass, type CiStatus, type Criticality } from '../../shared/model';

/** The CI's text fields, in the order of `text`'s columns (an index into `strings`, ABSENT when absent). */
const TEXT = ['key', 'system', 'id', 'name', 'class', 'environment', 'owner', 'status', 'createdAt', 'updatedAt', 'file', 'path'] as const;
/** The CI's number fields, in the order of `numbers`' columns (NaN when absent; for redundancy -Infinity is `null`). */
const NUMBERS = ['criticality', 'line', 'row', 'document', 'redundancy'] as const;
/** The CI's lists, in the order of `listEnds`' columns: tags (strings), attributes and externalIds (key, value, key, value…). */
const LISTS = ['tags', 'attributes', 'externalIds'] as const;
const HAS_TAGS = 1;
const HAS_ATTRIBUTES = 2;
const ABSENT = -1;
const NULL_REDUNDANCY = -Infinity;

// Every field of ImportedCi and of SourceRef has a column: these fail to compile when one is added.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type RefFields = 'file' | 'path' | 'line' | 'row' | 'document';
type Columns = (typeof TEXT)[number] | (typeof NUMBERS)[number] | (typeof LISTS)[number];
const _ciColumns: Same<Exclude<Columns, RefFields> | 'sourceRef', keyof ImportedCi> = true;
const _refColumns: Same<Extract<Columns, RefFields>, keyof SourceRef> = true;
void [_ciColumns, _refColumns];

const T = Object.fromEntries(TEXT.map((name, i) => [name, i])) as Record<(typeof TEXT)[number], number>;
const N = Object.fromEntries(NUMBERS.map((name, i) => [name, i])) as Record<(typeof NUMBERS)[number], number>;

export const PackedCisSchema = z.strictObject({
  count: z.number().int().min(0),
  strings: z.array(z.string()),
  text: z.instanceof(Int32Array),
  numbers: z.instanceof(Float64Array),
  /** Per CI: HAS_TAGS | HAS_ATTRIBUTES. */
  flags: z.instanceof(Uint8Array),
  /** Per CI and list, where its items in `lists` end (each starts where the one before ends). */
  listEnds: z.instanceof(Int32Array),
  lists: z.instanceof(Int32Array),
});
export type PackedCis = z.infer<typeof PackedCisSchema>;

/** The CIs of one part in columns. */
export function packCis(cis: readonly ImportedCi[]): PackedCis {
  const count = cis.length;
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const intern = (value: string | undefined): number => {
    if (value === undefined) return ABSENT;
    let at = indexOf.get(value);
    if (at === undefined) {
      at = strings.length;
      strings.push(value);
      indexOf.set(value, at);
    }
    return at;
  };
  const text = new Int32Array(count * TEXT.length);
  const numbers = new Float64Array(count * NUMBERS.length);
  const flags = new Uint8Array(count);
  const listEnds = new Int32Array(count * LISTS.length);
  const lists: number[] = [];
  const pairs = (map: Record<string, string>): void => {
    for (const key of Object.keys(map)) lists.push(intern(key), intern(map[key]));
  };
  for (let i = 0; i < count; i++) {
    const ci = cis[i];
    const t = i * TEXT.length;
    text[t + T.key] = intern(ci.key);
    text[t + T.system] = intern(ci.system);
    text[t + T.id] = intern(ci.id);
    text[t + T.name] = intern(ci.name);
    text[t + T.class] = intern(ci.class);
    text[t + T.environment] = intern(ci.environment);
    text[t + T.owner] = intern(ci.owner);
    text[t + T.status] = intern(ci.status);
    text[t + T.createdAt] = intern(ci.createdAt);
    text[t + T.updatedAt] = intern(ci.updatedAt);
    text[t + T.file] = intern(ci.sourceRef.file);
    text[t + T.path] = intern(ci.sourceRef.path);
    const n = i * NUMBERS.length;
    numbers[n + N.criticality] = ci.criticality ?? NaN;
    numbers[n + N.line] = ci.sourceRef.line ?? NaN;
    numbers[n + N.row] = ci.sourceRef.row ?? NaN;
    numbers[n + N.document] = ci.sourceRef.document ?? NaN;
    numbers[n + N.redundancy] = ci.redundancy === null ? NULL_REDUNDANCY : (ci.redundancy?.minHealthy ?? NaN);
    const l = i * LISTS.length;
    if (ci.tags) {
      flags[i] |= HAS_TAGS;
      for (const tag of ci.tags) lists.push(intern(tag));
    }
    listEnds[l] = lists.length;
    if (ci.attributes) {
      flags[i] |= HAS_ATTRIBUTES;
      pairs(ci.attributes);
    }
    listEnds[l + 1] = lists.length;
    pairs(ci.externalIds);
    listEnds[l + 2] = lists.length;
  }
  return { count, strings, text, numbers, flags, listEnds, lists: Int32Array.from(lists) };
}

/** Thrown by unpackCis for columns a well-behaved worker would not send. */
export class MalformedPartError extends Error {
  constructor(reason: string) {
    super(`packed CIs: ${reason}`);
    this.name = 'MalformedPartError';
  }
}

const CLASSES: ReadonlySet<string> = new Set(CI_CLASSES);
const STATUSES: ReadonlySet<string> = new Set(CI_STATUSES);

/** The CIs of one part, checked as they are rebuilt (see the header). */
export function unpackCis(packed: PackedCis): ImportedCi[] {
  const { count, strings, text, numbers, flags, listEnds, lists } = packed;
  const fail = (reason: string): never => {
    throw new MalformedPartError(reason);
  };
  if (text.length !== count * TEXT.length || numbers.length !== count * NUMBERS.length || flags.length !== count || listEnds.length !== count * LISTS.length) {
    fail('the columns do not have one entry per CI');
  }
  const stringAt = (index: number, what: string): string => (index >= 0 && index < strings.length ? strings[index] : fail(`${what}: no string ${index}`));
  const optionalString = (index: number, what: string): string | undefined => (index === ABSENT ? undefined : stringAt(index, what));
  const optionalInt = (value: number, what: string): number | undefined => {
    if (Number.isNaN(value)) return undefined;
    return Number.isInteger(value) ? value : fail(`${what}: ${value} is not a whole number`);
  };
  // CIs of a part with the same tags, or the same attributes, share one frozen list (a CSV's rows
  // often do): a million CIs hold a few thousand lists instead of a million of each.
  const sharedTags = new Map<string, readonly string[]>();
  const sharedAttributes = new Map<string, Readonly<Record<string, string>>>();
  const listKey = (from: number, to: number): string => lists.subarray(from, to).join(',');
  const map = (from: number, to: number, what: string): Record<string, string> => {
    if ((to - from) % 2 !== 0) fail(`${what}: a key without a value`);
    const out: Record<string, string> = {};
    for (let k = from; k < to; k += 2) {
      const key = stringAt(lists[k], what);
      if (FORBIDDEN_KEYS.has(key)) fail(`${what}: the key "${key}"`);
      out[key] = stringAt(lists[k + 1], what);
    }
    return out;
  };
  const cis = new Array<ImportedCi>(count);
  let listStart = 0;
  for (let i = 0; i < count; i++) {
    const t = i * TEXT.length;
    const n = i * NUMBERS.length;
    const l = i * LISTS.length;
    const tagsEnd = listEnds[l];
    const attributesEnd = listEnds[l + 1];
    const externalIdsEnd = listEnds[l + 2];
    if (listStart > tagsEnd || tagsEnd > attributesEnd || attributesEnd > externalIdsEnd || externalIdsEnd > lists.length) fail(`CI ${i}: list ends out of order`);
    const file = stringAt(text[t + T.file], 'file');
    const line = optionalInt(numbers[n + N.line], 'line');
    const row = optionalInt(numbers[n + N.row], 'row');
    // A CSV row's place, the common case, in one literal (smaller than one grown field by field).
    const sourceRef: SourceRef = line !== undefined && row !== undefined ? { file, line, row } : { file };
    if (line !== undefined && row === undefined) sourceRef.line = line;
    if (row !== undefined && line === undefined) sourceRef.row = row;
    const path = optionalString(text[t + T.path], 'path');
    if (path !== undefined) sourceRef.path = path;
    const document = optionalInt(numbers[n + N.document], 'document');
    if (document !== undefined) sourceRef.document = document;
    const ciClass = stringAt(text[t + T.class], 'class');
    if (!CLASSES.has(ciClass)) fail(`class "${ciClass}"`);
    const ci: ImportedCi = {
      key: stringAt(text[t + T.key], 'key'),
      system: stringAt(text[t + T.system], 'system'),
      name: stringAt(text[t + T.name], 'name'),
      class: ciClass as CiClass,
      externalIds: map(attributesEnd, externalIdsEnd, 'externalIds'),
      sourceRef,
    };
    for (const field of ['id', 'environment', 'owner', 'createdAt', 'updatedAt'] as const) {
      const value = optionalString(text[t + T[field]], field);
      if (value !== undefined) ci[field] = value;
    }
    const status = optionalString(text[t + T.status], 'status');
    if (status !== undefined) ci.status = STATUSES.has(status) ? (status as CiStatus) : fail(`status "${status}"`);
    const criticality = optionalInt(numbers[n + N.criticality], 'criticality');
    if (criticality !== undefined) ci.criticality = criticality >= 1 && criticality <= 4 ? (criticality as Criticality) : fail(`criticality ${criticality}`);
    const redundancy = numbers[n + N.redundancy];
    if (redundancy === NULL_REDUNDANCY) ci.redundancy = null;
    else {
      const minHealthy = optionalInt(redundancy, 'redundancy');
      if (minHealthy !== undefined) ci.redundancy = { minHealthy };
    }
    if (flags[i] & HAS_TAGS) {
      const key = listKey(listStart, tagsEnd);
      let tags = sharedTags.get(key);
      if (tags === undefined) {
        const fresh = new Array<string>(tagsEnd - listStart);
        for (let k = listStart; k < tagsEnd; k++) fresh[k - listStart] = stringAt(lists[k], 'tags');
        tags = Object.freeze(fresh);
        sharedTags.set(key, tags);
      }
      ci.tags = tags;
    } else if (tagsEnd !== listStart) fail(`CI ${i}: tags without the tags flag`);
    if (flags[i] & HAS_ATTRIBUTES) {
      const key = listKey(tagsEnd, attributesEnd);
      let attributes = sharedAttributes.get(key);
      if (attributes === undefined) {
        attributes = Object.freeze(map(tagsEnd, attributesEnd, 'attributes'));
        sharedAttributes.set(key, attributes);
      }
      ci.attributes = attributes;
    } else if (attributesEnd !== tagsEnd) fail(`CI ${i}: attributes without the attributes flag`);
    listStart = externalIdsEnd;
    cis[i] = ci;
  }
  return cis;
}
