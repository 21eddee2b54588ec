// Blast radius rules on small hand-drawn graphs. Pictures: `a → b` means failure of a reaches b;
// relationship lines are written as in the CMDB ("app depends_on db": app needs db).
import { describe, expect, it } from 'vitest';
import { CmdbError } from '../../../../src/core/graph';
import { blastRadius } from '../../../../src/core/impact';
import { RELATIONSHIP_TYPES, type RelationshipType } from '../../../../src/shared/model';
import { impactedList } from '../../../../src/shared/impact-types';
import { entry, expectValidExplanation, explainAll, graphOf, levelsOf } from './impact-helpers';

const down = (...ids: string[]) => ids.map((ciId) => ({ ciId, mode: 'down' as const }));

describe('failure direction per relationship type', () => {
  const targetToSource: RelationshipType[] = ['depends_on', 'runs_on', 'hosted_on', 'connects_to'];
  for (const type of targetToSource) {
    it(`${type}: the target failing takes the source down, not the reverse`, () => {
      // src ${type} dst   ⇒   dst ✗ → src down
      const g = graphOf([`src ${type} dst`]);
      expect(levelsOf(blastRadius(g, { targets: down('dst') }))).toEqual({ src: 'down' });
      expect(blastRadius(g, { targets: down('src') }).impacted.count).toBe(0);
    });
  }
  for (const type of ['member_of', 'part_of'] as const) {
    it(`${type}: the source failing takes the target down, not the reverse`, () => {
      // src ${type} dst (no redundancy rule)   ⇒   src ✗ → dst down
      const g = graphOf([`src ${type} dst`]);
      expect(levelsOf(blastRadius(g, { targets: down('src') }))).toEqual({ dst: 'down' });
      expect(blastRadius(g, { targets: down('dst') }).impacted.count).toBe(0);
    });
  }
  it('covers every relationship type of the model', () => {
    expect([...targetToSource, 'member_of', 'part_of'].sort()).toEqual([...RELATIONSHIP_TYPES].sort());
  });
});

describe('hard and soft edges', () => {
  it('a soft edge turns down into degraded', () => {
    // app depends_on(soft) cache   ⇒   cache ✗ ⇢ app degraded
    const g = graphOf(['app depends_on cache soft']);
    expect(levelsOf(blastRadius(g, { targets: down('cache') }))).toEqual({ app: 'degraded' });
  });

  it('soft then hard: degraded passes on over hard edges', () => {
    // db ✗ ⇢(soft) app →(hard) web →(hard) svc
    const g = graphOf(['app depends_on db soft', 'web depends_on app', 'web part_of svc']);
    const r = blastRadius(g, { targets: down('db') });
    expect(levelsOf(r)).toEqual({ app: 'degraded', web: 'degraded', svc: 'degraded' });
    expect(entry(r, 'svc').path).toEqual(['db', 'app', 'web', 'svc']);
    expect(entry(r, 'svc').steps.map((s) => s.strength)).toEqual(['soft', 'hard', 'hard']);
  });

  it('degraded stops at a soft edge', () => {
    // db ✗ ⇢(soft) app ⇢(soft) web   ⇒   app degraded, web untouched
    const g = graphOf(['app depends_on db soft', 'web depends_on app soft']);
    expect(levelsOf(blastRadius(g, { targets: down('db') }))).toEqual({ app: 'degraded' });
  });

  it('hard then soft: down, then degraded, then it stops', () => {
    // db ✗ → app down ⇢ web degraded ⇢ edge untouched
    const g = graphOf(['app depends_on db', 'web depends_on app soft', 'edge depends_on web soft']);
    expect(levelsOf(blastRadius(g, { targets: down('db') }))).toEqual({ app: 'down', web: 'degraded' });
  });

  it('a degraded target passes degraded over hard edges and not over soft ones', () => {
    // db ~ → app degraded → web degraded ⇢ edge untouched
    const g = graphOf(['app depends_on db', 'web depends_on app', 'edge depends_on web soft']);
    const r = blastRadius(g, { targets: [{ ciId: 'db', mode: 'degraded' }] });
    expect(levelsOf(r)).toEqual({ app: 'degraded', web: 'degraded' });
    expect(r.targets).toEqual([{ ciId: 'db', name: 'db', mode: 'degraded' }]);
  });
});

