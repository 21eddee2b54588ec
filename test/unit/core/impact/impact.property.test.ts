// Property tests of the impact engine against naive references on random small graphs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CmdbGraph, FAILURE_DIRECTION } from '../../../../src/core/graph';
import { blastRadius, dependencies, singlePointsOfFailure } from '../../../../src/core/impact';
import { impactedList, type BlastRadiusResult, type ImpactLevel } from '../../../../src/shared/impact-types';
import { RELATIONSHIP_TYPES, type Ci, type Relationship, type RelationshipType } from '../../../../src/shared/model';
import { expectValidExplanation, explainAll, makeCi } from './impact-helpers';

interface Spec {
  cis: Ci[];
  rels: Relationship[];
  targets: { ciId: string; mode: 'down' | 'degraded' }[];
}

interface SpecOptions {
  redundancy: boolean;
  soft: boolean;
  degradedTargets: boolean;
}


function specArb(opts: SpecOptions): fc.Arbitrary<Spec> {
  return fc.integer({ min: 2, max: 9 }).chain((n) =>
    fc
      .record({
        ks: fc.array(opts.redundancy ? fc.option(fc.integer({ min: 1, max: 2 }), { freq: 2 }) : fc.constant(null), {
          minLength: n,
          maxLength: n,
        }),
        edges: fc.array(
          fc.record({
            s: fc.nat({ max: n - 1 }),
            t: fc.nat({ max: n - 1 }),
            // member_of weighted up so that redundancy groups actually lose members.
            type: fc.oneof(
              { arbitrary: fc.constantFrom(...RELATIONSHIP_TYPES), weight: 2 },
              { arbitrary: fc.constant('member_of' as const), weight: opts.redundancy ? 2 : 0 },
            ),
            soft: opts.soft ? fc.integer({ min: 0, max: 3 }).map((x) => x === 0) : fc.constant(false),
          }),
          { minLength: 1, maxLength: n * 3, size: 'max' },
        ),
        // Explicit clusters, so that groups have several members and every boundary of the rule shows up.
        clusters: opts.redundancy
          ? fc.array(
              fc.record({
                g: fc.nat({ max: n - 1 }),
                members: fc.uniqueArray(fc.nat({ max: n - 1 }), { minLength: 2, maxLength: 4 }),
                k: fc.integer({ min: 1, max: 3 }),
              }),
              { maxLength: 2 },
            )
          : fc.constant([]),
        targets: fc.uniqueArray(
          fc.record({
            i: fc.nat({ max: n - 1 }),
            degraded: opts.degradedTargets ? fc.integer({ min: 0, max: 3 }).map((x) => x === 0) : fc.constant(false),
          }),
          { minLength: 1, maxLength: 3, selector: (t) => t.i },
        ),
      })
      .map(({ ks: genKs, edges: genEdges, clusters, targets }) => {
        // Copies: generated values are reused while shrinking and must not be mutated.
        const ks = [...genKs];
        const edges = [...genEdges];
        for (const c of clusters) {
          ks[c.g] = c.k;
          c.members.forEach((m, i) => edges.push({ s: m, t: c.g, type: 'member_of', soft: i === 3 }));
        }
        const cis = ks.map((k, i) => makeCi(`c${i}`, k === null ? {} : { k }));
        const seen = new Set<string>();
        const rels: Relationship[] = [];
        for (const e of edges) {
          if (e.s === e.t) continue;
          const id = `c${e.s}>${e.type}>c${e.t}`;
          if (seen.has(id)) continue;
          seen.add(id);
          rels.push({ id, source: `c${e.s}`, target: `c${e.t}`, type: e.type, strength: e.soft ? 'soft' : 'hard' });
        }
        return {
          cis,
          rels,
          targets: targets.map((t) => ({ ciId: `c${t.i}`, mode: t.degraded ? ('degraded' as const) : ('down' as const) })),
        };
      }),
  );
}

/** The CI a relationship's failure travels from, and the one it reaches. */
function failureEnds(r: Relationship): [string, string] {
  return FAILURE_DIRECTION[r.type] === 'target_to_source' ? [r.target, r.source] : [r.source, r.target];
}

