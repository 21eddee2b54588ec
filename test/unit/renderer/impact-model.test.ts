// The change simulation's pure logic: ranking, the ids a capped view keeps, and element classes.
import { describe, expect, it } from 'vitest';
import { impactedColumns, type BlastRadiusResult, type DependenciesResult, type ImpactedCi, type ImpactedService, type SpofResult } from '../../../src/shared/impact-types';
import {
  impactCounts,
  overlayClasses,
  rankServices,
  redundancyRows,
  viewCiIds,
  viewContextHops,
  type OverlayInput,
} from '../../../src/renderer/impact/impact-model';

// db ─(r1 hard)→ app ─(r2 hard)→ svc-a(crit 1) ;  db ─(r3 soft)→ etl ─(r4 hard)→ svc-b(crit 2) ;  cluster(at_risk, lost 1 of 3) via r5
// (arrows in the direction failure travels)
function ci(id: string, level: ImpactedCi['level'], depth: number, from: string, rel: string, extra: Partial<ImpactedCi> = {}): ImpactedCi {
  return {
    id,
    name: id.toUpperCase(),
    class: 'application',
    criticality: 3,
    level,
    depth,
    via: { from, relationshipId: rel, type: 'depends_on', strength: 'hard' },
    ...extra,
  };
}

const svcA: ImpactedService = {
  ...ci('svc-a', 'down', 2, 'app', 'r2', { class: 'business_service', criticality: 1 }),
  path: ['db', 'app', 'svc-a'],
};
const svcB: ImpactedService = {
  ...ci('svc-b', 'degraded', 2, 'etl', 'r4', { class: 'business_service', criticality: 2 }),
  path: ['db', 'etl', 'svc-b'],
};

const result: BlastRadiusResult = {
  targets: [{ ciId: 'db', name: 'DB', mode: 'down' }],
  // In the engine's order: worst level first, then depth, then name.
  impacted: impactedColumns([
    ci('app', 'down', 1, 'db', 'r1'),
    ci('svc-a', 'down', 2, 'app', 'r2', { class: 'business_service', criticality: 1 }),
    ci('etl', 'degraded', 1, 'db', 'r3'),
    ci('svc-b', 'degraded', 2, 'etl', 'r4', { class: 'business_service', criticality: 2 }),
    ci('cluster', 'at_risk', 1, 'db', 'r5', { class: 'database', redundancy: { lost: 1, total: 3, needs: 2, text: 'lost 1 of 3, needs 2' } }),
  ]),
  services: [svcB, svcA],
  totals: { byLevel: { down: 2, degraded: 2, at_risk: 1 }, byClass: { application: 2, business_service: 2, database: 1 } },
  elapsedMs: 0.1,
};

const base: OverlayInput = { tab: 'impact', result, dependencies: null, chosenId: null, spof: null };
const cls = (map: Map<string, string[]>, id: string) => [...(map.get(id) ?? [])].sort();

