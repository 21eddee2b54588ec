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

export interface ImpactedCi {
  id: string;
  name: string;
  class: CiClass;
  criticality: Ci['criticality'];
  level: ImpactLevel;
  /** Hops from the nearest target along the explanation path. */
  depth: number;
  /** CI ids from a target to this CI (inclusive at both ends). */
  path: string[];
  /** The relationships along `path`, one fewer than `path`. */
  steps: PathStep[];
  redundancy?: RedundancyState;
}

export interface BlastRadiusResult {
  targets: { ciId: string; name: string; mode: 'down' | 'degraded' }[];
  /** Every impacted CI except the targets themselves, worst level first, then by depth. */
  impacted: ImpactedCi[];
  /** Impacted business and technical services, ranked by criticality, then level. */
  services: ImpactedCi[];
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
  /** CI ids from the asked-about CI to this dependency. */
  path: string[];
  steps: PathStep[];
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
