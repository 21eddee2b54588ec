// diffCmdb on small before/after pairs, its CSV and JSON forms, and a fast-check property:
// diff(a, a) is empty, and applying diff(a, b) to a (with the applier below) gives b.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  diffCmdb,
  diffIsEmpty,
  diffMarks,
  diffToCsv,
  diffToJson,
  type CmdbDiff,
  type DiffSide,
  type FieldChange,
} from '../../../../src/core/diff';
import { CI_CLASSES, CI_STATUSES, RELATIONSHIP_TYPES, type Ci, type Relationship } from '../../../../src/shared/model';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-02T00:00:00.000Z';

function ci(id: string, extra: Partial<Ci> = {}): Ci {
  return {
    id,
    name: `CI ${id}`,
    class: 'application',
    environment: 'production',
    criticality: 3,
    owner: 'team',
    status: 'live',
    tags: [],
    attributes: {},
    externalIds: {},
    createdAt: T0,
    updatedAt: T0,
    ...extra,
  };
}

function rel(id: string, source: string, target: string, extra: Partial<Relationship> = {}): Relationship {
  return { id, source, target, type: 'depends_on', strength: 'hard', ...extra };
}

describe('diffCmdb', () => {
  const before: DiffSide = {
    cis: [
      ci('c_keep'),
      ci('c_gone', { name: 'Gone' }),
      ci('c_edit', { tags: ['a', 'b'], attributes: { os: 'linux', 'a.b': 'x', dropped: 'y' }, externalIds: { sn: '1' }, redundancy: { minHealthy: 2 } }),
      ci('c_touch'),
    ],
    relationships: [rel('r_keep', 'c_keep', 'c_edit'), rel('r_gone', 'c_gone', 'c_keep'), rel('r_edit', 'c_edit', 'c_keep')],
  };
  const after: DiffSide = {
    cis: [
      ci('c_new', { name: 'New' }),
      ci('c_edit', {
        name: 'Edited',
        criticality: 1,
        tags: ['b', 'a'],
        attributes: { os: 'windows', 'a.b': 'x', added: '=1' },
        externalIds: { sn: '1' },
        updatedAt: T1,
      }),
      ci('c_touch', { updatedAt: T1 }),
      ci('c_keep'),
    ],
    relationships: [
      rel('r_edit', 'c_edit', 'c_keep', { strength: 'soft', inferred: true }),
      rel('r_new', 'c_new', 'c_keep', { type: 'runs_on' }),
      rel('r_keep', 'c_keep', 'c_edit'),
    ],
  };
  const diff = diffCmdb(before, after);

  it('lists added, removed and changed CIs sorted by id, with counts', () => {
    expect(diff.cis.added.map((c) => c.id)).toEqual(['c_new']);
    expect(diff.cis.removed.map((c) => c.id)).toEqual(['c_gone']);
    expect(diff.cis.changed.map((c) => c.id)).toEqual(['c_edit']);
    expect(diff.counts.cis).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 2 });
    expect(diff.counts.relationships).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
  });

  it('reports changes field by field in model order, map entries by key, absent as null', () => {
    expect(diff.cis.changed[0].changes).toEqual<FieldChange[]>([
      { field: 'name', before: 'CI c_edit', after: 'Edited' },
      { field: 'criticality', before: 3, after: 1 },
      { field: 'tags', before: ['a', 'b'], after: ['b', 'a'] },
      { field: 'attributes.added', before: null, after: '=1' },
      { field: 'attributes.dropped', before: 'y', after: null },
      { field: 'attributes.os', before: 'linux', after: 'windows' },
      { field: 'redundancy.minHealthy', before: 2, after: null },
    ]);
    expect(diff.relationships.changed[0].changes).toEqual<FieldChange[]>([
      { field: 'strength', before: 'hard', after: 'soft' },
      { field: 'inferred', before: null, after: true },
    ]);
    expect(diff.cis.changed[0].before).toBe(before.cis[2]);
    expect(diff.cis.changed[0].after).toBe(after.cis[1]);
  });

  it('ignores updatedAt unless asked', () => {
    expect(diff.cis.changed.map((c) => c.id)).not.toContain('c_touch');
    const withTime = diffCmdb(before, after, { includeUpdatedAt: true });
    expect(withTime.cis.changed.map((c) => c.id)).toEqual(['c_edit', 'c_touch']);
    expect(withTime.cis.changed[1].changes).toEqual([{ field: 'updatedAt', before: T0, after: T1 }]);
    expect(withTime.cis.changed[0].changes.at(-1)).toEqual({ field: 'updatedAt', before: T0, after: T1 });
  });

  it('marks ids for the graph and says when nothing changed', () => {
    expect(diffMarks(diff)).toEqual({
      cis: { c_new: 'added', c_gone: 'removed', c_edit: 'changed' },
      relationships: { r_new: 'added', r_gone: 'removed', r_edit: 'changed' },
    });
    expect(diffIsEmpty(diff)).toBe(false);
    expect(diffIsEmpty(diffCmdb(before, before))).toBe(true);
    expect(diffIsEmpty(diffCmdb({ cis: [], relationships: [] }, { cis: [], relationships: [] }))).toBe(true);
  });

  it('writes CSV: one row per added or removed item and per changed field, neutralised', () => {
    const text = diffToCsv(diff);
    const parsed = Papa.parse<string[]>(text.trimEnd(), { header: false });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(['entity', 'change', 'id', 'label', 'field', 'before', 'after']);
    expect(rows).toEqual([
      ['ci', 'added', 'c_new', 'New', '', '', ''],
      ['ci', 'removed', 'c_gone', 'Gone', '', '', ''],
      ['ci', 'changed', 'c_edit', 'Edited', 'name', 'CI c_edit', 'Edited'],
      ['ci', 'changed', 'c_edit', 'Edited', 'criticality', '3', '1'],
      ['ci', 'changed', 'c_edit', 'Edited', 'tags', 'a;b', 'b;a'],
      ['ci', 'changed', 'c_edit', 'Edited', 'attributes.added', '', "'=1"],
      ['ci', 'changed', 'c_edit', 'Edited', 'attributes.dropped', 'y', ''],
      ['ci', 'changed', 'c_edit', 'Edited', 'attributes.os', 'linux', 'windows'],
      ['ci', 'changed', 'c_edit', 'Edited', 'redundancy.minHealthy', '2', ''],
      ['relationship', 'added', 'r_new', 'c_new runs_on c_keep', '', '', ''],
      ['relationship', 'removed', 'r_gone', 'c_gone depends_on c_keep', '', '', ''],
      ['relationship', 'changed', 'r_edit', 'c_edit depends_on c_keep', 'strength', 'hard', 'soft'],
      ['relationship', 'changed', 'r_edit', 'c_edit depends_on c_keep', 'inferred', '', 'true'],
    ]);
  });

  it('writes JSON that parses back to the same diff', () => {
    const text = diffToJson(diff);
    expect(JSON.parse(text)).toEqual(diff);
    expect(text.endsWith('}\n')).toBe(true);
  });
});

