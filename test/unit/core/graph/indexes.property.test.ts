// Property: through any sequence of mutations, undo and redo, the graph's maps and its
// CSR indexes agree with a naive reference model kept as plain snapshots.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndexes, Cmdb, CmdbError, CmdbGraph, RELATIONSHIP_TYPE_CODES } from '../../../../src/core/graph';
import { CI_CLASSES, RELATIONSHIP_TYPES, type Ci, type Relationship } from '../../../../src/shared/model';
import { testEnv } from './test-env';
import { ci } from '../../../support/ci-fixture';

interface RefState {
  cis: Map<string, Ci>;
  rels: Map<string, Relationship>;
}

const ID_POOL = ['a', 'b', 'c', 'd', 'e', 'f'];

const commandArb = fc.oneof(
  fc.record({ kind: fc.constant('createCi' as const), id: fc.constantFrom(...ID_POOL), cls: fc.constantFrom(...CI_CLASSES) }),
  fc.record({ kind: fc.constant('updateCi' as const), id: fc.constantFrom(...ID_POOL), crit: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('deleteCi' as const), id: fc.constantFrom(...ID_POOL) }),
  fc.record({
    kind: fc.constant('createRel' as const),
    source: fc.constantFrom(...ID_POOL),
    target: fc.constantFrom(...ID_POOL),
    type: fc.constantFrom(...RELATIONSHIP_TYPES),
    soft: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('updateRel' as const), pick: fc.nat(), type: fc.constantFrom(...RELATIONSHIP_TYPES) }),
  fc.record({ kind: fc.constant('deleteRel' as const), pick: fc.nat() }),
  fc.constant({ kind: 'undo' as const }),
  fc.constant({ kind: 'redo' as const }),
);
type Command = typeof commandArb extends fc.Arbitrary<infer T> ? T : never;

function snapshot(graph: CmdbGraph): RefState {
  return { cis: new Map([...graph.cis()].map((c) => [c.id, c])), rels: new Map([...graph.relationships()].map((r) => [r.id, r])) };
}

/** The reference model's own rules, independent of the core's. */
function refApply(state: RefState, cmd: Command, relIds: string[]): RefState | null {
  const cis = new Map(state.cis);
  const rels = new Map(state.rels);
  switch (cmd.kind) {
    case 'createCi':
      if (cis.has(cmd.id)) return null;
      cis.set(cmd.id, { id: cmd.id } as Ci);
      return { cis, rels };
    case 'updateCi':
      return cis.has(cmd.id) ? { cis, rels } : null;
    case 'deleteCi':
      if (!cis.has(cmd.id)) return null;
      cis.delete(cmd.id);
      for (const [id, r] of rels) if (r.source === cmd.id || r.target === cmd.id) rels.delete(id);
      return { cis, rels };
    case 'createRel': {
      if (cmd.source === cmd.target || !cis.has(cmd.source) || !cis.has(cmd.target)) return null;
      if ([...rels.values()].some((r) => r.source === cmd.source && r.target === cmd.target && r.type === cmd.type)) return null;
      rels.set('?', { source: cmd.source, target: cmd.target, type: cmd.type } as Relationship);
      return { cis, rels };
    }
    case 'updateRel': {
      const id = relIds.length ? relIds[cmd.pick % relIds.length] : undefined;
      const r = id ? rels.get(id) : undefined;
      if (!id || !r) return null;
      if ([...rels.values()].some((o) => o.id !== id && o.source === r.source && o.target === r.target && o.type === cmd.type)) return null;
      return { cis, rels };
    }
    case 'deleteRel': {
      const id = relIds.length ? relIds[cmd.pick % relIds.length] : undefined;
      if (!id) return null;
      rels.delete(id);
      return { cis, rels };
    }
    default:
      return null;
  }
}

function run(cmdb: Cmdb, cmd: Command, relIds: string[]): void {
  switch (cmd.kind) {
    case 'createCi':
      cmdb.createCi({ id: cmd.id, name: `CI ${cmd.id}`, class: cmd.cls });
      return;
    case 'updateCi':
      cmdb.updateCi(cmd.id, { criticality: cmd.crit });
      return;
    case 'deleteCi':
      cmdb.deleteCi(cmd.id);
      return;
    case 'createRel':
      cmdb.createRelationship({ source: cmd.source, target: cmd.target, type: cmd.type, strength: cmd.soft ? 'soft' : 'hard' });
      return;
    case 'updateRel':
      cmdb.updateRelationship(relIds.length ? relIds[cmd.pick % relIds.length] : 'none', { type: cmd.type });
      return;
    case 'deleteRel':
      cmdb.deleteRelationship(relIds.length ? relIds[cmd.pick % relIds.length] : 'none');
      return;
    case 'undo':
      cmdb.undo();
      return;
    case 'redo':
      cmdb.redo();
  }
}