describe('impact model', () => {
  it('ranks services by criticality, then level', () => {
    expect(rankServices(result.services).map((s) => s.id)).toEqual(['svc-a', 'svc-b']);
    const sameCrit = [{ ...svcA, criticality: 2 as const, level: 'degraded' as const }, { ...svcB, level: 'down' as const }];
    expect(rankServices(sameCrit).map((s) => s.id)).toEqual(['svc-b', 'svc-a']);
  });

  it('counts per level in level order and per class largest first', () => {
    const counts = impactCounts(result);
    expect(counts.total).toBe(5);
    expect(counts.byLevel).toEqual([
      { level: 'down', count: 2 },
      { level: 'degraded', count: 2 },
      { level: 'at_risk', count: 1 },
    ]);
    expect(counts.byClass.map((c) => c.ciClass)).toEqual(['application', 'business_service', 'database']);
    expect(redundancyRows(result).map((r) => r.redundancy?.text)).toEqual(['lost 1 of 3, needs 2']);
  });

  it('a capped view keeps targets first, then the worst and nearest impacted CIs', () => {
    expect(viewCiIds(base)).toEqual(['db', 'app', 'svc-a', 'etl', 'svc-b', 'cluster']);
    // A blast radius of 300,000 CIs (more than fit in a call's arguments) is listed whole.
    const huge = Array.from({ length: 300_000 }, (_, i) => ci(`c${i}`, 'down', 1, 'db', `r${i}`));
    const ids = viewCiIds({ ...base, result: { ...base.result!, impacted: impactedColumns(huge) } });
    expect(ids).toHaveLength(300_001);
    expect(ids.at(-1)).toBe('c299999');
  });

  it('colours targets, levels and the relationships impacts came over; the rest is dimmed', () => {
    const o = overlayClasses(base);
    expect(cls(o.nodes, 'db')).toEqual(['impact-down', 'impact-target']);
    expect(cls(o.nodes, 'svc-a')).toEqual(['impact-down']);
    expect(cls(o.nodes, 'svc-b')).toEqual(['impact-degraded']);
    expect(cls(o.nodes, 'cluster')).toEqual(['impact-at_risk']);
    expect(cls(o.edges, 'r3')).toEqual(['impact-edge-degraded']);
    expect(o.rest).toBe('impact-dim');
  });

  it('a chosen service emphasises exactly its explanation path and fades everything else', () => {
    const o = overlayClasses({ ...base, chosenId: 'svc-b' });
    const onPath = (map: Map<string, string[]>) => [...map].filter(([, c]) => c.includes('impact-path')).map(([id]) => id).sort();
    expect(onPath(o.nodes)).toEqual(['db', 'etl', 'svc-b']);
    expect(onPath(o.edges)).toEqual(['r3', 'r4']);
    expect(cls(o.nodes, 'app')).toContain('impact-faded');
    expect(cls(o.nodes, 'etl')).not.toContain('impact-faded');
    expect(o.rest).toBe('impact-faded');
  });

  it('SPOFs are a picture of their own: the service and its SPOFs emphasised, no blast-radius colours, the chosen path gives way', () => {
    const spof: SpofResult = {
      serviceId: 'svc-a',
      singlePointsOfFailure: [
        { id: 'lb', name: 'LB', class: 'load_balancer', path: ['lb', 'svc-a'], steps: [{ from: 'lb', to: 'svc-a', relationshipId: 'r9', type: 'depends_on', strength: 'hard' }] },
      ],
      elapsedMs: 0,
    };
    const o = overlayClasses({ ...base, chosenId: 'svc-b', spof });
    expect(cls(o.nodes, 'lb')).toEqual(['impact-spof']);
    expect(cls(o.nodes, 'svc-a')).toEqual(['impact-path']);
    expect(cls(o.nodes, 'svc-b')).toEqual([]);
    expect(cls(o.nodes, 'db')).toEqual([]);
    expect(cls(o.edges, 'r1')).toEqual([]);
    expect(o.rest).toBe('impact-faded');
    expect(cls(o.edges, 'r9')).toEqual(['impact-path']);
    // Asked for from a service's menu, with no change simulated.
    const alone = overlayClasses({ ...base, result: null, spof });
    expect(cls(alone.nodes, 'lb')).toEqual(['impact-spof']);
    expect(cls(alone.nodes, 'svc-a')).toEqual(['impact-path']);
    // Drawn alone as a tree: the service, its SPOFs and the CIs on their way, no context hop.
    expect(viewCiIds({ ...base, spof })).toEqual(['svc-a', 'lb']);
    expect(viewContextHops({ ...base, spof })).toBe(0);
    expect(viewContextHops(base)).toBe(1);
  });

  it('the dependencies tab marks the asked-about CI and what it stands on', () => {
    const dependencies: DependenciesResult = {
      ciId: 'svc-a',
      dependencies: [
        { id: 'host', name: 'HOST', class: 'server', depth: 2, via: { from: 'app', relationshipId: 'r7', type: 'runs_on', strength: 'hard' } },
        { id: 'app', name: 'APP', class: 'application', depth: 1, via: { from: 'svc-a', relationshipId: 'r2', type: 'part_of', strength: 'hard' } },
      ],
      elapsedMs: 0,
    };
    const input: OverlayInput = { ...base, tab: 'dependencies', dependencies };
    const o = overlayClasses(input);
    expect(cls(o.nodes, 'svc-a')).toEqual(['impact-root']);
    expect(cls(o.nodes, 'host')).toEqual(['impact-dep']);
    expect(cls(o.edges, 'r7')).toEqual(['impact-dep-edge']);
    expect(o.nodes.has('db')).toBe(false);
    expect(viewCiIds(input)).toEqual(['svc-a', 'app', 'host']);
    const chosen = overlayClasses({ ...input, chosenId: 'host' });
    expect(cls(chosen.nodes, 'host')).toEqual(['impact-dep', 'impact-path']);
    expect(cls(chosen.edges, 'r2')).toEqual(['impact-dep-edge', 'impact-path']);
  });
});