// ---- property: the applier rebuilds b from a and diff(a, b) ----

function setOwn(map: Record<string, string>, key: string, value: string | null): void {
  if (value === null) delete map[key];
  else Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}

function applyCiChange(target: Ci, change: FieldChange): void {
  const dot = change.field.indexOf('.');
  const head = dot < 0 ? change.field : change.field.slice(0, dot);
  const rest = change.field.slice(dot + 1);
  const record = target as unknown as Record<string, unknown>;
  if (head === 'attributes' || head === 'externalIds') {
    setOwn(target[head], rest, change.after as string | null);
  } else if (head === 'redundancy') {
    if (change.after === null) delete target.redundancy;
    else target.redundancy = { minHealthy: change.after as number };
  } else {
    record[head] = Array.isArray(change.after) ? [...change.after] : change.after;
  }
}

function applyRelationshipChange(target: Relationship, change: FieldChange): void {
  const record = target as unknown as Record<string, unknown>;
  if (change.after === null) delete record[change.field];
  else record[change.field] = change.after;
}

function cloneCi(c: Ci): Ci {
  return JSON.parse(JSON.stringify(c)) as Ci;
}

/** Rebuilds b from a and the diff, using the field changes only (never the `after` objects). */
function applyDiff(a: DiffSide, diff: CmdbDiff): { cis: Ci[]; relationships: Relationship[] } {
  const cis = new Map(a.cis.map((c) => [c.id, cloneCi(c)]));
  const rels = new Map(a.relationships.map((r) => [r.id, { ...r }]));
  for (const c of diff.cis.removed) cis.delete(c.id);
  for (const c of diff.cis.added) cis.set(c.id, cloneCi(c));
  for (const change of diff.cis.changed) for (const f of change.changes) applyCiChange(cis.get(change.id)!, f);
  for (const r of diff.relationships.removed) rels.delete(r.id);
  for (const r of diff.relationships.added) rels.set(r.id, { ...r });
  for (const change of diff.relationships.changed) for (const f of change.changes) applyRelationshipChange(rels.get(change.id)!, f);
  return { cis: sorted([...cis.values()]), relationships: sorted([...rels.values()]) };
}

