// Common cause's search prunes with reach bounds; these tests check it against the plain
// definition (every CI's real blast radius, scored the same way) on generated CMDBs, and check the
// bounds themselves: the services a CI is sure to hurt are hurt by its blast radius.
import { describe, expect, it } from 'vitest';
import { cmdbFromDocument } from '../../../../src/core/graph/load';
import { CmdbGraph, type Cmdb } from '../../../../src/core/graph';
import { blastRadius } from '../../../../src/core/impact';
import { condensationOf } from '../../../../src/core/impact/condensation';
import { serviceReachOf } from '../../../../src/core/impact/service-reach';
import { causeScore, commonCause } from '../../../../src/core/incidents';
import { explainableCis } from '../../../../src/core/incidents/incident-reach';
import { impactedList } from '../../../../src/shared/impact-types';
import type { Incident } from '../../../../src/shared/incidents';
import { generateSyntheticCmdb, mulberry32 } from '../../../support/synthetic-cmdb';
import { testEnv } from '../graph/test-env';
import { makeCi, makeRel } from '../impact/impact-helpers';

function generated(cis: number, seed: number): Cmdb {
  return cmdbFromDocument(generateSyntheticCmdb({ cis, seed }), [], testEnv());
}

interface Answer {
  ciId: string;
  explains: string[];
  otherServices: number;
}

/** Every CI taken down in turn, scored by the definition. */
function bruteForce(cmdb: Cmdb, incidents: readonly Incident[], limit: number): Answer[] {
  const own = new Set(incidents.flatMap((i) => [...i.affectedCiIds, ...i.affectedServices.map((s) => s.id)]));
  const answers: (Answer & { score: number })[] = [];
  for (const ci of cmdb.graph.cis()) {
    const result = blastRadius(cmdb.graph, { targets: [{ ciId: ci.id, mode: 'down' }] });
    const hurt = new Set(impactedList(result.impacted).filter((e) => e.level !== 'at_risk').map((e) => e.id));
    const explains = incidents.filter((i) => i.affectedCiIds.some((id) => id === ci.id || hurt.has(id))).map((i) => i.id);
    if (explains.length === 0) continue;
    const others = result.services.filter((s) => !own.has(s.id));
    const atRisk = others.filter((s) => s.level === 'at_risk').length;
    answers.push({ ciId: ci.id, explains, otherServices: others.length, score: causeScore(explains.length, others.length - atRisk) });
  }
  answers.sort((a, b) => b.score - a.score || b.explains.length - a.explains.length || a.otherServices - b.otherServices || (a.ciId < b.ciId ? -1 : 1));
  return answers.slice(0, limit).map(({ ciId, explains, otherServices }) => ({ ciId, explains, otherServices }));
}

function openOn(cmdb: Cmdb, ciIds: readonly string[]): Incident[] {
  return ciIds.map((id) => cmdb.createRecord('incident', { title: `down: ${id}`, affectedCiIds: [id] }).record as Incident);
}

