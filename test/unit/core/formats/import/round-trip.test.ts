// Export → import round trips through the reconciler: the JSON snapshot is lossless (ids,
// every field; the Cmdb stamps its own times), and so is the CSV pair for values it can carry.
// Importing an export back into the CMDB it came from plans nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeCsv, writeJsonSnapshot } from '../../../../../src/core/formats/export';
import {
  mergeBatches,
  parseCsvCis,
  parseCsvRelationships,
  parseFaultlineSnapshot,
  readCsvHeader,
  suggestCsvMapping,
  type ImportBatch,
} from '../../../../../src/core/formats/import';
import { Cmdb, CmdbGraph } from '../../../../../src/core/graph';
import { applyPlanOps, planImport, planIsEmpty } from '../../../../../src/core/reconcile';
import { CI_CLASSES, RELATIONSHIP_TYPES, type Ci, type Relationship } from '../../../../../src/shared/model';
import { testEnv } from '../../graph/test-env';

const text = (forCsv: boolean) =>
  fc
    .string({ unit: fc.constantFrom('a', 'B', ' ', 'é', '€', '"', ',', '\n', '=', '-', '+', '@', "'", 'x', ...(forCsv ? [] : [';'])), minLength: 1, maxLength: 12 })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
const key = fc.constantFrom('region', 'os', 'tier', 'cost center', 'x.y');

function cmdbArb(forCsv: boolean) {
  const ci = fc.record({
    name: text(forCsv),
    class: fc.constantFrom(...CI_CLASSES),
    environment: fc.constantFrom('production', 'staging', ''),
    criticality: fc.integer({ min: 1, max: 4 }),
    owner: fc.oneof(fc.constant(''), text(forCsv)),
    status: fc.constantFrom('planned', 'live', 'retired'),
    tags: fc.uniqueArray(text(forCsv).filter((t) => t.length <= 64 && !t.includes(',')), { maxLength: 3 }),
    attributes: fc.dictionary(key, text(forCsv), { maxKeys: 3 }),
    externalIds: fc.dictionary(fc.constantFrom('servicenow', 'backstage'), fc.stringMatching(/^[a-z0-9]{1,8}$/), { maxKeys: 2 }),
    redundancy: fc.option(fc.record({ minHealthy: fc.integer({ min: 1, max: 3 }) }), { nil: undefined }),
  });
  return fc.record({
    cis: fc.array(ci, { minLength: 1, maxLength: 8 }),
    edges: fc.array(fc.record({ s: fc.nat(), t: fc.nat(), type: fc.constantFrom(...RELATIONSHIP_TYPES), soft: fc.boolean(), inferred: fc.boolean() }), { maxLength: 10 }),
  });
}

type Generated = ReturnType<typeof cmdbArb> extends fc.Arbitrary<infer T> ? T : never;

function build(g: Generated): Cmdb {
  const cmdb = new Cmdb(new CmdbGraph(), testEnv());
  const ids = g.cis.map((c) => cmdb.createCi({ ...c, redundancy: c.redundancy }).ci.id);
  for (const e of g.edges) {
    const source = ids[e.s % ids.length];
    const target = ids[e.t % ids.length];
    if (source === target || cmdb.graph.findRelationship(source, target, e.type)) continue;
    cmdb.createRelationship({ source, target, type: e.type, strength: e.soft ? 'soft' : 'hard', ...(e.inferred ? { inferred: true } : {}) });
  }
  return cmdb;
}

function withoutTimes(ci: Ci): Omit<Ci, 'createdAt' | 'updatedAt'> {
  const { createdAt: _c, updatedAt: _u, ...rest } = ci;
  return rest;
}

function sortById<T extends { id: string }>(list: Iterable<T>): T[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Imports a batch into a fresh CMDB (or `into`), asserting the plan has no rejections. */
function importInto(batch: ImportBatch, into = new Cmdb(new CmdbGraph(), testEnv())): Cmdb {
  const plan = planImport(into.graph, batch);
  expect([...plan.cis.rejected, ...plan.relationships.rejected]).toEqual([]);
  let n = 0;
  into.applyBatch('Import', applyPlanOps(plan, (p) => `${p}_new_${++n}`));
  return into;
}

function expectSameCmdb(a: Cmdb, b: Cmdb): void {
  expect(sortById(b.graph.cis()).map(withoutTimes)).toEqual(sortById(a.graph.cis()).map(withoutTimes));
  expect(sortById<Relationship>(b.graph.relationships())).toEqual(sortById(a.graph.relationships()));
}

describe('round trips', () => {
  it('JSON snapshot → import gives the same CMDB (ids and every field), and re-importing plans nothing', () => {
    fc.assert(
      fc.property(cmdbArb(false), (g) => {
        const original = build(g);
        const json = writeJsonSnapshot({ cis: [...original.graph.cis()], relationships: [...original.graph.relationships()] });
        const batch = parseFaultlineSnapshot(json, { fileName: 'export.json' });
        expectSameCmdb(original, importInto(batch));
        expect(planIsEmpty(planImport(original.graph, batch))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('CSV (cis.csv + relationships.csv) → import gives the same CMDB, and re-importing plans nothing', () => {
    fc.assert(
      fc.property(cmdbArb(true), (g) => {
        const original = build(g);
        const files = writeCsv({ cis: [...original.graph.cis()], relationships: [...original.graph.relationships()] }, { bom: true });
        const batches = (['cis.csv', 'relationships.csv'] as const).map((name) => {
          const mapping = suggestCsvMapping(readCsvHeader(files[name], { fileName: name }));
          return mapping.kind === 'cis' ? parseCsvCis(files[name], mapping, { fileName: name }) : parseCsvRelationships(files[name], mapping, { fileName: name });
        });
        const batch = mergeBatches(batches);
        expect(batch.rejected).toEqual([]);
        expectSameCmdb(original, importInto(batch));
        expect(planIsEmpty(planImport(original.graph, batch))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
