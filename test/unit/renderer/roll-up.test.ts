import { describe, expect, it } from 'vitest';
import { impactedColumns, type BlastRadiusResult, type ImpactedCi, type ImpactedService } from '../../../src/shared/impact-types';
import { buildRollUp, groupLabel, needsRollUp } from '../../../src/renderer/impact/roll-up';

function ci(id: string, ciClass: ImpactedCi['class'], level: ImpactedCi['level'], depth: number, from: string): ImpactedCi {
  return { id, name: id, class: ciClass, criticality: 3, level, depth, via: { from, relationshipId: `r-${id}`, type: 'runs_on', strength: 'hard' } };
}

// dc (target) → 3 hosts → 6 containers (2 per host, one degraded) → 2 services.
const hosts = [1, 2, 3].map((n) => ci(`host-${n}`, 'server', 'down', 1, 'dc'));
const containers = [1, 2, 3].flatMap((n) => [ci(`c-${n}a`, 'container', 'down', 2, `host-${n}`), ci(`c-${n}b`, 'container', 'degraded', 2, `host-${n}`)]);
const services: ImpactedService[] = [
  { ...ci('svc-1', 'business_service', 'down', 3, 'c-1a'), criticality: 1, path: ['dc', 'host-1', 'c-1a', 'svc-1'] },
  { ...ci('svc-2', 'business_service', 'degraded', 3, 'c-2b'), criticality: 2, path: ['dc', 'host-2', 'c-2b', 'svc-2'] },
];
const result: BlastRadiusResult = {
  targets: [{ ciId: 'dc', name: 'DC', mode: 'down' }],
  impacted: impactedColumns([...hosts, ...containers.filter((c) => c.level === 'down'), ...services, ...containers.filter((c) => c.level === 'degraded')]),
  services,
  totals: { byLevel: { down: 7, degraded: 4, at_risk: 0 }, byClass: {} },
  elapsedMs: 0,
};

describe('buildRollUp', () => {
  it('draws targets and services alone, the rest as a group per class, and adds up the hops between them', () => {
    const r = buildRollUp(result, new Set());
    expect(r.ciIds).toEqual(['dc', 'svc-1', 'svc-2']);
    expect(r.groups.map((g) => [g.id, g.count, g.byLevel, g.worst, g.label])).toEqual([
      ['rollup-group:container', 6, { down: 3, degraded: 3, at_risk: 0 }, 'down', '6 containers'],
      ['rollup-group:server', 3, { down: 3, degraded: 0, at_risk: 0 }, 'down', '3 servers'],
    ]);
    const edges = Object.fromEntries(r.edges.map((e) => [`${e.from}>${e.to}`, [e.count, e.level]]));
    expect(edges).toEqual({
      'dc>rollup-group:server': [3, 'down'],
      'rollup-group:server>rollup-group:container': [6, 'down'],
      'rollup-group:container>svc-1': [1, 'down'],
      'rollup-group:container>svc-2': [1, 'degraded'],
    });
  });

  it('an expanded group draws its members (worst and nearest first, up to the cap) and keeps the rest', () => {
    const r = buildRollUp(result, new Set(['rollup-group:container']), { services: 1, members: 2 });
    // One service alone (the most critical); the other joins a group of its class.
    expect(r.ciIds).toEqual(['dc', 'svc-1', 'c-1a', 'c-2a']);
    const containerGroup = r.groups.find((g) => g.id === 'rollup-group:container')!;
    expect([containerGroup.count, containerGroup.expandedMembers]).toEqual([4, 2]);
    expect(r.groups.find((g) => g.id === 'rollup-group:business_service')?.count).toBe(1);
    expect(r.edges.find((e) => e.from === 'c-1a' && e.to === 'svc-1')?.count).toBe(1);
  });

  it('rolls up above the threshold only; labels read as counts of a class', () => {
    expect(needsRollUp(result, 12)).toBe(false);
    expect(needsRollUp(result, 11)).toBe(true);
    expect(groupLabel('virtual_machine', 5043)).toBe('5,043 virtual machines');
    expect(groupLabel('storage', 2)).toBe('2 storage');
  });
});
