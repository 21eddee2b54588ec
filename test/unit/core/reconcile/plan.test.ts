// Reconciliation: matching incoming CIs to existing ones, field-by-field updates, conflicts,
// relationships between planned and existing CIs, and applying as one transaction.
import { describe, expect, it } from 'vitest';
import { Cmdb, CmdbGraph } from '../../../../src/core/graph';
import type { ImportBatch, ImportedCi, ImportedRelationship } from '../../../../src/core/formats/import';
import { applyPlanOps, describePlan, planImport, planImportSteps, planIsEmpty } from '../../../../src/core/reconcile';
import { STEP_SLICE } from '../../../../src/core/steps';
import { testEnv } from '../graph/test-env';

function base(): Cmdb {
  const cmdb = new Cmdb(new CmdbGraph(), testEnv());
  cmdb.createCi({ id: 'web', name: 'web01', class: 'server', owner: 'ops', tags: ['linux'], attributes: { rack: 'r1' }, externalIds: { servicenow: 'sn-web' } });
  cmdb.createCi({ id: 'db', name: 'Orders DB', class: 'database', criticality: 1 });
  cmdb.createCi({ id: 'app', name: 'Orders', class: 'application', externalIds: { backstage: 'component:default/orders' } });
  cmdb.createRelationship({ id: 'r1', source: 'app', target: 'db', type: 'depends_on' });
  return cmdb;
}

let row = 1;
function inc(partial: Partial<ImportedCi> & Pick<ImportedCi, 'key' | 'name' | 'class'>): ImportedCi {
  return { system: 'test', externalIds: {}, sourceRef: { file: 'in.csv', row: ++row }, ...partial };
}
function rel(source: string, target: string, extra: Partial<ImportedRelationship> = {}): ImportedRelationship {
  return { source, target, system: 'test', type: 'depends_on', sourceRef: { file: 'in.csv', row: ++row }, ...extra };
}
function batch(cis: ImportedCi[], relationships: ImportedRelationship[] = [], extra: Partial<ImportBatch> = {}): ImportBatch {
  return { format: 'csv-cis', cis, relationships, rejected: [], warnings: [], ...extra };
}