describe('common cause search', () => {
  it('ranks exactly as scoring every CI would, on generated CMDBs with services, hosts and noise', () => {
    for (const seed of [1, 2, 3]) {
      const cmdb = generated(1500, seed);
      const random = mulberry32(seed * 7919);
      const cis = [...cmdb.graph.cis()];
      const services = cis.filter((c) => c.class === 'business_service' || c.class === 'technical_service');
      for (let round = 0; round < 4; round++) {
        const count = 3 + Math.floor(random() * 8);
        // Mostly services, now and then any CI (an incident may name a database or a host).
        const chosen = new Set<string>();
        while (chosen.size < count) {
          const pool = random() < 0.8 ? services : cis;
          chosen.add(pool[Math.floor(random() * pool.length)].id);
        }
        const incidents = openOn(cmdb, [...chosen]);
        // A small budget: checking in order of the bound settles the ranking long before it runs out.
        const { candidates, complete, checked } = commonCause(cmdb.graph, incidents, { limit: 5, budget: 1500 });
        expect(complete, `seed ${seed} round ${round}: ${checked} checked`).toBe(true);
        const answer = candidates.map(({ ciId, explains, otherServices }) => ({ ciId, explains, otherServices }));
        expect(answer, `seed ${seed} round ${round}`).toEqual(bruteForce(cmdb, incidents, 5));
        // Each path runs from the candidate to one of the incident's CIs along relationships.
        for (const candidate of candidates) {
          for (const { incidentId, path } of candidate.paths) {
            expect(path[0]).toBe(candidate.ciId);
            expect(incidents.find((i) => i.id === incidentId)?.affectedCiIds).toContain(path.at(-1));
            for (let k = 1; k < path.length; k++) expect(cmdb.graph.relationshipsOf(path[k]).some((r) => r.source === path[k - 1] || r.target === path[k - 1])).toBe(true);
          }
        }
      }
    }
  });

  it('bounds what each CI could explain: no CI explains more incidents than its bound, and none left out explains any', () => {
    for (const seed of [6, 7]) {
      const cmdb = generated(1000, seed);
      const ix = cmdb.graph.indexes();
      // The generator writes two-cycles: some components hold several CIs (the sweep's other path).
      expect(condensationOf(ix, 'all').count).toBeLessThan(ix.n);
      const random = mulberry32(seed);
      const cis = [...cmdb.graph.cis()];
      const chosen = [...new Set(Array.from({ length: 40 }, () => cis[Math.floor(random() * cis.length)].id))];
      const affected = chosen.map((id) => [ix.indexOf.get(id) ?? -1]);
      const { cis: bounded, most } = explainableCis(ix, affected);
      const bound = new Map<number, number>();
      bounded.forEach((i, u) => bound.set(i, most[u]));
      let tight = 0;
      for (let i = 0; i < ix.n; i++) {
        const hurt = new Set(impactedList(blastRadius(cmdb.graph, { targets: [{ ciId: ix.ciIds[i], mode: 'down' }] }).impacted).filter((e) => e.level !== 'at_risk').map((e) => e.id));
        const explains = chosen.filter((id) => id === ix.ciIds[i] || hurt.has(id)).length;
        expect(bound.get(i) ?? 0, `${ix.ciIds[i]} explains ${explains}`).toBeGreaterThanOrEqual(explains);
        if (explains > 0 && bound.get(i) === explains) tight++;
      }
      // The bound is not vacuous: for most CIs that explain something it is exact.
      expect(tight).toBeGreaterThan(bounded.length / 2);
    }
  });

  it('knows the services each CI is sure to hurt: its blast radius lists them down or degraded', () => {
    const cmdb = generated(1200, 4);
    const ix = cmdb.graph.indexes();
    const reach = serviceReachOf(ix);
    expect(reach).not.toBeNull();
    if (!reach) return;
    const serviceAt: string[] = [];
    for (let i = 0; i < ix.n; i++) if (reach.column[i] >= 0) serviceAt[reach.column[i]] = ix.ciIds[i];
    let sureHurt = 0;
    for (let i = 0; i < ix.n; i++) {
      const services = blastRadius(cmdb.graph, { targets: [{ ciId: ix.ciIds[i], mode: 'down' }] }).services;
      const hurt = new Set(services.filter((s) => s.level !== 'at_risk').map((s) => s.id));
      const row = reach.cond.comp[i] * reach.width;
      const has = (bits: Uint32Array, c: number) => (bits[row + (c >>> 5)] & (1 << (c & 31))) !== 0;
      for (let c = 0; c < serviceAt.length; c++) {
        if (serviceAt[c] === ix.ciIds[i]) continue;
        if (has(reach.hurtBits, c)) {
          sureHurt++;
          expect(hurt.has(serviceAt[c]), `${ix.ciIds[i]} hurts ${serviceAt[c]}`).toBe(true);
        }
      }
    }
    // The bounds are not vacuous.
    expect(sureHurt).toBeGreaterThan(ix.n / 2);
  });
});

describe('the failure graph condensed', () => {
  it('puts a cycle in one component, after everything it reaches, and survives a chain of 200,000 CIs', () => {
    const cmdb = generated(800, 5);
    const ix = cmdb.graph.indexes();
    const cond = condensationOf(ix, 'all');
    for (let v = 0; v < ix.n; v++) {
      for (let p = ix.failOffsets[v]; p < ix.failOffsets[v + 1]; p++) expect(cond.comp[ix.failEnds[p]]).toBeLessThanOrEqual(cond.comp[v]);
    }
    // The generator writes explicit two-cycles: their ends share a component.
    expect(cond.count).toBeLessThan(ix.n);

    const chain = new CmdbGraph();
    const n = 200_000;
    for (let i = 0; i < n; i++) chain.putCi(makeCi(`c${i}`));
    for (let i = 1; i < n; i++) chain.putRelationship(makeRel(`c${i} depends_on c${i - 1}`));
    const long = condensationOf(chain.indexes(), 'hard');
    expect(long.count).toBe(n);
  });
});