function sorted<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

const CI_IDS = ['c1', 'c2', 'c3', 'c4', 'c5'];
const REL_IDS = ['r1', 'r2', 'r3', 'r4', 'r5'];
const TIMES = [T0, T1, '2026-01-03T00:00:00.000Z'];
const smallString = fc.string({ maxLength: 4, unit: fc.constantFrom('a', 'b', '=', ';', '.', ' ', 'é', '\n') });
const stringMap = fc.dictionary(fc.constantFrom('os', 'a.b', 'x', 'ünï'), smallString, { maxKeys: 3 });

const ciArb: fc.Arbitrary<Ci> = fc.record(
  {
    id: fc.constantFrom(...CI_IDS),
    name: smallString,
    class: fc.constantFrom(...CI_CLASSES),
    environment: fc.constantFrom('production', 'test', ''),
    criticality: fc.integer({ min: 1, max: 4 }),
    owner: smallString,
    status: fc.constantFrom(...CI_STATUSES),
    tags: fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }),
    attributes: stringMap,
    externalIds: stringMap,
    redundancy: fc.record({ minHealthy: fc.integer({ min: 1, max: 3 }) }),
    createdAt: fc.constantFrom(...TIMES),
    updatedAt: fc.constantFrom(...TIMES),
  },
  { requiredKeys: ['id', 'name', 'class', 'environment', 'criticality', 'owner', 'status', 'tags', 'attributes', 'externalIds', 'createdAt', 'updatedAt'] },
);

const relArb: fc.Arbitrary<Relationship> = fc.record(
  {
    id: fc.constantFrom(...REL_IDS),
    source: fc.constantFrom(...CI_IDS),
    target: fc.constantFrom(...CI_IDS),
    type: fc.constantFrom(...RELATIONSHIP_TYPES),
    strength: fc.constantFrom('hard' as const, 'soft' as const),
    inferred: fc.boolean(),
  },
  { requiredKeys: ['id', 'source', 'target', 'type', 'strength'] },
);

const sideArb: fc.Arbitrary<DiffSide> = fc.record({
  cis: fc.uniqueArray(ciArb, { selector: (c) => c.id, maxLength: CI_IDS.length }),
  relationships: fc.uniqueArray(relArb, { selector: (r) => r.id, maxLength: REL_IDS.length }),
});

describe('diffCmdb properties', () => {
  it('diff(a, a) is empty', () => {
    fc.assert(
      fc.property(sideArb, (a) => {
        const diff = diffCmdb(a, a, { includeUpdatedAt: true });
        expect(diffIsEmpty(diff)).toBe(true);
        expect(diff.counts.cis.unchanged).toBe(a.cis.length);
        expect(diff.counts.relationships.unchanged).toBe(a.relationships.length);
      }),
    );
  });

  it('applying diff(a, b) to a gives b', () => {
    fc.assert(
      fc.property(sideArb, sideArb, (a, b) => {
        const diff = diffCmdb(a, b, { includeUpdatedAt: true });
        expect(applyDiff(a, diff)).toEqual({ cis: sorted(b.cis), relationships: sorted(b.relationships) });
        const { cis, relationships } = diff.counts;
        expect(cis.added + cis.changed + cis.unchanged).toBe(b.cis.length);
        expect(cis.removed + cis.changed + cis.unchanged).toBe(a.cis.length);
        expect(relationships.added + relationships.changed + relationships.unchanged).toBe(b.relationships.length);
        expect(JSON.parse(diffToJson(diff))).toEqual(diff);
      }),
      { numRuns: 300 },
    );
  });

  it('without updatedAt, applying the diff gives b up to updatedAt', () => {
    fc.assert(
      fc.property(sideArb, sideArb, (a, b) => {
        const rebuilt = applyDiff(a, diffCmdb(a, b));
        const dropTime = (cs: readonly Ci[]) => cs.map(({ updatedAt: _updatedAt, ...rest }) => rest);
        expect(dropTime(rebuilt.cis)).toEqual(dropTime(sorted(b.cis)));
      }),
    );
  });
});