describe('planImport: matching', () => {
  it('matches by externalIds first, then by class and name case-insensitively, else creates', () => {
    const cmdb = base();
    const plan = planImport(cmdb.graph, batch([
      inc({ key: 'sn-web', system: 'servicenow', name: 'renamed-web', class: 'server', externalIds: { servicenow: 'sn-web' } }),
      inc({ key: 'k-db', name: 'ORDERS db', class: 'database' }),
      inc({ key: 'k-new', name: 'Orders DB', class: 'cache' }),
    ]));
    expect(plan.cis.update.map((u) => [u.key, u.id, u.matchedBy])).toEqual([['sn-web', 'web', 'externalId']]);
    expect(plan.cis.unchanged.map((u) => [u.key, u.id, u.matchedBy])).toEqual([['k-db', 'db', 'name']]);
    expect(plan.cis.create.map((c) => [c.key, c.input.name, c.input.class])).toEqual([['k-new', 'Orders DB', 'cache']]);
  });

  it('matches a carried Faultline id before anything else', () => {
    const plan = planImport(base().graph, batch([inc({ key: 'db', id: 'db', name: 'Totally different', class: 'database' })]));
    expect(plan.cis.update[0]).toMatchObject({ id: 'db', matchedBy: 'id', changes: [{ field: 'name', before: 'Orders DB', after: 'Totally different' }] });
  });

  it('does not match by name a CI that has a different id in the same source system', () => {
    const plan = planImport(base().graph, batch([inc({ key: 'sn-other', system: 'servicenow', name: 'web01', class: 'server', externalIds: { servicenow: 'sn-other' } })]));
    expect(plan.cis.create).toHaveLength(1);
  });

  it('reports two incoming items matching the same existing CI as conflicting rejections, naming each other', () => {
    const plan = planImport(base().graph, batch([
      inc({ key: 'a', name: 'web01', class: 'server' }),
      inc({ key: 'b', name: 'WEB01', class: 'server', externalIds: {} }),
    ]));
    expect(plan.cis.rejected.map((r) => [r.key, r.row])).toEqual([
      ['a', expect.any(Number)],
      ['b', expect.any(Number)],
    ]);
    expect(plan.cis.rejected[0].reason).toMatch(/^2 incoming items match the same existing CI web01 \(web\): "web01" at row \d+, "WEB01" at row \d+$/);
    expect(plan.counts.cis).toEqual({ create: 0, update: 0, unchanged: 0, rejected: 2 });
  });

  it('reports one incoming item matching two existing CIs (by external id or by name) as a rejection', () => {
    const cmdb = base();
    cmdb.createCi({ id: 'web2', name: 'Web01', class: 'server' });
    const byName = planImport(cmdb.graph, batch([inc({ key: 'x', name: 'web01', class: 'server' })]));
    expect(byName.cis.rejected[0].reason).toBe('matches 2 existing CIs by class and name: web01 (web), Web01 (web2)');
    const byExternal = planImport(cmdb.graph, batch([inc({ key: 'x', name: 'x', class: 'server', externalIds: { servicenow: 'sn-web', backstage: 'component:default/orders' } })]));
    expect(byExternal.cis.rejected[0].reason).toMatch(/^matches 2 existing CIs by external id/);
  });

  it('rejects every CI whose key appears twice in the import', () => {
    const plan = planImport(base().graph, batch([inc({ key: 'k', name: 'one', class: 'server' }), inc({ key: 'k', name: 'two', class: 'server' })]));
    expect(plan.cis.rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^the key "k" appears 2 times in the import \(at row \d+, row \d+\)$/),
      expect.stringMatching(/^the key "k" appears 2 times/),
    ]);
  });

  it('reports a group of duplicates with its first rows and a count, so the preview grows linearly with the file', () => {
    const previewSize = (n: number, make: (i: number) => ImportedCi) => {
      const cis = Array.from({ length: n }, (_, i) => make(i));
      const relationships = cis.map((ci) => rel(ci.key, 'k-db'));
      const plan = planImport(base().graph, batch(cis, relationships));
      expect(plan.counts.cis.rejected).toBe(n);
      return { size: JSON.stringify(plan).length, plan };
    };
    const sameKey = (i: number) => inc({ key: 'dup', name: `n${i}`, class: 'server' });
    const small = previewSize(1_000, sameKey);
    const large = previewSize(10_000, sameKey);
    expect(large.size / small.size).toBeLessThan(12);
    expect(large.plan.cis.rejected[0].reason).toMatch(/^the key "dup" appears 10000 times in the import \(at row \d+, row \d+, row \d+, row \d+, row \d+ and 9995 more\)$/);

    const sameTarget = (i: number) => inc({ key: `k${i}`, name: i % 2 === 0 ? 'web01' : 'WEB01', class: 'server' });
    const fewRivals = previewSize(1_000, sameTarget);
    const manyRivals = previewSize(10_000, sameTarget);
    expect(manyRivals.size / fewRivals.size).toBeLessThan(12);
    expect(manyRivals.plan.cis.rejected[0].reason).toMatch(/^10000 incoming items match the same existing CI web01 \(web\): "web01" at row \d+, .* and 9995 more$/);
  });

  it('keeps parser rejections, sorted into CIs and relationships', () => {
    const plan = planImport(base().graph, batch([], [], {
      rejected: [
        { file: 'f', row: 3, entity: 'ci', reason: 'bad class' },
        { file: 'f', row: 4, entity: 'relationship', reason: 'bad type' },
      ],
    }));
    expect(plan.cis.rejected.map((r) => r.reason)).toEqual(['bad class']);
    expect(plan.relationships.rejected.map((r) => r.reason)).toEqual(['bad type']);
  });

  it('keeps 300k rejected change, incident and problem rows (no spread of them into call arguments)', () => {
    const rows = 300_000;
    const rejected: ImportBatch['rejected'] = [];
    for (const entity of ['change', 'incident', 'problem'] as const) {
      for (let i = 0; i < rows; i++) rejected.push({ file: 'f', row: i + 2, entity, reason: `bad ${entity}` });
    }
    const plan = planImport(base().graph, batch([], [], { rejected }));
    expect([plan.changes.rejected.length, plan.incidents.rejected.length, plan.problems.rejected.length]).toEqual([rows, rows, rows]);
    expect(plan.changes.rejected[rows - 1]).toMatchObject({ row: rows + 1, reason: 'bad change' });
  });
});

