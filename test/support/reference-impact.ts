// A deliberately simple reading of the impact rules of ARCHITECTURE.md, for tests to compare
// against: iterate to a fixpoint over plain objects, no indexes, no paths. Slow (O(n·m) worst
// case) and obviously right is the point; it is an oracle, not an engine.
//
// Rules read:
// - Failure travels target → source over depends_on, runs_on, hosted_on, connects_to, and
//   source → target over member_of and part_of.
// - A hard edge passes `down` as `down` and `degraded` as `degraded`; a soft edge turns `down`
//   into `degraded` and stops `degraded`. `at_risk` is not passed on (the group still serves).
// - A CI with `redundancy: { minHealthy: k }` counts its member_of members that are `down`:
//   lost > 0 and remaining < k → down, remaining = k → at_risk, remaining > k → degraded.
//   Members that are only degraded are not lost. member_of edges into a CI without a redundancy
//   rule behave like ordinary edges.
// - The worst level wins; targets keep at least their assumed mode.
import type { CmdbDocument, Relationship } from '../../src/shared/model';
import type { ImpactLevel } from '../../src/shared/impact-types';
import { FAILURE_DIRECTION } from '../../src/core/graph/relationship-rules';

const RANK: Record<ImpactLevel | 'none', number> = { none: 0, at_risk: 1, degraded: 2, down: 3 };

export interface ReferenceTarget {
  ciId: string;
  mode: 'down' | 'degraded';
}

export interface ReferenceGroupState {
  lost: number;
  total: number;
  needs: number;
}

export interface ReferenceImpact {
  /** Every CI with a level, targets included. */
  levels: Map<string, ImpactLevel>;
  /** State of each redundancy group that lost at least one member. */
  groups: Map<string, ReferenceGroupState>;
}

type Doc = Pick<CmdbDocument, 'cis' | 'relationships'>;

/** Failure-direction view of a document: for each CI, the edges along which its failure spreads. */
export interface FailureView {
  cis: Doc['cis'];
  /** ciId → the CIs its failure reaches directly, with the relationship that carries it. */
  spreads: Map<string, { to: string; rel: Relationship }[]>;
  /** groupId → member ids (member_of sources) for CIs with a redundancy rule. */
  members: Map<string, string[]>;
  minHealthy: Map<string, number>;
}

export function failureView(doc: Doc): FailureView {
  const spreads = new Map<string, { to: string; rel: Relationship }[]>();
  const members = new Map<string, string[]>();
  const minHealthy = new Map<string, number>();
  for (const ci of doc.cis) {
    spreads.set(ci.id, []);
    if (ci.redundancy) {
      minHealthy.set(ci.id, ci.redundancy.minHealthy);
      members.set(ci.id, []);
    }
  }
  for (const rel of doc.relationships) {
    const [from, to] = FAILURE_DIRECTION[rel.type] === 'target_to_source' ? [rel.target, rel.source] : [rel.source, rel.target];
    if (rel.type === 'member_of' && minHealthy.has(rel.target)) {
      members.get(rel.target)!.push(rel.source);
      continue;
    }
    spreads.get(from)?.push({ to, rel });
  }
  return { cis: doc.cis, spreads, members, minHealthy };
}

function passedOn(level: ImpactLevel | 'none', strength: 'hard' | 'soft'): ImpactLevel | 'none' {
  if (level === 'down') return strength === 'hard' ? 'down' : 'degraded';
  if (level === 'degraded') return strength === 'hard' ? 'degraded' : 'none';
  return 'none';
}

export function referenceImpact(docOrView: Doc | FailureView, targets: readonly ReferenceTarget[]): ReferenceImpact {
  const view = 'spreads' in docOrView ? docOrView : failureView(docOrView);
  const level = new Map<string, ImpactLevel | 'none'>();
  const raise = (id: string, next: ImpactLevel | 'none'): boolean => {
    const current = level.get(id) ?? 'none';
    if (RANK[next] <= RANK[current]) return false;
    level.set(id, next);
    return true;
  };
  for (const t of targets) raise(t.ciId, t.mode);

  let changed = true;
  while (changed) {
    changed = false;
    for (const [from, edges] of view.spreads) {
      const l = level.get(from) ?? 'none';
      if (l === 'none' || l === 'at_risk') continue;
      for (const { to, rel } of edges) {
        if (raise(to, passedOn(l, rel.strength))) changed = true;
      }
    }
    for (const [group, memberIds] of view.members) {
      const lost = memberIds.filter((m) => level.get(m) === 'down').length;
      if (lost === 0) continue;
      const remaining = memberIds.length - lost;
      const k = view.minHealthy.get(group)!;
      const next: ImpactLevel = remaining < k ? 'down' : remaining === k ? 'at_risk' : 'degraded';
      if (raise(group, next)) changed = true;
    }
  }

  const levels = new Map<string, ImpactLevel>();
  for (const [id, l] of level) if (l !== 'none') levels.set(id, l);
  const groups = new Map<string, ReferenceGroupState>();
  for (const [group, memberIds] of view.members) {
    const lost = memberIds.filter((m) => level.get(m) === 'down').length;
    if (lost > 0) groups.set(group, { lost, total: memberIds.length, needs: view.minHealthy.get(group)! });
  }
  return { levels, groups };
}

/** Brute force: every CI (other than the service) whose failure alone takes the service down. */
export function referenceSinglePointsOfFailure(doc: Doc, serviceId: string): string[] {
  const view = failureView(doc);
  const result: string[] = [];
  for (const ci of doc.cis) {
    if (ci.id === serviceId) continue;
    const { levels } = referenceImpact(view, [{ ciId: ci.id, mode: 'down' }]);
    if (levels.get(serviceId) === 'down') result.push(ci.id);
  }
  return result.sort();
}