describe('cycles', () => {
  it('a cycle of hard edges ends, reports each CI once, with shortest depths', () => {
    // a ✗ → c → b → a (c depends_on a, b depends_on c, a depends_on b)
    const g = graphOf(['c depends_on a', 'b depends_on c', 'a depends_on b', 'x depends_on b']);
    const r = blastRadius(g, { targets: down('a') });
    expect(impactedList(r.impacted).map((c) => [c.id, c.level, c.depth])).toEqual([
      ['c', 'down', 1],
      ['b', 'down', 2],
      ['x', 'down', 3],
    ]);
    expect(entry(r, 'x').path).toEqual(['a', 'c', 'b', 'x']);
  });

  it('a cycle mixing soft and hard edges ends with the worst level each CI can get', () => {
    // a ✗ ⇢ b → c → b (b and c degraded; c's failure loops back to b)
    const g = graphOf(['b depends_on a soft', 'c depends_on b', 'b depends_on c', 'a depends_on c']);
    const r = blastRadius(g, { targets: down('a') });
    expect(levelsOf(r)).toEqual({ b: 'degraded', c: 'degraded' });
    expect(r.totals.byLevel).toEqual({ down: 0, degraded: 2, at_risk: 0 });
  });

  it('a target reached back through a cycle is not reported as impacted', () => {
    // a ✗ → b → a
    const g = graphOf(['b depends_on a', 'a depends_on b']);
    expect(levelsOf(blastRadius(g, { targets: down('a') }))).toEqual({ b: 'down' });
  });
});

describe('diamonds', () => {
  it('the worst level wins, with a path that justifies it', () => {
    // x ✗ → a → top ;  x ✗ ⇢ b → top   ⇒   top down through a
    const g = graphOf(['a depends_on x', 'b depends_on x soft', 'top depends_on a', 'top depends_on b']);
    const r = blastRadius(g, { targets: down('x') });
    expect(levelsOf(r)).toEqual({ a: 'down', b: 'degraded', top: 'down' });
    expect(entry(r, 'top').path).toEqual(['x', 'a', 'top']);
  });

  it('the path is a shortest one', () => {
    // x ✗ → a → top ;  x ✗ → b1 → b2 → top   ⇒   top at depth 2 through a
    const g = graphOf(['b1 depends_on x', 'b2 depends_on b1', 'top depends_on b2', 'a depends_on x', 'top depends_on a']);
    const r = blastRadius(g, { targets: down('x') });
    expect(entry(r, 'top')).toMatchObject({ depth: 2, path: ['x', 'a', 'top'] });
  });

  it('a level raised after the CI was first reached re-derives depth and path for the new level', () => {
    // x ✗ ⇢ top (degraded at depth 1) ;  x ✗ → a → b → top (down at depth 3) → u
    const g = graphOf(['top depends_on x soft', 'a depends_on x', 'b depends_on a', 'top depends_on b', 'u depends_on top']);
    const r = blastRadius(g, { targets: down('x') });
    expect(entry(r, 'top')).toMatchObject({ level: 'down', depth: 3, path: ['x', 'a', 'b', 'top'] });
    expect(entry(r, 'u')).toMatchObject({ level: 'down', depth: 4, path: ['x', 'a', 'b', 'top', 'u'] });
  });

  it('equally short paths are chosen by id, whatever the insertion order', () => {
    // x ✗ → p → top ; x ✗ → q → top   ⇒   through p (the smaller id), both ways round
    const lines = ['p depends_on x', 'q depends_on x', 'top depends_on p', 'top depends_on q'];
    for (const order of [lines, [...lines].reverse()]) {
      expect(entry(blastRadius(graphOf(order), { targets: down('x') }), 'top').path).toEqual(['x', 'p', 'top']);
    }
  });
});

describe('targets', () => {
  it('several targets: depth counts from the nearest one, and targets are not listed as impacted', () => {
    // a ✗ → b → c → d ; d2 ✗ → d   (d depends_on c and d2)
    const g = graphOf(['b depends_on a', 'c depends_on b', 'd depends_on c', 'd depends_on d2']);
    const r = blastRadius(g, { targets: down('a', 'd2') });
    expect(entry(r, 'd')).toMatchObject({ depth: 1, path: ['d2', 'd'] });
    expect(impactedList(r.impacted).map((c) => c.id)).not.toContain('a');
    expect(r.targets.map((t) => t.ciId)).toEqual(['a', 'd2']);
  });

  it('a CI named twice takes its worst mode', () => {
    // db (degraded and down) → app
    const g = graphOf(['app depends_on db']);
    const r = blastRadius(g, { targets: [{ ciId: 'db', mode: 'degraded' }, { ciId: 'db', mode: 'down' }] });
    expect(r.targets).toEqual([{ ciId: 'db', name: 'db', mode: 'down' }]);
    expect(levelsOf(r)).toEqual({ app: 'down' });
  });

  it('a degraded target that another target takes down passes down on', () => {
    // a ✗ → b (target, degraded) → c
    const g = graphOf(['b depends_on a', 'c depends_on b']);
    const r = blastRadius(g, { targets: [{ ciId: 'a', mode: 'down' }, { ciId: 'b', mode: 'degraded' }] });
    expect(levelsOf(r)).toEqual({ c: 'down' });
    expect(entry(r, 'c').path).toEqual(['a', 'b', 'c']);
  });

  it('an unknown target is a not_found error naming the field', () => {
    const g = graphOf(['app depends_on db']);
    expect(() => blastRadius(g, { targets: down('db', 'nope') })).toThrow(CmdbError);
    try {
      blastRadius(g, { targets: down('db', 'nope') });
    } catch (err) {
      expect(err).toMatchObject({ code: 'not_found', field: 'targets.1.ciId' });
    }
  });
});