/** The CSR indexes, read back as (source, target, type, strength) tuples per CI, must match the maps. */
function expectIndexesAgree(graph: CmdbGraph): void {
  const ix = graph.indexes();
  const cis = [...graph.cis()];
  const rels = [...graph.relationships()];
  expect(ix.n).toBe(cis.length);
  expect(ix.m).toBe(rels.length);
  const key = (r: Relationship) => `${r.source}>${r.target}:${r.type}:${r.strength}`;
  for (const ci of cis) {
    const i = ix.indexOf.get(ci.id) as number;
    expect(ix.ciIds[i]).toBe(ci.id);
    const out: string[] = [];
    for (let k = ix.outOffsets[i]; k < ix.outOffsets[i + 1]; k++) {
      const e = ix.outEdges[k];
      out.push(`${ix.ciIds[ix.relSource[e]]}>${ix.ciIds[ix.relTarget[e]]}:${RELATIONSHIP_TYPE_CODES[ix.relType[e]]}:${ix.relStrength[e] ? 'soft' : 'hard'}`);
    }
    const inn: string[] = [];
    for (let k = ix.inOffsets[i]; k < ix.inOffsets[i + 1]; k++) {
      const e = ix.inEdges[k];
      inn.push(`${ix.ciIds[ix.relSource[e]]}>${ix.ciIds[ix.relTarget[e]]}:${RELATIONSHIP_TYPE_CODES[ix.relType[e]]}:${ix.relStrength[e] ? 'soft' : 'hard'}`);
    }
    expect(out.sort()).toEqual(rels.filter((r) => r.source === ci.id).map(key).sort());
    expect(inn.sort()).toEqual(rels.filter((r) => r.target === ci.id).map(key).sort());
    expect(graph.outgoing(ci.id).map(key).sort()).toEqual(out.sort());
    expect(graph.incoming(ci.id).map(key).sort()).toEqual(inn.sort());
  }
}

function sameShape(graph: CmdbGraph, ref: RefState): void {
  expect([...graph.cis()].map((c) => c.id).sort()).toEqual([...ref.cis.keys()].sort());
  const triple = (r: Pick<Relationship, 'source' | 'target'>) => `${r.source}>${r.target}`;
  expect([...graph.relationships()].map(triple).sort()).toEqual([...ref.rels.values()].map(triple).sort());
}

/** Runs the commands against a Cmdb over `graph` and the reference model started from the same state. */
function checkAgainstReference(graph: CmdbGraph, commands: Command[]): void {
  const cmdb = new Cmdb(graph, testEnv());
  let ref: RefState = snapshot(graph);
  const undo: RefState[] = [];
  const redo: RefState[] = [];
  expectIndexesAgree(cmdb.graph);
  for (const cmd of commands) {
    const relIds = [...cmdb.graph.relationships()].map((r) => r.id).sort();
    if (cmd.kind === 'undo' || cmd.kind === 'redo') {
      const from = cmd.kind === 'undo' ? undo : redo;
      const to = cmd.kind === 'undo' ? redo : undo;
      const prev = from.pop();
      run(cmdb, cmd, relIds);
      if (prev) {
        to.push(ref);
        ref = prev;
      }
    } else {
      const expected = refApply(ref, cmd, relIds);
      let failed = false;
      try {
        run(cmdb, cmd, relIds);
      } catch (e) {
        if (!(e instanceof CmdbError)) throw e;
        failed = true;
      }
      expect(failed).toBe(expected === null);
      if (expected) {
        undo.push(ref);
        redo.length = 0;
        ref = snapshot(cmdb.graph);
        sameShape(cmdb.graph, expected);
      }
    }
    sameShape(cmdb.graph, ref);
    expect(cmdb.canUndo).toBe(undo.length > 0);
    expect(cmdb.canRedo).toBe(redo.length > 0);
    expectIndexesAgree(cmdb.graph);
  }
}

/** A valid starting graph over some of ID_POOL: no self-loops, no two relationships with the same (source, target, type). */
const startArb = fc
  .record({
    cis: fc.subarray(ID_POOL, { minLength: 2 }),
    edges: fc.array(fc.record({ s: fc.nat(), t: fc.nat(), type: fc.constantFrom(...RELATIONSHIP_TYPES), soft: fc.boolean() }), { maxLength: 12 }),
  })
  .map(({ cis: ids, edges }) => {
    const cis: Ci[] = ids.map((id, i) => ci(id, `CI ${id}`, { class: CI_CLASSES[i % CI_CLASSES.length] }));
    const seen = new Set<string>();
    const rels: Relationship[] = [];
    for (const { s, t, type, soft } of edges) {
      const source = ids[s % ids.length];
      const target = ids[t % ids.length];
      const key = `${source}>${target}:${type}`;
      if (source === target || seen.has(key)) continue;
      seen.add(key);
      rels.push({ id: `base_${rels.length}`, source, target, type, strength: soft ? 'soft' : 'hard' });
    }
    return { cis, rels };
  });

describe('graph indexes through mutations, undo and redo', () => {
  it('agree with a reference model', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { minLength: 1, maxLength: 60 }), (commands) => checkAgainstReference(new CmdbGraph(), commands)),
      { numRuns: 300 },
    );
  });

  it('agree with a reference model for a graph opened from prebuilt indexes (a checkpoint)', () => {
    fc.assert(
      fc.property(startArb, fc.array(commandArb, { minLength: 1, maxLength: 60 }), ({ cis, rels }, commands) => {
        const graph = CmdbGraph.fromIndexes(buildIndexes(cis, rels));
        expect([...graph.cis()]).toEqual(cis);
        expect([...graph.relationships()]).toEqual(rels);
        checkAgainstReference(graph, commands);
      }),
      { numRuns: 300 },
    );
  });
});
