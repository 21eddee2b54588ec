// Pure logic of the change simulation: ranking, which CIs a view must hold, and which classes each
// graph element gets. No React, no Cytoscape: unit-tested in test/unit/renderer/impact-model.test.ts.
import type { RollUp } from './roll-up';
import type { CiClass } from '../../shared/model';
import {
  explanationPath,
  IMPACT_LEVELS,
  impactedAt,
  levelAt,
  type BlastRadiusResult,
  type DependenciesResult,
  type Explanation,
  type ImpactLevel,
  type ImpactedCi,
  type ImpactedService,
  type SpofResult,
} from '../../shared/impact-types';

export type TargetMode = 'down' | 'degraded';
export interface SimulationTarget {
  ciId: string;
  mode: TargetMode;
}

export type ImpactTab = 'impact' | 'dependencies';

/** What the overlay is drawn from: the results in hand and what the user picked in the panel. */
export interface OverlayInput {
  tab: ImpactTab;
  result: BlastRadiusResult | null;
  dependencies: DependenciesResult | null;
  /** A CI whose explanation path is emphasised (a service row, any impacted CI or dependency). */
  chosenId: string | null;
  spof: SpofResult | null;
  /** The roll-up drawn for a blast radius too big to draw CI by CI (roll-up.ts), if any. */
  rollUp?: RollUp | null;
}

/** Classes per element id; `rest` goes to every node and edge not listed. */
export interface OverlayClasses {
  nodes: Map<string, string[]>;
  edges: Map<string, string[]>;
  rest: 'impact-dim' | 'impact-faded' | null;
}

/** Every class the overlay may set: removed before each new overlay is applied. */
export const OVERLAY_CLASS_NAMES = [
  'impact-target',
  'impact-down',
  'impact-degraded',
  'impact-at_risk',
  'impact-edge-down',
  'impact-edge-degraded',
  'impact-edge-at_risk',
  'impact-dim',
  'impact-faded',
  'impact-path',
  'impact-spof',
  'impact-root',
  'impact-dep',
  'impact-dep-edge',
] as const;

export const LEVEL_ORDER: Readonly<Record<ImpactLevel, number>> = { down: 0, degraded: 1, at_risk: 2 };

export const LEVEL_LABELS: Readonly<Record<ImpactLevel, string>> = { down: 'Down', degraded: 'Degraded', at_risk: 'At risk' };

const SERVICE_CLASSES: ReadonlySet<string> = new Set<CiClass>(['business_service', 'technical_service']);

export function isServiceClass(ciClass: string | undefined): boolean {
  return ciClass !== undefined && SERVICE_CLASSES.has(ciClass);
}

function byName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Services most critical first, then worst level, then nearest, then by name. */
export function rankServices(services: readonly ImpactedService[]): ImpactedService[] {
  return [...services].sort(
    (a, b) => a.criticality - b.criticality || LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.depth - b.depth || byName(a, b),
  );
}

/** Impacted CIs worst level first, then nearest, then by name (the order the view cap keeps them in). */
export function rankImpacted(impacted: readonly ImpactedCi[]): ImpactedCi[] {
  return [...impacted].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.depth - b.depth || byName(a, b));
}

export interface ImpactCounts {
  total: number;
  byLevel: { level: ImpactLevel; count: number }[];
  byClass: { ciClass: string; count: number }[];
}

/** Totals per level (in level order) and per class (largest first), from the result's totals. */
export function impactCounts(result: BlastRadiusResult): ImpactCounts {
  const byLevel = IMPACT_LEVELS.map((level) => ({ level, count: result.totals.byLevel[level] ?? 0 }));
  const byClass = Object.entries(result.totals.byClass)
    .map(([ciClass, count]) => ({ ciClass, count: count ?? 0 }))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || (a.ciClass < b.ciClass ? -1 : 1));
  return { total: result.impacted.count, byLevel, byClass };
}

/**
 * CIs a drawn view must hold, most important first (what a capped view keeps): the targets, then
 * the impacted CIs worst and nearest first; on the dependencies tab the asked-about CI and its
 * dependencies nearest first; with SPOFs shown, the service, its SPOFs and the CIs between them.
 */
export function viewCiIds(input: OverlayInput): string[] {
  const ids: string[] = [];
  if (input.tab === 'dependencies' && input.dependencies) {
    ids.push(input.dependencies.ciId);
    const deps = [...input.dependencies.dependencies].sort((a, b) => a.depth - b.depth || byName(a, b));
    for (const d of deps) ids.push(d.id);
  } else if (input.spof) {
    // SPOFs alone: the service, each SPOF and the CIs on its way to the service (a tidy tree).
    ids.push(input.spof.serviceId);
    for (const s of input.spof.singlePointsOfFailure) ids.push(s.id);
    for (const s of input.spof.singlePointsOfFailure) for (const id of s.path) ids.push(id);
  } else if (input.result) {
    for (const t of input.result.targets) ids.push(t.ciId);
    // The engine already lists them worst level first, then nearest, then by name. A loop, not
    // push(...ids): spreading a blast radius of 150k+ CIs into arguments overflows the stack.
    for (const page of input.result.impacted.pages) for (const id of page.id) ids.push(id);
  }
  return [...new Set(ids)];
}

