// The seeded synthetic CMDB generator used by the benchmark and property tests.
import { describe, expect, it } from 'vitest';
import { CI_CLASSES, CmdbDocumentSchema, type CmdbDocument } from '../../../src/shared/model';
import { CmdbGraph } from '../../../src/core/graph/cmdb-graph';
import { FAILURE_DIRECTION } from '../../../src/core/graph/relationship-rules';
import { generateSyntheticCmdb, mulberry32 } from '../../support/synthetic-cmdb';

const sample = generateSyntheticCmdb({ cis: 2000, seed: 7 });

/** For each CI, the CIs its failure reaches directly (ARCHITECTURE.md failure directions). */
function failureAdjacency(doc: CmdbDocument): Map<string, string[]> {
  const adj = new Map<string, string[]>(doc.cis.map((c) => [c.id, []]));
  for (const r of doc.relationships) {
    if (FAILURE_DIRECTION[r.type] === 'target_to_source') adj.get(r.target)!.push(r.source);
    else adj.get(r.source)!.push(r.target);
  }
  return adj;
}

function reach(adj: Map<string, string[]>, start: string): number {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const next of adj.get(queue.pop()!)!) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen.size;
}

describe('mulberry32', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const c = mulberry32(124);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });
});

describe('generateSyntheticCmdb', () => {
  it('is deterministic by seed', () => {
    expect(JSON.stringify(generateSyntheticCmdb({ cis: 2000, seed: 7 }))).toBe(JSON.stringify(sample));
    expect(JSON.stringify(generateSyntheticCmdb({ cis: 2000, seed: 8 }))).not.toBe(JSON.stringify(sample));
  });

  it.each([200, 2000, 10_000])('makes exactly %i CIs with about 3 relationships each', (cis) => {
    const doc = generateSyntheticCmdb({ cis, seed: 1 });
    expect(doc.cis).toHaveLength(cis);
    const perCi = doc.relationships.length / cis;
    expect(perCi).toBeGreaterThan(2.5);
    expect(perCi).toBeLessThan(3.5);
  });

  it('produces a valid document that loads into CmdbGraph', () => {
    const parsed = CmdbDocumentSchema.parse(sample);
    expect(parsed.cis).toHaveLength(2000);
    const graph = new CmdbGraph(parsed.cis, parsed.relationships);
    expect(graph.indexes().m).toBe(sample.relationships.length);
  });

  it('has unique ids, existing ends, no self-loops and no duplicate (source, target, type)', () => {
    const ids = new Set(sample.cis.map((c) => c.id));
    expect(ids.size).toBe(sample.cis.length);
    expect(new Set(sample.relationships.map((r) => r.id)).size).toBe(sample.relationships.length);
    const keys = new Set<string>();
    for (const r of sample.relationships) {
      expect(ids.has(r.source) && ids.has(r.target), r.id).toBe(true);
      expect(r.source).not.toBe(r.target);
      const key = `${r.source} ${r.target} ${r.type}`;
      expect(keys.has(key), key).toBe(false);
      keys.add(key);
    }
  });

  it('covers every class, both strengths and every relationship type', () => {
    expect(new Set(sample.cis.map((c) => c.class))).toEqual(new Set(CI_CLASSES));
    expect(new Set(sample.relationships.map((r) => r.strength))).toEqual(new Set(['hard', 'soft']));
    expect(new Set(sample.relationships.map((r) => r.type))).toEqual(new Set(Object.keys(FAILURE_DIRECTION)));
  });

  it('has redundancy groups whose minHealthy is within their member count', () => {
    const members = new Map<string, number>();
    for (const r of sample.relationships) if (r.type === 'member_of') members.set(r.target, (members.get(r.target) ?? 0) + 1);
    const groups = sample.cis.filter((c) => c.redundancy);
    expect(groups.length).toBeGreaterThan(20);
    for (const g of groups) {
      expect(members.get(g.id) ?? 0, g.id).toBeGreaterThanOrEqual(g.redundancy!.minHealthy);
    }
    expect(groups.filter((g) => (members.get(g.id) ?? 0) > g.redundancy!.minHealthy).length).toBeGreaterThan(20);
  });

  it('has cycles along the failure direction', () => {
    const adj = failureAdjacency(sample);
    const indegree = new Map<string, number>([...adj.keys()].map((id) => [id, 0]));
    for (const targets of adj.values()) for (const t of targets) indegree.set(t, indegree.get(t)! + 1);
    const queue = [...indegree].filter(([, d]) => d === 0).map(([id]) => id);
    let removed = 0;
    while (queue.length > 0) {
      removed++;
      for (const t of adj.get(queue.pop()!)!) {
        indegree.set(t, indegree.get(t)! - 1);
        if (indegree.get(t) === 0) queue.push(t);
      }
    }
    expect(removed).toBeLessThan(sample.cis.length);
  });

  it('has shared hubs whose failure reaches a large part of the graph, while a typical CI reaches little', () => {
    const doc = generateSyntheticCmdb({ cis: 10_000, seed: 3 });
    const adj = failureAdjacency(doc);
    const hub = [...adj].sort((a, b) => b[1].length - a[1].length)[0];
    expect(hub[1].length).toBeGreaterThan(200);
    expect(reach(adj, hub[0])).toBeGreaterThan(doc.cis.length * 0.2);
    const sizes = doc.cis.filter((_, i) => i % 97 === 0).map((c) => reach(adj, c.id)).sort((a, b) => a - b);
    expect(sizes[Math.floor(sizes.length / 2)]).toBeLessThan(doc.cis.length * 0.05);
  });

  it('refuses sizes too small for its layers', () => {
    expect(() => generateSyntheticCmdb({ cis: 50, seed: 1 })).toThrow(/at least 200/);
  });
});