describe('maxDepth', () => {
  it('reports CIs up to maxDepth hops and no further', () => {
    // a ✗ → b → c → d, maxDepth 2
    const g = graphOf(['b depends_on a', 'c depends_on b', 'd depends_on c']);
    expect(levelsOf(blastRadius(g, { targets: down('a'), maxDepth: 2 }))).toEqual({ b: 'down', c: 'down' });
    expect(levelsOf(blastRadius(g, { targets: down('a'), maxDepth: 1 }))).toEqual({ b: 'down' });
  });

  it('applies to the degraded pass too', () => {
    // a ✗ ⇢ b → c → d, maxDepth 2
    const g = graphOf(['b depends_on a soft', 'c depends_on b', 'd depends_on c']);
    expect(levelsOf(blastRadius(g, { targets: down('a'), maxDepth: 2 }))).toEqual({ b: 'degraded', c: 'degraded' });
  });

  it('a member at depth maxDepth is not counted as lost by its group', () => {
    // h ✗ → n1 member_of cl(k=1 of 1) ; maxDepth 1: cl would sit at depth 2
    const g = graphOf(['n1 runs_on h', 'n1 member_of cl'], { cl: { class: 'cluster', k: 1 } });
    expect(levelsOf(blastRadius(g, { targets: down('h'), maxDepth: 1 }))).toEqual({ n1: 'down' });
    expect(levelsOf(blastRadius(g, { targets: down('h'), maxDepth: 2 }))).toEqual({ n1: 'down', cl: 'down' });
  });
});

describe('services, totals, ordering', () => {
  // core ✗ → s_a(crit 2) ; core ✗ → s_b(crit 1) ; core ✗ ⇢ s_c(crit 1, degraded) ; core ✗ → s_d(crit 1, technical)
  const g = graphOf(
    ['s_a depends_on core', 's_b depends_on core', 's_c depends_on core soft', 's_d depends_on core', 'app depends_on core'],
    {
      s_a: { class: 'business_service', criticality: 2, name: 'Alpha' },
      s_b: { class: 'business_service', criticality: 1, name: 'Bravo' },
      s_c: { class: 'business_service', criticality: 1, name: 'Able' },
      s_d: { class: 'technical_service', criticality: 1, name: 'Auth' },
      core: { class: 'network_device' },
    },
  );
  const r = blastRadius(g, { targets: down('core') });

  it('ranks services by criticality, then level, then name', () => {
    expect(r.services.map((s) => s.name)).toEqual(['Auth', 'Bravo', 'Able', 'Alpha']);
    expect(r.services.map((s) => s.level)).toEqual(['down', 'down', 'degraded', 'down']);
  });

  it('lists impacted CIs worst level first, then by depth and name (case-insensitive)', () => {
    // names: Alpha, app, Auth, Bravo (down, depth 1), then Able (degraded)
    expect(impactedList(r.impacted).map((c) => c.id)).toEqual(['s_a', 'app', 's_d', 's_b', 's_c']);
  });

  it('counts totals per level and per class', () => {
    expect(r.totals.byLevel).toEqual({ down: 4, degraded: 1, at_risk: 0 });
    expect(r.totals.byClass).toEqual({ business_service: 3, technical_service: 1, application: 1 });
  });

  it('gives every impacted CI a valid explanation ending at it', () => {
    for (const c of explainAll(r, impactedList(r.impacted))) {
      expectValidExplanation(g, c.path, c.steps, new Set(['core']));
      expect(c.path[c.path.length - 1]).toBe(c.id);
      expect(c.depth).toBe(c.path.length - 1);
    }
    expect(r.elapsedMs).toBeGreaterThanOrEqual(0);
  });
});