describe('planImport: updates field by field', () => {
  it('lists each changed field with before and after, and leaves unsaid fields alone', () => {
    const plan = planImport(base().graph, batch([
      inc({
        key: 'sn-web',
        system: 'servicenow',
        name: 'web01',
        class: 'server',
        owner: 'platform',
        criticality: 2,
        tags: ['dmz'],
        attributes: { rack: 'r1', ip: '10.0.0.1' },
        externalIds: { servicenow: 'sn-web' },
        redundancy: { minHealthy: 1 },
      }),
    ]));
    const update = plan.cis.update[0];
    expect(update.changes).toEqual([
      { field: 'criticality', before: 3, after: 2 },
      { field: 'owner', before: 'ops', after: 'platform' },
      { field: 'tags', before: ['linux'], after: ['linux', 'dmz'] },
      { field: 'attributes.ip', before: null, after: '10.0.0.1' },
      { field: 'redundancy', before: null, after: { minHealthy: 1 } },
    ]);
    expect(update.patch).toEqual({ criticality: 2, owner: 'platform', tags: ['linux', 'dmz'], attributes: { rack: 'r1', ip: '10.0.0.1' }, redundancy: { minHealthy: 1 } });
  });

  it('replaces tags for sources with Faultline ids, keeps a name that differs only in case, and rejects an update the model refuses', () => {
    const cmdb = base();
    const plan = planImport(cmdb.graph, batch([
      inc({ key: 'web', id: 'web', name: 'WEB01', class: 'server', tags: ['new'] }),
      inc({ key: 'db', id: 'db', name: 'Orders DB', class: 'database', owner: 'x'.repeat(201) }),
    ]));
    expect(plan.cis.update.map((u) => u.changes)).toEqual([[{ field: 'tags', before: ['linux'], after: ['new'] }]]);
    expect(plan.cis.rejected.map((r) => [r.key, r.field])).toEqual([['db', 'owner']]);
  });

  it('rejects a create the model refuses, naming the field', () => {
    const plan = planImport(base().graph, batch([inc({ key: 'bad id', id: 'bad id', name: 'n', class: 'server' }), inc({ key: 'blank', name: '   ', class: 'server' })]));
    expect(plan.cis.rejected.map((r) => [r.key, r.field])).toEqual([
      ['bad id', 'id'],
      ['blank', 'name'],
    ]);
  });
});

describe('planImport: relationships', () => {
  it('resolves ends among planned CIs, existing ids, external ids and names; existing edges are unchanged', () => {
    const cmdb = base();
    const plan = planImport(cmdb.graph, batch(
      [inc({ key: 'svc', name: 'Checkout', class: 'business_service' })],
      [
        rel('svc', 'app'),
        rel('app', 'db'),
        rel('component:default/orders', 'web', { system: 'backstage', type: 'runs_on' }),
        rel('svc', 'orders db', { type: 'part_of', strength: 'soft' }),
      ],
    ));
    expect(plan.relationships.create.map((r) => [r.source, r.target, r.type, r.strength])).toEqual([
      [{ kind: 'new', index: 0, name: 'Checkout' }, { kind: 'existing', id: 'app', name: 'Orders' }, 'depends_on', 'hard'],
      [{ kind: 'existing', id: 'app', name: 'Orders' }, { kind: 'existing', id: 'web', name: 'web01' }, 'runs_on', 'hard'],
      [{ kind: 'new', index: 0, name: 'Checkout' }, { kind: 'existing', id: 'db', name: 'Orders DB' }, 'part_of', 'soft'],
    ]);
    expect(plan.relationships.unchanged).toEqual([{ sourceRef: expect.any(Object), id: 'r1' }]);
  });

  it('plans a strength change on an existing edge as an update', () => {
    const plan = planImport(base().graph, batch([], [rel('app', 'db', { strength: 'soft' })]));
    expect(plan.relationships.update).toEqual([
      expect.objectContaining({ id: 'r1', changes: [{ field: 'strength', before: 'hard', after: 'soft' }], patch: { strength: 'soft' } }),
    ]);
  });

  it('rejects edges to ambiguous or rejected CIs, self-loops and repeats, with the reason; an unknown CI is a dangling-reference warning', () => {
    const cmdb = base();
    cmdb.createCi({ id: 'web2', name: 'WEB01', class: 'virtual_machine' });
    const plan = planImport(cmdb.graph, batch(
      [inc({ key: 'bad', name: 'x', class: 'server', owner: 'y'.repeat(300) }), inc({ key: 'ok', name: 'ok', class: 'server' })],
      [rel('ok', 'ghost'), rel('ok', 'web01'), rel('ok', 'bad'), rel('ok', 'ok'), rel('ok', 'db'), rel('ok', 'db')],
    ));
    expect(plan.relationships.rejected.map((r) => r.reason)).toEqual([
      'the target "web01" names 2 CIs',
      expect.stringMatching(/^the target "bad" was rejected: owner: /),
      'a CI cannot be related to itself (ok)',
      expect.stringMatching(/^the same relationship \(ok depends_on Orders DB\) is already at row \d+$/),
    ]);
    expect(plan.relationships.create).toHaveLength(1);
    expect(plan.warnings).toEqual([expect.stringMatching(/^in\.csv row \d+ \(target\): the target "ghost" is neither in this file nor in the CMDB; the relationship was not imported$/)]);
    expect(plan.leftOut.danglingReferences).toBe(1);
  });
});