/** Whether a drawn view adds one hop of context around its CIs (not for dependencies or SPOFs, which are trees). */
export function viewContextHops(input: OverlayInput): 0 | 1 {
  return input.tab === 'dependencies' || input.spof ? 0 : 1;
}

/** The explanation of the chosen CI in the result the tab shows, or null. */
export function chosenExplanation(input: OverlayInput): Explanation | null {
  if (!input.chosenId) return null;
  const source = input.tab === 'dependencies' ? input.dependencies : input.result;
  if (!source) return null;
  return explanationPath(source, input.chosenId);
}

function add(map: Map<string, string[]>, id: string, cls: string): void {
  const list = map.get(id);
  if (list) {
    if (!list.includes(cls)) list.push(cls);
  } else map.set(id, [cls]);
}

/**
 * The classes of every element for the current simulation state:
 * - blast radius: targets outlined and coloured by their mode, impacted CIs by level, the
 *   relationship each impact came over coloured by its level, everything else dimmed;
 * - a chosen CI: its explanation path emphasised (`impact-path`), everything else faded;
 * - SPOFs shown: only the SPOFs and their service, with the hops that reach it; the rest faded;
 * - dependencies: the asked-about CI outlined, its dependencies and their hops marked, the rest dimmed.
 */
export function overlayClasses(input: OverlayInput): OverlayClasses {
  const nodes = new Map<string, string[]>();
  const edges = new Map<string, string[]>();
  let rest: OverlayClasses['rest'] = null;

  if (input.tab === 'dependencies') {
    const deps = input.dependencies;
    if (!deps) return { nodes, edges, rest };
    add(nodes, deps.ciId, 'impact-root');
    for (const d of deps.dependencies) {
      add(nodes, d.id, 'impact-dep');
      add(edges, d.via.relationshipId, 'impact-dep-edge');
    }
    rest = 'impact-dim';
  } else if (input.spof) {
    // SPOFs are their own picture: the service and each SPOF with the hops that reach it, the rest
    // faded; the blast radius's colours are not drawn under them.
    add(nodes, input.spof.serviceId, 'impact-path');
    for (const s of input.spof.singlePointsOfFailure) {
      add(nodes, s.id, 'impact-spof');
      for (const step of s.steps) add(edges, step.relationshipId, 'impact-path');
    }
    return { nodes, edges, rest: 'impact-faded' };
  } else {
    const result = input.result;
    if (!result) return { nodes, edges, rest };
    for (const t of result.targets) {
      add(nodes, t.ciId, 'impact-target');
      add(nodes, t.ciId, `impact-${t.mode}`);
    }
    for (const page of result.impacted.pages) {
      for (let j = 0; j < page.id.length; j++) {
        const level = levelAt(page, j);
        add(nodes, page.id[j], `impact-${level}`);
        add(edges, page.viaRelationshipId[j], `impact-edge-${level}`);
      }
    }
    for (const g of input.rollUp?.groups ?? []) add(nodes, g.id, `impact-${g.worst}`);
    for (const e of input.rollUp?.edges ?? []) add(edges, e.id, `impact-edge-${e.level}`);
    rest = 'impact-dim';
  }

  const explanation = chosenExplanation(input);
  if (explanation) {
    for (const id of explanation.path) add(nodes, id, 'impact-path');
    for (const step of explanation.steps) add(edges, step.relationshipId, 'impact-path');
    return withFaded(nodes, edges);
  }
  return { nodes, edges, rest };
}

/** Emphasis mode: every element without `impact-path` is faded, listed or not. */
function withFaded(nodes: Map<string, string[]>, edges: Map<string, string[]>): OverlayClasses {
  const emphasised = (list: string[]) => list.includes('impact-path');
  for (const map of [nodes, edges]) {
    for (const list of map.values()) if (!emphasised(list)) list.push('impact-faded');
  }
  return { nodes, edges, rest: 'impact-faded' };
}

/** "lost 1 of 3, needs 2" rows: impacted redundancy groups, worst first. */
export function redundancyRows(result: BlastRadiusResult): ImpactedCi[] {
  return rankImpacted(result.impacted.redundancy.map((g) => impactedAt(result.impacted, g.entry)));
}

