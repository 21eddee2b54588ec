// Redundancy groups (CIs with redundancy.minHealthy = k; members = sources of hard member_of into them).
// Rule as ARCHITECTURE.md writes it, with healthy = members − lost:
//   healthy < k → down;  lost > 0 and healthy = k → at_risk;  lost > 0 and healthy > k → degraded.
import { describe, expect, it } from 'vitest';
import { blastRadius } from '../../../../src/core/impact';
import { impactedList } from '../../../../src/shared/impact-types';
import { entry, expectValidExplanation, explainAll, graphOf, levelsOf } from './impact-helpers';

const down = (...ids: string[]) => ids.map((ciId) => ({ ciId, mode: 'down' as const }));

/** app → db(cluster k of n members n1..nN), each member on its own host h1..hN. */
function clusterGraph(k: number, members: number, extra: string[] = []) {
  const lines = ['app depends_on db'];
  for (let i = 1; i <= members; i++) lines.push(`n${i} member_of db`, `n${i} runs_on h${i}`);
  return graphOf([...lines, ...extra], { db: { class: 'database', k } });
}

describe('redundancy boundaries', () => {
  it('lost 1 of 3, needs 2: exactly k remain → at_risk, and at_risk passes on over hard edges', () => {
    // n1 ✗ → db(cluster k=2 of 3) at_risk → app at_risk
    const g = clusterGraph(2, 3);
    const r = blastRadius(g, { targets: down('n1') });
    expect(levelsOf(r)).toEqual({ db: 'at_risk', app: 'at_risk' });
    expect(entry(r, 'db').redundancy).toEqual({ lost: 1, total: 3, needs: 2, text: 'lost 1 of 3, needs 2' });
    expect(entry(r, 'db').path).toEqual(['n1', 'db']);
    expect(entry(r, 'app').path).toEqual(['n1', 'db', 'app']);
  });

  it('lost 2 of 3, needs 2: fewer than k healthy → down', () => {
    // n1 ✗, n2 ✗ → db(cluster k=2 of 3) down → app down
    const g = clusterGraph(2, 3);
    const r = blastRadius(g, { targets: down('n1', 'n2') });
    expect(levelsOf(r)).toEqual({ db: 'down', app: 'down' });
    expect(entry(r, 'db').redundancy?.text).toBe('lost 2 of 3, needs 2');
  });

  it('lost 1 of 4, needs 2: more than k healthy → degraded', () => {
    // n1 ✗ → db(cluster k=2 of 4) degraded → app degraded
    const g = clusterGraph(2, 4);
    const r = blastRadius(g, { targets: down('n1') });
    expect(levelsOf(r)).toEqual({ db: 'degraded', app: 'degraded' });
    expect(entry(r, 'db').redundancy?.text).toBe('lost 1 of 4, needs 2');
  });

  it('lost 2 of 4, needs 2 is at_risk, below the degraded of lost 1 of 4 (the rule as written)', () => {
    // n1 ✗, n2 ✗ → db(cluster k=2 of 4) at_risk
    const g = clusterGraph(2, 4);
    expect(levelsOf(blastRadius(g, { targets: down('n1', 'n2') }))).toEqual({ db: 'at_risk', app: 'at_risk' });
    expect(levelsOf(blastRadius(g, { targets: down('n1', 'n2', 'n3') }))).toEqual({ db: 'down', app: 'down' });
  });

  it('k = 1 of 1: losing the only member is down', () => {
    // n1 ✗ → db(k=1 of 1) down
    expect(levelsOf(blastRadius(clusterGraph(1, 1), { targets: down('n1') }))).toEqual({ db: 'down', app: 'down' });
  });

  it('at_risk stops at a soft edge, like degraded', () => {
    // n1 ✗ → db(k=2 of 3) at_risk ⇢ report untouched
    const g = clusterGraph(2, 3, ['report depends_on db soft']);
    expect(levelsOf(blastRadius(g, { targets: down('n1') }))).toEqual({ db: 'at_risk', app: 'at_risk' });
  });

  it('a group reached over an ordinary edge reports its redundancy state with nothing lost', () => {
    // sw ✗ → db(k=2 of 3) down (db connects_to sw)
    const g = clusterGraph(2, 3, ['db connects_to sw']);
    const r = blastRadius(g, { targets: down('sw') });
    expect(entry(r, 'db')).toMatchObject({ level: 'down', redundancy: { lost: 0, total: 3, needs: 2 } });
  });

  it('several targets add up in one group: separate hosts each lose a member', () => {
    // h1 ✗ → n1, h2 ✗ → n2 ⇒ db(cluster k=2 of 3) down, path through the member whose loss tipped it
    const g = clusterGraph(2, 3);
    const r = blastRadius(g, { targets: down('h1', 'h2') });
    expect(levelsOf(r)).toEqual({ n1: 'down', n2: 'down', db: 'down', app: 'down' });
    expect(entry(r, 'db').redundancy?.text).toBe('lost 2 of 3, needs 2');
    expect(entry(r, 'db').path).toEqual(['h1', 'n1', 'db']);
    expect(entry(r, 'db').depth).toBe(2);
  });

  it('losses at different depths: the group falls through the deepest loss it needed', () => {
    // n1 ✗ (depth 0), h2 ✗ → n2 (depth 1) ⇒ db(k=2 of 3) down at depth 2 through n2
    const g = clusterGraph(2, 3);
    const r = blastRadius(g, { targets: down('n1', 'h2') });
    expect(entry(r, 'db')).toMatchObject({ level: 'down', depth: 2, path: ['h2', 'n2', 'db'] });
  });

  it('one shared host takes two members at once', () => {
    // rack ✗ → n1, n2 ⇒ db(k=2 of 3) down ; n3 on its own host stays up
    const g = clusterGraph(2, 3, ['n1 runs_on rack', 'n2 runs_on rack']);
    expect(levelsOf(blastRadius(g, { targets: down('rack') }))).toEqual({ n1: 'down', n2: 'down', db: 'down', app: 'down' });
  });

  it('a degraded member is not lost but makes the group degraded', () => {
    // n1 ~ (degraded) → db(k=2 of 3) degraded, lost 0
    const g = clusterGraph(2, 3);
    const r = blastRadius(g, { targets: [{ ciId: 'n1', mode: 'degraded' }] });
    expect(levelsOf(r)).toEqual({ db: 'degraded', app: 'degraded' });
    expect(entry(r, 'db').redundancy?.lost).toBe(0);
  });

  it('a degraded member on top of exactly k healthy makes the group degraded (the worse level)', () => {
    // n1 ✗, n2 ~ → db(k=2 of 3): healthy n2, n3 = k (at_risk) and a degraded member → degraded
    const g = clusterGraph(2, 3);
    const r = blastRadius(g, { targets: [{ ciId: 'n1', mode: 'down' }, { ciId: 'n2', mode: 'degraded' }] });
    expect(entry(r, 'db')).toMatchObject({ level: 'degraded', path: ['n2', 'db'], redundancy: { lost: 1 } });
  });

  it('a soft member is not part of the quorum: when down it degrades the group and is not lost', () => {
    // db(k=2 of 2 hard: n1 n2; s3 soft member) ; s3 ✗ ⇢ db degraded, "lost 0 of 2"
    const g = clusterGraph(2, 2, ['s3 member_of db soft']);
    const r = blastRadius(g, { targets: down('s3') });
    expect(levelsOf(r)).toEqual({ db: 'degraded', app: 'degraded' });
    expect(entry(r, 'db').redundancy?.text).toBe('lost 0 of 2, needs 2');
    // n1 ✗ with s3 still up: 1 hard member left of k=2 → down (s3 does not count as healthy)
    expect(levelsOf(blastRadius(g, { targets: down('n1') }))).toEqual({ db: 'down', app: 'down' });
  });

  it('a group without a redundancy rule goes down with any member (member_of acts as a hard edge)', () => {
    // n1 ✗ → pool (no rule, 3 members) down
    const g = graphOf(['n1 member_of pool', 'n2 member_of pool', 'n3 member_of pool']);
    expect(levelsOf(blastRadius(g, { targets: down('n1') }))).toEqual({ pool: 'down' });
  });
});