describe('applyPlanOps', () => {
  it('applies a plan as one transaction that one undo takes back; planning again finds nothing to do', () => {
    const cmdb = base();
    const plan = planImport(cmdb.graph, batch(
      [
        inc({ key: 'svc', name: 'Checkout', class: 'business_service', externalIds: { test: 'svc' } }),
        inc({ key: 'sn-web', system: 'servicenow', name: 'web01', class: 'server', owner: 'platform', externalIds: { servicenow: 'sn-web' } }),
      ],
      [rel('svc', 'app'), rel('app', 'web', { type: 'runs_on', inferred: true })],
    ));
    expect(describePlan(plan)).toBe('1 CIs to create, 1 to update, 0 unchanged, 0 rejected; 2 relationships to create, 0 to update, 0 unchanged, 0 rejected');
    let n = 0;
    const ops = applyPlanOps(plan, (prefix) => `${prefix}_imp_${++n}`);
    expect(ops.map((o) => o.kind)).toEqual(['createCi', 'updateCi', 'createRelationship', 'createRelationship']);
    const undoBefore = cmdb.undoLabel;
    const { tx } = cmdb.applyBatch('Import in.csv', ops);
    expect(new Set(tx.records.map((r) => r.tx)).size).toBe(1);
    expect(cmdb.graph.getCi('ci_imp_1')?.name).toBe('Checkout');
    expect(cmdb.graph.getCi('web')?.owner).toBe('platform');
    const inferred = [...cmdb.graph.relationships()].find((r) => r.type === 'runs_on');
    expect(inferred).toMatchObject({ source: 'app', target: 'web', inferred: true });

    const again = planImport(cmdb.graph, batch(
      [
        inc({ key: 'svc', name: 'Checkout', class: 'business_service', externalIds: { test: 'svc' } }),
        inc({ key: 'sn-web', system: 'servicenow', name: 'web01', class: 'server', owner: 'platform', externalIds: { servicenow: 'sn-web' } }),
      ],
      [rel('svc', 'app'), rel('app', 'web', { type: 'runs_on', inferred: true })],
    ));
    expect(planIsEmpty(again)).toBe(true);
    expect(again.counts).toEqual({ cis: { create: 0, update: 0, unchanged: 2, rejected: 0 }, relationships: { create: 0, update: 0, unchanged: 2, rejected: 0 }, changes: { create: 0, update: 0, unchanged: 0, rejected: 0 }, incidents: { create: 0, update: 0, unchanged: 0, rejected: 0 }, problems: { create: 0, update: 0, unchanged: 0, rejected: 0 } });

    cmdb.undo();
    expect(cmdb.graph.ciCount).toBe(3);
    expect(cmdb.graph.relationshipCount).toBe(1);
    expect(cmdb.graph.getCi('web')?.owner).toBe('ops');
    expect(cmdb.undoLabel).toBe(undoBefore);
  });

  it('records the graph revision the plan was made against', () => {
    const cmdb = base();
    const plan = planImport(cmdb.graph, batch([]));
    expect(plan.graphRevision).toBe(cmdb.graph.revision);
    cmdb.createCi({ name: 'later', class: 'site' });
    expect(plan.graphRevision).not.toBe(cmdb.graph.revision);
  });
});

describe('planImportSteps', () => {
  it('pauses every STEP_SLICE items and ends with the same plan as planImport', () => {
    // 5,000 incoming CIs, 2 of them matching existing CIs by id, and 4,999 relationships in a chain.
    const cmdb = base();
    const cis = Array.from({ length: 5_000 }, (_, i) => inc({ key: `k${i}`, name: `n${i}`, class: 'server' }));
    cis.push(inc({ key: 'db', id: 'db', name: 'Orders DB', class: 'database' }));
    const rels = Array.from({ length: 4_999 }, (_, i) => rel(`k${i}`, `k${i + 1}`));
    const steps = planImportSteps(cmdb.graph, batch(cis, rels));
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    expect(pauses).toBeGreaterThanOrEqual(Math.floor((2 * cis.length + rels.length) / STEP_SLICE));
    expect(step.value).toEqual(planImport(cmdb.graph, batch(cis, rels)));
    expect(step.value.counts.cis.create).toBe(5_000);
    expect(step.value.counts.relationships.create).toBe(4_999);
  });
});
