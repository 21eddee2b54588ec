// The upstream view (dependencies) and single points of failure.
import { describe, expect, it } from 'vitest';
import { CmdbError } from '../../../../src/core/graph';
import { dependencies, singlePointsOfFailure } from '../../../../src/core/impact';
import { explanationPath } from '../../../../src/shared/impact-types';
import { expectValidExplanation, explainAll, graphOf } from './impact-helpers';

describe('dependencies', () => {
  // app part_of svc ; app depends_on db ; n1, n2 member_of db ; db connects_to(soft) sw ; other depends_on svc
  const g = graphOf([
    'app part_of svc',
    'app depends_on db',
    'n1 member_of db',
    'n2 member_of db',
    'db connects_to sw soft',
    'other depends_on svc',
  ]);

  it('lists everything the CI needs, across both failure directions and both strengths, by depth', () => {
    const r = dependencies(g, 'svc');
    expect(r.ciId).toBe('svc');
    expect(r.dependencies.map((d) => [d.id, d.depth])).toEqual([
      ['app', 1],
      ['db', 2],
      ['n1', 3],
      ['n2', 3],
      ['sw', 3],
    ]);
    expect(explanationPath(r, 'sw')?.path).toEqual(['svc', 'app', 'db', 'sw']);
    for (const d of explainAll(r, r.dependencies)) expectValidExplanation(g, d.path, d.steps, new Set(['svc']), 'needs');
  });

  it('does not list what depends on the CI', () => {
    expect(dependencies(g, 'db').dependencies.map((d) => d.id)).toEqual(['n1', 'n2', 'sw']);
    expect(dependencies(g, 'other').dependencies.map((d) => d.id)).toContain('svc');
  });

  it('honours maxDepth', () => {
    expect(dependencies(g, 'svc', 2).dependencies.map((d) => d.id)).toEqual(['app', 'db']);
  });

  it('ends on cycles and lists each CI once', () => {
    // a depends_on b depends_on c depends_on a
    const cyc = graphOf(['a depends_on b', 'b depends_on c', 'c depends_on a']);
    expect(dependencies(cyc, 'a').dependencies.map((d) => [d.id, d.depth])).toEqual([
      ['b', 1],
      ['c', 2],
    ]);
  });

  it('an unknown CI is not_found', () => {
    expect(() => dependencies(g, 'nope')).toThrow(CmdbError);
  });
});

describe('single points of failure', () => {
  // checkout ⇐ web (part_of) → lb → cl(cluster k=2 of 3: n1 n2 n3) ; n1, n2 on rack ; n3 on h3 ;
  // web depends_on(soft) cache ; pay part_of checkout, pay depends_on lb
  const g = graphOf(
    [
      'web part_of checkout',
      'pay part_of checkout',
      'web depends_on lb',
      'pay depends_on lb',
      'lb depends_on cl',
      'n1 member_of cl',
      'n2 member_of cl',
      'n3 member_of cl',
      'n1 runs_on rack',
      'n2 runs_on rack',
      'n3 runs_on h3',
      'web depends_on cache soft',
    ],
    { checkout: { class: 'business_service' }, cl: { class: 'cluster', k: 2 }, lb: { class: 'load_balancer' } },
  );

  it('lists the CIs whose failure alone takes the service down, respecting redundancy', () => {
    const r = singlePointsOfFailure(g, 'checkout');
    // web and pay are parts of checkout; lb and cl stand under both; rack takes two members at once.
    // Not n1..n3 (a member of a 3-node cluster with k=2), not cache (soft), not h3 (takes one member).
    // Ordered by path length, then name.
    expect(r.singlePointsOfFailure.map((e) => e.id)).toEqual(['pay', 'web', 'lb', 'cl', 'rack']);
    const lb = r.singlePointsOfFailure.find((e) => e.id === 'lb');
    expect(lb?.path).toEqual(['lb', 'pay', 'checkout']);
    for (const e of r.singlePointsOfFailure) {
      expect(e.path[e.path.length - 1]).toBe('checkout');
      expectValidExplanation(g, e.path, e.steps, new Set([e.id]));
    }
  });

  it('a cluster with no spare member makes each member a single point of failure', () => {
    // svc depends_on cl(k=2 of 2: m1 m2)
    const tight = graphOf(['svc depends_on cl', 'm1 member_of cl', 'm2 member_of cl'], { cl: { k: 2 } });
    expect(singlePointsOfFailure(tight, 'svc').singlePointsOfFailure.map((e) => e.id)).toEqual(['cl', 'm1', 'm2']);
  });

  it('a service with nothing beneath it has none, and an unknown service is not_found', () => {
    const lone = graphOf([], { svc: { class: 'business_service' } });
    expect(singlePointsOfFailure(lone, 'svc').singlePointsOfFailure).toEqual([]);
    expect(() => singlePointsOfFailure(lone, 'nope')).toThrow(CmdbError);
  });
});