/** Plain BFS along failure direction: id → hops from the nearest target. */
function reachability(spec: Spec, maxDepth: number): Map<string, number> {
  const dist = new Map<string, number>(spec.targets.map((t) => [t.ciId, 0]));
  let frontier = spec.targets.map((t) => t.ciId);
  for (let d = 1; d <= maxDepth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const u of frontier) {
      for (const r of spec.rels) {
        const [from, to] = failureEnds(r);
        if (from === u && !dist.has(to)) {
          dist.set(to, d);
          next.push(to);
        }
      }
    }
    frontier = next;
  }
  return dist;
}

const RANK: Record<ImpactLevel, number> = { at_risk: 1, degraded: 2, down: 3 };

/**
 * The rules of ARCHITECTURE.md as a naive fixpoint, written independently of the engine:
 * the down set first, then degraded, then at_risk, each iterated until nothing changes.
 */
function referenceLevels(spec: Spec): Map<string, ImpactLevel> {
  const k = new Map(spec.cis.map((c) => [c.id, c.redundancy?.minHealthy ?? 0]));
  const isGroupEdge = (r: Relationship) => r.type === 'member_of' && (k.get(r.target) ?? 0) > 0;
  const members = (g: string) => spec.rels.filter((r) => r.type === 'member_of' && r.strength === 'hard' && r.target === g);
  const lostOf = (g: string, down: Set<string>) => members(g).filter((r) => down.has(r.source)).length;

  const down = new Set(spec.targets.filter((t) => t.mode === 'down').map((t) => t.ciId));
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of spec.rels) {
      const [from, to] = failureEnds(r);
      if (r.strength === 'hard' && !isGroupEdge(r) && down.has(from) && !down.has(to)) {
        down.add(to);
        changed = true;
      }
    }
    for (const c of spec.cis) {
      const kc = k.get(c.id) ?? 0;
      if (kc > 0 && !down.has(c.id) && members(c.id).length - lostOf(c.id, down) < kc && lostOf(c.id, down) > 0) {
        down.add(c.id);
        changed = true;
      }
    }
  }
  const spread = (set: Set<string>, above: Set<string>) => {
    for (let changed = true; changed; ) {
      changed = false;
      for (const r of spec.rels) {
        const [from, to] = failureEnds(r);
        if (r.strength === 'hard' && set.has(from) && !set.has(to) && !above.has(to)) {
          set.add(to);
          changed = true;
        }
      }
    }
  };
  const degraded = new Set(spec.targets.filter((t) => t.mode === 'degraded' && !down.has(t.ciId)).map((t) => t.ciId));
  for (const r of spec.rels) {
    const [from, to] = failureEnds(r);
    if (r.strength === 'soft' && down.has(from) && !down.has(to)) degraded.add(to);
  }
  const atRisk = new Set<string>();
  for (const c of spec.cis) {
    const kc = k.get(c.id) ?? 0;
    const lost = lostOf(c.id, down);
    if (kc === 0 || lost === 0 || down.has(c.id)) continue;
    const healthy = members(c.id).length - lost;
    if (healthy > kc) degraded.add(c.id);
    else if (healthy === kc) atRisk.add(c.id);
  }
  spread(degraded, down);
  for (const id of degraded) atRisk.delete(id);
  spread(atRisk, new Set([...down, ...degraded]));

  const targetIds = new Set(spec.targets.map((t) => t.ciId));
  const out = new Map<string, ImpactLevel>();
  for (const [set, level] of [
    [atRisk, 'at_risk'],
    [degraded, 'degraded'],
    [down, 'down'],
  ] as const) {
    for (const id of set) if (!targetIds.has(id)) out.set(id, level);
  }
  return out;
}

function levelMap(r: BlastRadiusResult): Map<string, ImpactLevel> {
  return new Map(impactedList(r.impacted).map((c) => [c.id, c.level]));
}

