// The roll-up of a blast radius too big to draw CI by CI (pure): the targets and the most critical
// impacted services one by one, every other impacted CI in a group per class with its counts
// ("12,367 containers"), and the explanation hops between them added up per pair of drawn items
// ("×4,210"). A group can be expanded: its members (up to a cap, worst and nearest first) are
// drawn one by one and the rest stay in the group.
import type { BlastRadiusResult, ImpactLevel } from '../../shared/impact-types';
import { levelAt } from '../../shared/impact-types';
import { CI_CLASSES, RELATIONSHIP_TYPES, type Ci, type CiClass, type Relationship, type RelationshipType } from '../../shared/model';
import type { GraphView } from '../../shared/operations';
import { classLabel } from '../graph/class-style';
import { LEVEL_ORDER, rankServices } from './impact-model';
import { groupCi } from '../graph/group-ci';

/** Above this many CIs to draw, a blast radius is rolled up (the view cap). */
export const ROLL_UP_THRESHOLD = 1000;
/** Services drawn alone, most critical first; the rest join a group of their class. */
export const ROLL_UP_SERVICES = 10;
export const ROLL_UP_MEMBERS = 200;
export const GROUP_PREFIX = 'rollup-group:';
const EDGE_PREFIX = 'rollup-edge:';

export interface RollUpGroup {
  id: string;
  ciClass: CiClass;
  /** Impacted CIs still in the group (members drawn on their own are not counted). */
  count: number;
  byLevel: Record<ImpactLevel, number>;
  worst: ImpactLevel;
  /** The lowest criticality number (most critical) among them. */
  criticality: number;
  /** CIs of this class drawn on their own because the group is expanded. */
  expandedMembers: number;
  label: string;
}

export interface RollUpEdge {
  id: string;
  from: string;
  to: string;
  count: number;
  level: ImpactLevel;
  type: RelationshipType;
}

export interface RollUp {
  /** Real CIs drawn one by one: targets, the top services, members of expanded groups. */
  ciIds: string[];
  groups: RollUpGroup[];
  /** Hops of the explanation paths, added up per pair of drawn items, in the direction failure travels. */
  edges: RollUpEdge[];
}

export function isGroupId(id: string): boolean {
  return id.startsWith(GROUP_PREFIX);
}

function plural(label: string, count: number): string {
  const word = label.toLowerCase();
  if (count === 1 || word.endsWith('s') || word.endsWith('storage')) return word;
  return `${word}s`;
}

export function groupLabel(ciClass: string, count: number): string {
  return `${count.toLocaleString('en')} ${plural(classLabel(ciClass), count)}`;
}

/** Whether a blast radius of this size is drawn rolled up. */
export function needsRollUp(result: BlastRadiusResult, threshold = ROLL_UP_THRESHOLD): boolean {
  return result.targets.length + result.impacted.count > threshold;
}

