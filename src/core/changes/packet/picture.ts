// What the packet's impact picture draws: the targets, the paths to the impacted services and
// then the other impacted CIs, at most `cap` nodes, each with the edge of its explanation path
// (`via`) back towards a target. A CI is only drawn with the whole path that explains it.
import { impactedList, impactIndex, type BlastRadiusResult, type ImpactLevel } from '../../../shared/impact-types';

export interface PictureNode {
  id: string;
  name: string;
  level: ImpactLevel;
  /** Column: 0 for targets, else hops from the nearest target. */
  depth: number;
  target: boolean;
  service: boolean;
}

export interface PictureEdge {
  from: string;
  to: string;
  soft: boolean;
}

export interface ImpactPicture {
  nodes: PictureNode[];
  edges: PictureEdge[];
  /** Impacted CIs (and targets) left out of the picture. */
  moreCis: number;
}

export function impactPicture(blast: BlastRadiusResult | null, cap: number): ImpactPicture {
  if (!blast) return { nodes: [], edges: [], moreCis: 0 };
  const index = impactIndex(blast);
  const serviceIds = new Set(blast.services.map((s) => s.id));
  const all = new Map<string, PictureNode>();
  for (const t of blast.targets) all.set(t.ciId, { id: t.ciId, name: t.name, level: t.mode, depth: 0, target: true, service: serviceIds.has(t.ciId) });
  for (const c of impactedList(blast.impacted)) all.set(c.id, { id: c.id, name: c.name, level: c.level, depth: c.depth, target: false, service: serviceIds.has(c.id) });

  const chosen = new Map<string, PictureNode>();
  /** Adds `id` with every CI of its path not drawn yet, or nothing when they do not all fit. */
  const add = (id: string) => {
    const chain: string[] = [];
    for (let cur: string | undefined = id; cur !== undefined && !chosen.has(cur) && all.has(cur); cur = index.get(cur)?.from) chain.push(cur);
    if (chosen.size + chain.length > cap) return;
    for (const c of chain.reverse()) chosen.set(c, all.get(c) as PictureNode);
  };
  const order = [...blast.targets.map((t) => t.ciId), ...blast.services.map((s) => s.id), ...all.keys()];
  for (const id of order) {
    if (chosen.size >= cap) break;
    add(id);
  }
  const edges: PictureEdge[] = [];
  for (const node of chosen.values()) {
    const via = index.get(node.id);
    if (via && chosen.has(via.from)) edges.push({ from: via.from, to: node.id, soft: via.strength === 'soft' });
  }
  return { nodes: [...chosen.values()], edges, moreCis: all.size - chosen.size };
}
