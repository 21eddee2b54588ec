// The engine against the team's slow, obviously-right oracle (test/support/reference-impact.ts)
// on the bundled sample CMDB and on seeded synthetic CMDBs: same levels, same redundancy states,
// same single points of failure; and the sample's story (orders primary change, Checkout SPOFs).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CmdbGraph } from '../../../../src/core/graph';
import { blastRadius, dependencies, singlePointsOfFailure } from '../../../../src/core/impact';
import { impactedList, type BlastRadiusResult, type ImpactLevel } from '../../../../src/shared/impact-types';
import { CmdbDocumentSchema, type CmdbDocument } from '../../../../src/shared/model';
import { SAMPLE_PATH } from '../../../../resources/sample/build-sample';
import { CHECKOUT_SPOFS, ORDERS_PRIMARY_CHANGE } from '../../../../resources/sample/sample-cmdb.source';
import { failureView, referenceImpact, referenceSinglePointsOfFailure, type ReferenceTarget } from '../../../support/reference-impact';
import { generateSyntheticCmdb, mulberry32 } from '../../../support/synthetic-cmdb';
import { expectValidExplanation, explainAll } from './impact-helpers';

const sample: CmdbDocument = CmdbDocumentSchema.parse(JSON.parse(readFileSync(SAMPLE_PATH, 'utf8')));

function compareWithOracle(graph: CmdbGraph, view: ReturnType<typeof failureView>, targets: ReferenceTarget[]): BlastRadiusResult {
  const r = blastRadius(graph, { targets });
  const ref = referenceImpact(view, targets);
  const targetIds = new Set(targets.map((t) => t.ciId));
  const expected = new Map<string, ImpactLevel>([...ref.levels].filter(([id]) => !targetIds.has(id)));
  expect(new Map(impactedList(r.impacted).map((c) => [c.id, c.level]))).toEqual(expected);
  for (const [group, state] of ref.groups) {
    const found = impactedList(r.impacted).find((c) => c.id === group);
    if (found) expect(found.redundancy).toMatchObject(state);
  }
  for (const c of explainAll(r, impactedList(r.impacted))) expectValidExplanation(graph, c.path, c.steps, targetIds);
  return r;
}

describe('sample CMDB', () => {
  const graph = new CmdbGraph(sample.cis, sample.relationships);
  const view = failureView(sample);

  it('orders primary change: the story’s levels, all three of them, and the cluster "lost 1 of 3, needs 2"', () => {
    const r = compareWithOracle(graph, view, [...ORDERS_PRIMARY_CHANGE.targets]);
    expect(Object.fromEntries(impactedList(r.impacted).map((c) => [c.id, c.level]))).toEqual(ORDERS_PRIMARY_CHANGE.expected);
    expect(impactedList(r.impacted).find((c) => c.id === 'db-orders-cluster')?.redundancy?.text).toBe('lost 1 of 3, needs 2');
    expect(r.services.map((s) => s.id)).toContain('svc-checkout');
  });

  it('every CI as a single target (down; every third one degraded too) agrees with the oracle', () => {
    sample.cis.forEach((ci, i) => {
      compareWithOracle(graph, view, [{ ciId: ci.id, mode: 'down' }]);
      if (i % 3 === 0) compareWithOracle(graph, view, [{ ciId: ci.id, mode: 'degraded' }]);
    });
  });

  it('Checkout single points of failure are the story’s list', () => {
    const got = singlePointsOfFailure(graph, 'svc-checkout').singlePointsOfFailure.map((e) => e.id).sort();
    expect(got).toEqual([...CHECKOUT_SPOFS].sort());
    expect(got).toEqual(referenceSinglePointsOfFailure(sample, 'svc-checkout'));
  });
});

describe('synthetic CMDBs', () => {
  for (const seed of [1, 7]) {
    it(`seed ${seed}, 3,000 CIs: random change sets of 1–5 targets agree with the oracle`, () => {
      const doc = generateSyntheticCmdb({ cis: 3000, seed });
      const graph = new CmdbGraph(doc.cis, doc.relationships);
      const view = failureView(doc);
      const random = mulberry32(seed * 31);
      for (let run = 0; run < 40; run++) {
        const size = 1 + Math.floor(random() * 5);
        const targets: ReferenceTarget[] = [];
        for (let i = 0; i < size; i++) {
          const ci = doc.cis[Math.floor(random() * doc.cis.length)];
          if (!targets.some((t) => t.ciId === ci.id)) targets.push({ ciId: ci.id, mode: random() < 0.8 ? 'down' : 'degraded' });
        }
        compareWithOracle(graph, view, targets);
      }
    });
  }

  it('single points of failure of a few services agree with brute force', () => {
    const doc = generateSyntheticCmdb({ cis: 600, seed: 3 });
    const graph = new CmdbGraph(doc.cis, doc.relationships);
    const services = doc.cis.filter((c) => c.class === 'business_service').slice(0, 3);
    expect(services.length).toBeGreaterThan(0);
    for (const svc of services) {
      const got = singlePointsOfFailure(graph, svc.id).singlePointsOfFailure.map((e) => e.id).sort();
      expect(got).toEqual(referenceSinglePointsOfFailure(doc, svc.id));
    }
  });

  it('reusing the per-graph working memory leaves no trace between calls, and an edit is seen', () => {
    const doc = generateSyntheticCmdb({ cis: 1000, seed: 5 });
    const graph = new CmdbGraph(doc.cis, doc.relationships);
    const strip = <T extends { elapsedMs: number }>(r: T) => ({ ...r, elapsedMs: 0 });
    const input = { targets: [{ ciId: doc.cis[500].id, mode: 'down' as const }, { ciId: doc.cis[900].id, mode: 'degraded' as const }] };
    const first = strip(blastRadius(graph, input));
    for (const ci of doc.cis.slice(0, 50)) {
      blastRadius(graph, { targets: [{ ciId: ci.id, mode: 'down' }], maxDepth: 2 });
      dependencies(graph, ci.id);
    }
    singlePointsOfFailure(graph, doc.cis[0].id);
    expect(strip(blastRadius(graph, input))).toEqual(first);
    // An edit rebuilds the indexes (and the working memory with them).
    const victim = impactedList(first.impacted)[0];
    expect(victim).toBeDefined();
    for (const rel of graph.relationshipsOf(victim.id)) graph.removeRelationship(rel.id);
    expect(impactedList(blastRadius(graph, input).impacted).map((c) => c.id)).not.toContain(victim.id);
  });
});