export function buildRollUp(
  result: BlastRadiusResult,
  expanded: ReadonlySet<string>,
  limits: { services: number; members: number } = { services: ROLL_UP_SERVICES, members: ROLL_UP_MEMBERS },
): RollUp {
  const drawnAs = new Map<string, string>();
  const levelOf = new Map<string, ImpactLevel>();
  const ciIds: string[] = [];
  for (const t of result.targets) {
    drawnAs.set(t.ciId, t.ciId);
    ciIds.push(t.ciId);
  }
  for (const s of rankServices(result.services).slice(0, limits.services)) {
    if (drawnAs.has(s.id)) continue;
    drawnAs.set(s.id, s.id);
    ciIds.push(s.id);
  }
  const groups = new Map<string, RollUpGroup>();
  const expandedCount = new Map<string, number>();
  // The engine lists impacted CIs worst level first, then nearest: an expansion draws those first.
  for (const page of result.impacted.pages) {
    for (let j = 0; j < page.id.length; j++) {
      const id = page.id[j];
      const level = levelAt(page, j);
      levelOf.set(id, level);
      if (drawnAs.has(id)) continue;
      const ciClass = CI_CLASSES[page.class[j]];
      const groupId = `${GROUP_PREFIX}${ciClass}`;
      const drawnMembers = expandedCount.get(groupId) ?? 0;
      if (expanded.has(groupId) && drawnMembers < limits.members) {
        expandedCount.set(groupId, drawnMembers + 1);
        drawnAs.set(id, id);
        ciIds.push(id);
        continue;
      }
      drawnAs.set(id, groupId);
      let group = groups.get(groupId);
      if (!group) {
        group = { id: groupId, ciClass, count: 0, byLevel: { down: 0, degraded: 0, at_risk: 0 }, worst: level, criticality: 4, expandedMembers: 0, label: '' };
        groups.set(groupId, group);
      }
      group.count++;
      group.byLevel[level]++;
      if (LEVEL_ORDER[level] < LEVEL_ORDER[group.worst]) group.worst = level;
      group.criticality = Math.min(group.criticality, page.criticality[j]);
    }
  }
  for (const group of groups.values()) {
    group.expandedMembers = expandedCount.get(group.id) ?? 0;
    group.label = groupLabel(group.ciClass, group.count);
  }

  const edges = new Map<string, RollUpEdge>();
  for (const page of result.impacted.pages) {
    for (let j = 0; j < page.id.length; j++) {
      const to = drawnAs.get(page.id[j])!;
      const from = drawnAs.get(page.viaFrom[j]);
      if (!from || from === to) continue;
      const id = `${EDGE_PREFIX}${from}>${to}`;
      const level = levelOf.get(page.id[j])!;
      const edge = edges.get(id);
      if (edge) {
        edge.count++;
        if (LEVEL_ORDER[level] < LEVEL_ORDER[edge.level]) edge.level = level;
      } else {
        edges.set(id, { id, from, to, count: 1, level, type: RELATIONSHIP_TYPES[page.viaType[j]] });
      }
    }
  }
  const byCount = (a: RollUpGroup, b: RollUpGroup) => b.count - a.count || (a.id < b.id ? -1 : 1);
  return { ciIds, groups: [...groups.values()].sort(byCount), edges: [...edges.values()] };
}

/**
 * The drawn view of a roll-up: the real CIs as the server returned them (`drawn`, a view.subgraph
 * of `rollUp.ciIds` without context), a node per group and an edge per added-up hop.
 */
export function rollUpView(drawn: GraphView, rollUp: RollUp, impactedCount: number): GraphView {
  const groupCis: Ci[] = rollUp.groups.map((g) => groupCi(g.id, g.label, g.ciClass, g.criticality as Ci['criticality']));
  const nodes = [...drawn.nodes, ...groupCis];
  const ids = new Set(nodes.map((n) => n.id));
  const edges: Relationship[] = rollUp.edges
    .filter((e) => ids.has(e.from) && ids.has(e.to))
    .map((e) => ({ id: e.id, source: e.from, target: e.to, type: e.type, strength: 'hard' }));
  const grouped = rollUp.groups.reduce((sum, g) => sum + g.count, 0);
  return {
    nodes,
    edges,
    totalCis: drawn.totalCis,
    matchingCis: impactedCount,
    truncated: false,
    mode: 'all',
    notice: `${impactedCount.toLocaleString('en')} impacted CIs: ${grouped.toLocaleString('en')} of them drawn as ${rollUp.groups.length} groups by class. Arrows follow the failure; numbers count the hops.`,
    focusCiId: null,
  };
}

/** Edge labels of a roll-up: how many hops each drawn edge stands for. */
export function rollUpEdgeLabels(rollUp: RollUp): Map<string, string> {
  return new Map(rollUp.edges.map((e) => [e.id, `×${e.count.toLocaleString('en')}`]));
}