function withoutTimes<T extends { elapsedMs: number }>(r: T): Omit<T, 'elapsedMs'> {
  const { elapsedMs: _elapsed, ...rest } = r;
  return rest;
}

const RUNS = { numRuns: 300 };

describe('impact properties', () => {
  it('without redundancy and soft edges, the impacted set is plain reachability along failure direction', () => {
    fc.assert(
      fc.property(specArb({ redundancy: false, soft: false, degradedTargets: false }), fc.option(fc.integer({ min: 1, max: 4 })), (spec, maxDepth) => {
        const g = new CmdbGraph(spec.cis, spec.rels);
        const r = blastRadius(g, { targets: spec.targets, maxDepth: maxDepth ?? undefined });
        const reach = reachability(spec, maxDepth ?? Infinity);
        for (const t of spec.targets) reach.delete(t.ciId);
        expect(new Map(impactedList(r.impacted).map((c) => [c.id, c.depth]))).toEqual(reach);
        expect(impactedList(r.impacted).every((c) => c.level === 'down')).toBe(true);
      }),
      RUNS,
    );
  });

  it('levels equal a naive fixpoint of the rules (redundancy, soft edges, both modes)', () => {
    fc.assert(
      fc.property(specArb({ redundancy: true, soft: true, degradedTargets: true }), (spec) => {
        const r = blastRadius(new CmdbGraph(spec.cis, spec.rels), { targets: spec.targets });
        expect(levelMap(r)).toEqual(referenceLevels(spec));
      }),
      { numRuns: 1000 },
    );
  });

  it('without redundancy rules, adding a hard relationship never lowers any level', () => {
    fc.assert(
      fc.property(
        specArb({ redundancy: false, soft: true, degradedTargets: true }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...RELATIONSHIP_TYPES),
        (spec, a, b, type: RelationshipType) => {
          const s = spec.cis[a % spec.cis.length].id;
          const t = spec.cis[b % spec.cis.length].id;
          const id = `${s}>${type}>${t}`;
          fc.pre(s !== t && !spec.rels.some((r) => r.id === id));
          const before = levelMap(blastRadius(new CmdbGraph(spec.cis, spec.rels), { targets: spec.targets }));
          const added: Relationship = { id, source: s, target: t, type, strength: 'hard' };
          const after = levelMap(blastRadius(new CmdbGraph(spec.cis, [...spec.rels, added]), { targets: spec.targets }));
          for (const [ci, level] of before) {
            expect(after.has(ci)).toBe(true);
            expect(RANK[after.get(ci) as ImpactLevel]).toBeGreaterThanOrEqual(RANK[level]);
          }
        },
      ),
      RUNS,
    );
  });

  it('with redundancy rules, adding a hard relationship other than a member_of into a group never shrinks the down set', () => {
    fc.assert(
      fc.property(
        specArb({ redundancy: true, soft: true, degradedTargets: true }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...RELATIONSHIP_TYPES),
        (spec, a, b, type: RelationshipType) => {
          const s = spec.cis[a % spec.cis.length].id;
          const t = spec.cis[b % spec.cis.length];
          const id = `${s}>${type}>${t.id}`;
          fc.pre(s !== t.id && !spec.rels.some((r) => r.id === id) && !(type === 'member_of' && t.redundancy));
          const downIds = (rels: Relationship[]) =>
            impactedList(blastRadius(new CmdbGraph(spec.cis, rels), { targets: spec.targets }).impacted)
              .filter((c) => c.level === 'down')
              .map((c) => c.id);
          const added: Relationship = { id, source: s, target: t.id, type, strength: 'hard' };
          const after = new Set(downIds([...spec.rels, added]));
          for (const ci of downIds(spec.rels)) expect(after.has(ci)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('every explanation is made of existing relationships, connected, from a target, and justifies its level', () => {
    fc.assert(
      fc.property(specArb({ redundancy: true, soft: true, degradedTargets: true }), fc.option(fc.integer({ min: 1, max: 4 })), (spec, maxDepth) => {
        const g = new CmdbGraph(spec.cis, spec.rels);
        const r = blastRadius(g, { targets: spec.targets, maxDepth: maxDepth ?? undefined });
        const targetIds = new Set(spec.targets.map((t) => t.ciId));
        const levels = levelMap(r);
        const downTargets = new Set(spec.targets.filter((t) => t.mode === 'down').map((t) => t.ciId));
        for (const c of explainAll(r, impactedList(r.impacted))) {
          expectValidExplanation(g, c.path, c.steps, targetIds);
          expect(c.path[c.path.length - 1]).toBe(c.id);
          expect(c.depth).toBe(c.steps.length);
          expect(c.depth).toBeLessThanOrEqual(maxDepth ?? Infinity);
          const last = c.steps[c.steps.length - 1];
          const parentLevel = downTargets.has(last.from) ? 'down' : levels.get(last.from);
          if (parentLevel === undefined) continue; // a degraded target: its own level is not reported
          const viaRule = last.type === 'member_of' && g.getCi(c.id)?.redundancy !== undefined;
          if (last.strength === 'soft') {
            expect([parentLevel, c.level]).toEqual(['down', 'degraded']);
          } else if (viaRule && parentLevel === 'down') {
            expect(c.redundancy?.lost).toBeGreaterThan(0);
          } else {
            expect(c.level).toBe(parentLevel);
          }
        }
        for (const e of singlePointsOfFailure(g, spec.cis[0].id).singlePointsOfFailure) {
          expectValidExplanation(g, e.path, e.steps, new Set([e.id]));
          expect(e.path[e.path.length - 1]).toBe(spec.cis[0].id);
        }
        const deps = dependencies(g, spec.cis[0].id);
        for (const d of explainAll(deps, deps.dependencies)) {
          expectValidExplanation(g, d.path, d.steps, new Set([spec.cis[0].id]), 'needs');
          expect(d.depth).toBe(d.steps.length);
        }
      }),
      RUNS,
    );
  });

  it('SPOF agrees with a blast radius from each dependency', () => {
    fc.assert(
      fc.property(specArb({ redundancy: true, soft: true, degradedTargets: false }), fc.nat(), (spec, pick) => {
        const g = new CmdbGraph(spec.cis, spec.rels);
        const service = spec.cis[pick % spec.cis.length].id;
        const expected = spec.cis
          .filter((c) => c.id !== service)
          .filter((c) => levelMap(blastRadius(g, { targets: [{ ciId: c.id, mode: 'down' }] })).get(service) === 'down')
          .map((c) => c.id)
          .sort();
        const got = singlePointsOfFailure(g, service).singlePointsOfFailure.map((e) => e.id).sort();
        expect(got).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('results do not depend on the insertion order of CIs and relationships', () => {
    const arb = specArb({ redundancy: true, soft: true, degradedTargets: true }).chain((spec) =>
      fc.record({
        spec: fc.constant(spec),
        cis: fc.shuffledSubarray(spec.cis, { minLength: spec.cis.length, maxLength: spec.cis.length }),
        rels: fc.shuffledSubarray(spec.rels, { minLength: spec.rels.length, maxLength: spec.rels.length }),
        maxDepth: fc.option(fc.integer({ min: 1, max: 4 })),
      }),
    );
    fc.assert(
      fc.property(arb, ({ spec, cis, rels, maxDepth }) => {
        const g1 = new CmdbGraph(spec.cis, spec.rels);
        const g2 = new CmdbGraph(cis, rels);
        const input = { targets: spec.targets, maxDepth: maxDepth ?? undefined };
        expect(withoutTimes(blastRadius(g2, input))).toEqual(withoutTimes(blastRadius(g1, input)));
        const probe = spec.cis[spec.cis.length - 1].id;
        expect(withoutTimes(dependencies(g2, probe))).toEqual(withoutTimes(dependencies(g1, probe)));
        expect(withoutTimes(singlePointsOfFailure(g2, probe))).toEqual(withoutTimes(singlePointsOfFailure(g1, probe)));
      }),
      RUNS,
    );
  });
});