describe('nested redundancy: a pool of clusters', () => {
  // c1(k=2 of 3: a1 a2 a3) member_of pool(k=1 of 2) ; c2(k=2 of 3: b1 b2 b3) member_of pool ; svc depends_on pool
  const g = graphOf(
    [
      'a1 member_of c1', 'a2 member_of c1', 'a3 member_of c1',
      'b1 member_of c2', 'b2 member_of c2', 'b3 member_of c2',
      'c1 member_of pool', 'c2 member_of pool', 'svc depends_on pool',
    ],
    { c1: { class: 'cluster', k: 2 }, c2: { class: 'cluster', k: 2 }, pool: { k: 1 }, svc: { class: 'business_service' } },
  );

  it('one cluster down leaves exactly k clusters: the pool is at_risk', () => {
    const r = blastRadius(g, { targets: down('a1', 'a2') });
    expect(levelsOf(r)).toEqual({ c1: 'down', pool: 'at_risk', svc: 'at_risk' });
    expect(entry(r, 'pool').redundancy?.text).toBe('lost 1 of 2, needs 1');
    expect(entry(r, 'svc').path).toEqual(['a1', 'c1', 'pool', 'svc']);
  });

  it('both clusters down take the pool and the service down', () => {
    const r = blastRadius(g, { targets: down('a1', 'a2', 'b2', 'b3') });
    expect(levelsOf(r)).toEqual({ c1: 'down', c2: 'down', pool: 'down', svc: 'down' });
    expect(entry(r, 'pool').redundancy?.text).toBe('lost 2 of 2, needs 1');
    for (const c of explainAll(r, impactedList(r.impacted))) expectValidExplanation(g, c.path, c.steps, new Set(['a1', 'a2', 'b2', 'b3']));
  });

  it('a member lost in each cluster leaves both at_risk: the pool is at_risk through a member, nothing lost', () => {
    const r = blastRadius(g, { targets: down('a1', 'b1') });
    expect(levelsOf(r)).toEqual({ c1: 'at_risk', c2: 'at_risk', pool: 'at_risk', svc: 'at_risk' });
    expect(entry(r, 'pool').redundancy?.lost).toBe(0);
  });
});

