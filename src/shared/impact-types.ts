// Result shapes of the impact engine (src/core/impact), shared with the renderer and CLI.
import type { Ci, CiClass, RelationshipType } from './model';

export type ImpactLevel = 'down' | 'degraded' | 'at_risk';
export const IMPACT_LEVELS: readonly ImpactLevel[] = ['down', 'degraded', 'at_risk'];

/** One hop of an explanation path: from `from` to `to` over relationship `relationshipId`. */
export interface PathStep {
  from: string;
  to: string;
  relationshipId: string;
  type: RelationshipType;
  strength: 'hard' | 'soft';
}

export interface RedundancyState {
  /** Members lost (down), members in all, members needed healthy. */
  lost: number;
  total: number;
  needs: number;
  /** "lost 1 of 3, needs 2" */
  text: string;
}

/**
 * The last hop of a CI's explanation: it is impacted because `from` (a target or another impacted
 * CI, one hop shallower) reaches it over `relationshipId`. Following `from` pointers ends at a
 * target; `explanationPath` does that walk.
 */
export interface ImpactVia {
  from: string;
  relationshipId: string;
  type: RelationshipType;
  strength: 'hard' | 'soft';
}

export interface ImpactedCi {
  id: string;
  name: string;
  class: CiClass;
  criticality: Ci['criticality'];
  level: ImpactLevel;
  /** Hops from the nearest target along the explanation path. */
  depth: number;
  /** Parent pointer of the explanation path (never null: targets are not listed as impacted). */
  via: ImpactVia;
  redundancy?: RedundancyState;
}

/** An impacted service: few of them, so each carries its whole explanation. */
export interface ImpactedService extends ImpactedCi {
  /** CI ids from a target to this service (inclusive at both ends). */
  path: string[];
  /** The relationships along `path`, one fewer than `path`. */
  steps: PathStep[];
}

export interface ImpactTarget {
  ciId: string;
  name: string;
  mode: 'down' | 'degraded';
  via?: ImpactVia;
}

export interface BlastRadiusResult {
  /**
   * The changed CIs, each named once with its worst mode. `via` is set on a target that another
   * target takes down (a degraded target that is down): paths through it continue to that target.
   */
  targets: ImpactTarget[];
  /** Every impacted CI except the targets themselves, worst level first, then by depth. */
  impacted: ImpactedCi[];
  /** Impacted business and technical services, ranked by criticality, then level, with full paths. */
  services: ImpactedService[];
  totals: {
    byLevel: Record<ImpactLevel, number>;
    byClass: Partial<Record<CiClass, number>>;
  };
  elapsedMs: number;
}

export interface DependencyEntry {
  id: string;
  name: string;
  class: CiClass;
  depth: number;
  /** Parent pointer of the path from the asked-about CI: `from` is one hop nearer to it. */
  via: ImpactVia;
}

export interface DependenciesResult {
  ciId: string;
  dependencies: DependencyEntry[];
  elapsedMs: number;
}

export interface SpofEntry {
  id: string;
  name: string;
  class: CiClass;
  /** How its failure reaches the service. */
  path: string[];
  steps: PathStep[];
}

export interface SpofResult {
  serviceId: string;
  singlePointsOfFailure: SpofEntry[];
  elapsedMs: number;
}

/** A CI's explanation: ids from a target (or the asked-about CI) to it, and the hops between. */
export interface Explanation {
  path: string[];
  steps: PathStep[];
}

/**
 * Parent pointers of a result by CI id: each impacted CI (or dependency) → its `via`; each
 * target (or the asked-about CI) → null, or its `via` when another target took it down. Build it once when explaining many CIs.
 */
export type ImpactIndex = ReadonlyMap<string, ImpactVia | null>;

export function impactIndex(result: BlastRadiusResult | DependenciesResult): ImpactIndex {
  const index = new Map<string, ImpactVia | null>();
  if ('impacted' in result) {
    for (const t of result.targets) index.set(t.ciId, t.via ?? null);
    for (const c of result.impacted) index.set(c.id, c.via);
  } else {
    index.set(result.ciId, null);
    for (const d of result.dependencies) index.set(d.id, d.via);
  }
  return index;
}

/**
 * The explanation of `ciId` rebuilt from `via` pointers: for a blast radius, from a target to the
 * CI in the direction failure travels; for dependencies, from the asked-about CI to the dependency.
 * A target (or the asked-about CI) gives a one-id path (or its path from the target that took it
 * down); a CI not in the result gives null.
 * Pass a prebuilt `impactIndex` when explaining many CIs of the same result.
 */
export function explanationPath(source: BlastRadiusResult | DependenciesResult | ImpactIndex, ciId: string): Explanation | null {
  const index = source instanceof Map ? (source as ImpactIndex) : impactIndex(source as BlastRadiusResult | DependenciesResult);
  if (!index.has(ciId)) return null;
  const path = [ciId];
  const steps: PathStep[] = [];
  let id = ciId;
  let via = index.get(id);
  while (via) {
    steps.push({ from: via.from, to: id, relationshipId: via.relationshipId, type: via.type, strength: via.strength });
    id = via.from;
    path.push(id);
    // Pointers always lead one hop nearer a root; more hops than entries means a broken result.
    if (steps.length > index.size) throw new Error(`explanation of ${ciId} does not end (via pointers form a cycle)`);
    via = index.get(id);
    if (via === undefined) throw new Error(`explanation of ${ciId} leads to ${id}, which is not in the result`);
  }
  path.reverse();
  steps.reverse();
  return { path, steps };
}
