// A deliberately simple reading of the impact rules, for tests to compare against: sets and
// fixpoints over plain objects, no indexes, no paths. Slow and obviously right is the point;
// it is an oracle, not an engine.
//
// Rules (ARCHITECTURE.md "Relationship" and "Impact levels", with the readings the impact engine
// documents in src/core/impact/propagate.ts where ARCHITECTURE.md is silent):
// - Failure travels target → source over depends_on, runs_on, hosted_on, connects_to, and
//   source → target over member_of and part_of.
// - A hard edge passes each level on unchanged; a soft edge turns `down` into `degraded` and stops
//   `degraded` and `at_risk`.
// - A redundancy group (a CI with `redundancy: { minHealthy: k }`, n hard member_of members, m of
//   them down): n − m < k → down; m > 0 and n − m = k → at_risk; m > 0 and n − m > k → degraded.
//   A member counts as lost only when it is down over a hard member_of; a degraded or at_risk
//   member passes its level over a hard member_of like any hard edge; a down member over a soft
//   member_of makes the group degraded. member_of into a CI without a redundancy rule is an
//   ordinary edge.
// - Levels are settled worst first: the down set does not depend on weaker levels, and the group
//   rule is read on the final down set (losing more members can move a group from degraded to
//   at_risk, never the other way once the set is final). The worst level wins; targets keep at
//   least their assumed mode.
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

/** Failure-direction view of a document. */
export interface FailureView {
  /** ciId → the CIs its failure reaches directly, with the relationship that carries it. */
  spreads: Map<string, { to: string; rel: Relationship }[]>;
  /** groupId → member ids over hard member_of, for CIs with a redundancy rule. */
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
    if (rel.type === 'member_of' && rel.strength === 'hard' && minHealthy.has(rel.target)) members.get(rel.target)!.push(rel.source);
    spreads.get(from)?.push({ to, rel });
  }
  return { spreads, members, minHealthy };
}

function isCountedMembership(view: FailureView, rel: Relationship): boolean {
  return rel.type === 'member_of' && rel.strength === 'hard' && view.minHealthy.has(rel.target);
}

export function referenceImpact(docOrView: Doc | FailureView, targets: readonly ReferenceTarget[]): ReferenceImpact {
  const view = 'spreads' in docOrView && docOrView.spreads instanceof Map ? (docOrView as FailureView) : failureView(docOrView as Doc);

  // 1. The down set.
  const down = new Set(targets.filter((t) => t.mode === 'down').map((t) => t.ciId));
  let changed = true;
  while (changed) {
    changed = false;
    for (const from of down) {
      for (const { to, rel } of view.spreads.get(from) ?? []) {
        if (rel.strength !== 'hard' || isCountedMembership(view, rel) || down.has(to)) continue;
        down.add(to);
        changed = true;
      }
    }
    for (const [group, memberIds] of view.members) {
      if (down.has(group)) continue;
      const lost = memberIds.filter((m) => down.has(m)).length;
      if (memberIds.length - lost < view.minHealthy.get(group)!) {
        down.add(group);
        changed = true;
      }
    }
  }

  // 2. Weaker levels, seeded by degraded targets, soft edges out of down CIs and group rules.
  const level = new Map<string, ImpactLevel>();
  for (const id of down) level.set(id, 'down');
  const raise = (id: string, next: ImpactLevel | 'none'): void => {
    if (next !== 'none' && RANK[next] > RANK[level.get(id) ?? 'none']) level.set(id, next);
  };
  for (const t of targets) raise(t.ciId, t.mode);
  const groups = new Map<string, ReferenceGroupState>();
  for (const [group, memberIds] of view.members) {
    const lost = memberIds.filter((m) => down.has(m)).length;
    if (lost === 0) continue;
    const needs = view.minHealthy.get(group)!;
    groups.set(group, { lost, total: memberIds.length, needs });
    const remaining = memberIds.length - lost;
    raise(group, remaining < needs ? 'down' : remaining === needs ? 'at_risk' : 'degraded');
  }
  changed = true;
  while (changed) {
    changed = false;
    for (const [from, edges] of view.spreads) {
      const l = level.get(from);
      if (!l) continue;
      for (const { to, rel } of edges) {
        if (l === 'down' && isCountedMembership(view, rel)) continue; // counted by the group rule
        const next = rel.strength === 'hard' ? l : l === 'down' ? 'degraded' : 'none';
        const before = level.get(to);
        raise(to, next);
        if (level.get(to) !== before) changed = true;
      }
    }
  }
  return { levels: level, groups };
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
