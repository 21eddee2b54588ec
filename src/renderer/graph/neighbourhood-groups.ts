// A hub's neighbourhood drawn readably (pure): walking out from the focus, the CIs reached from
// the same drawn CI over the same relationship type, in the same direction and of the same class
// become one counted group node ("72 servers") once there are more than GROUP_THRESHOLD of them,
// as the roll-up of a big blast radius does (impact/roll-up.ts). Edges are added up between what
// is drawn ("×72", counts of one keep the relationship's name); a group's members are drawn one by one once it is expanded.
import type { Ci, Relationship } from '../../shared/model';
import type { GraphView } from '../../shared/operations';
import { groupLabel } from '../impact/roll-up';
import type { RollUpDecor } from './elements';
import { groupCi } from './group-ci';

/** More CIs than this behind one drawn CI, of one class and relationship: they are drawn as a group. */
export const GROUP_THRESHOLD = 10;
export const HOOD_GROUP_PREFIX = 'hood-group:';
const EDGE_PREFIX = 'hood-edge:';

/**
 * The centre of a drawn neighbourhood: the CI its view was asked for (`requestedFocus`), else the
 * one the server chose. It belongs to the view, not to the controls, which move ahead of it while
 * the next view loads (grouping a view around a CI it does not hold would draw it ungrouped).
 */
export function neighbourhoodFocus(view: GraphView | null, requestedFocus: string | null): string | null {
  if (view?.mode !== 'neighbourhood') return null;
  return requestedFocus ?? view.focusCiId;
}

export function isHoodGroupId(id: string): boolean {
  return id.startsWith(HOOD_GROUP_PREFIX);
}

export interface GroupedNeighbourhood {
  view: GraphView;
  decor: RollUpDecor;
  /** Group id → its members' ids. */
  members: ReadonlyMap<string, readonly string[]>;
}

/** What the legend says of the groups: "83 neighbours in 1 group". */
export function groupSummary(grouped: GroupedNeighbourhood): string {
  const count = [...grouped.members.values()].reduce((sum, ids) => sum + ids.length, 0);
  const groups = grouped.members.size;
  return `${count.toLocaleString('en')} CIs in ${groups} ${groups === 1 ? 'group' : 'groups'}: click one to draw its members`;
}

interface Link {
  peer: string;
  rel: Relationship;
  /** Whether the walk crosses the relationship from its target to its source. */
  inward: boolean;
}

/**
 * The neighbourhood around `focusId` with its crowded buckets grouped, or null when no bucket is
 * over the threshold (the view is drawn as it is).
 */
export function groupNeighbourhood(
  view: GraphView,
  focusId: string,
  expanded: ReadonlySet<string>,
  threshold = GROUP_THRESHOLD,
): GroupedNeighbourhood | null {
  const byId = new Map(view.nodes.map((ci) => [ci.id, ci]));
  if (!byId.has(focusId)) return null;
  const links = new Map<string, Link[]>();
  const edges = [...view.edges].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const rel of edges) {
    if (!byId.has(rel.source) || !byId.has(rel.target) || rel.source === rel.target) continue;
    push(links, rel.source, { peer: rel.target, rel, inward: false });
    push(links, rel.target, { peer: rel.source, rel, inward: true });
  }

  // Breadth first from the focus, one ring at a time: each CI's bucket is its first parent's drawn item.
  const drawnAs = new Map<string, string>([[focusId, focusId]]);
  const members = new Map<string, string[]>();
  let ring = [focusId];
  while (ring.length) {
    const buckets = new Map<string, string[]>();
    for (const from of ring) {
      for (const link of links.get(from) ?? []) {
        if (drawnAs.has(link.peer)) continue;
        const key = `${drawnAs.get(from)}|${byId.get(link.peer)!.class}|${link.rel.type}|${link.inward ? 'in' : 'out'}`;
        drawnAs.set(link.peer, '');
        push(buckets, key, link.peer);
      }
    }
    const next: string[] = [];
    for (const [key, ids] of buckets) {
      const groupId = `${HOOD_GROUP_PREFIX}${key}`;
      const grouped = ids.length > threshold && !expanded.has(groupId);
      for (const id of ids) drawnAs.set(id, grouped ? groupId : id);
      if (grouped) members.set(groupId, ids);
      // A loop, not push(...ids): a hub's bucket can hold more ids than call arguments allow.
      for (const id of ids) next.push(id);
    }
    ring = next;
  }
  // CIs the walk did not reach (another component of the view) stay as they are.
  for (const ci of view.nodes) if (!drawnAs.get(ci.id)) drawnAs.set(ci.id, ci.id);
  if (members.size === 0) return null;

  const nodes: Ci[] = view.nodes.filter((ci) => drawnAs.get(ci.id) === ci.id);
  for (const [groupId, ids] of members) nodes.push(groupNode(groupId, ids.map((id) => byId.get(id)!)));

  const added = new Map<string, { rel: Relationship; count: number; rolled: boolean }>();
  for (const rel of edges) {
    const from = drawnAs.get(rel.source);
    const to = drawnAs.get(rel.target);
    if (!from || !to || from === to) continue;
    if (from === rel.source && to === rel.target) {
      added.set(rel.id, { rel, count: 1, rolled: false });
      continue;
    }
    const id = `${EDGE_PREFIX}${from}>${to}|${rel.type}`;
    const hop = added.get(id);
    if (hop) hop.count++;
    else added.set(id, { rel: { id, source: from, target: to, type: rel.type, strength: rel.strength }, count: 1, rolled: true });
  }
  const edgeLabels = new Map<string, string>();
  for (const [id, hop] of added) if (hop.rolled && hop.count > 1) edgeLabels.set(id, `×${hop.count.toLocaleString('en')}`);
  return {
    view: { ...view, nodes, edges: [...added.values()].map((hop) => hop.rel) },
    decor: { groupIds: new Set(members.keys()), edgeLabels },
    members,
  };
}

function groupNode(id: string, cis: Ci[]): Ci {
  const first = cis[0];
  const criticality = cis.reduce((most, ci) => Math.min(most, ci.criticality), first.criticality) as Ci['criticality'];
  return groupCi(id, groupLabel(first.class, cis.length), first.class, criticality);
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