describe('redundancy on cycles', () => {
  it('a cycle through a group ends and counts each member once', () => {
    // n1 ✗ → cl(k=1 of 2) at_risk → sw at_risk → n2 at_risk (n2 connects_to sw) — n2 is not lost
    const g = graphOf(['n1 member_of cl', 'n2 member_of cl', 'sw depends_on cl', 'n2 connects_to sw'], { cl: { k: 1 } });
    const r = blastRadius(g, { targets: down('n1') });
    expect(levelsOf(r)).toEqual({ cl: 'at_risk', sw: 'at_risk', n2: 'at_risk' });
    expect(entry(r, 'cl').redundancy?.lost).toBe(1);
  });

  it('a down loop back into a group counts its member once', () => {
    // h ✗ → n1 → cl(k=2 of 3) at_risk ; n1 also depends on cl (loop) — lost stays 1
    const g = graphOf(['n1 runs_on h', 'n1 member_of cl', 'n2 member_of cl', 'n3 member_of cl', 'n1 depends_on cl'], { cl: { k: 2 } });
    const r = blastRadius(g, { targets: down('h') });
    expect(levelsOf(r)).toEqual({ n1: 'down', cl: 'at_risk' });
    expect(entry(r, 'cl').redundancy?.text).toBe('lost 1 of 3, needs 2');
  });
});
