// The layout request for a set of elements: an ELK graph with nodes and edges sorted by id,
// deterministic options and a cache key. Pure, so it is the same in the page and in tests.
import type { LayoutAlgorithm, LayoutDirection } from '../state/view-store';
import { CLASS_STYLES } from './class-style';
import { LABEL_MAX_WIDTH } from './label-size';
import type { EdgeData, GraphElements } from './elements';
import { cyrb53 } from '../../shared/hash';

export interface ElkNodeInput {
  id: string;
  width: number;
  height: number;
}

export interface ElkEdgeInput {
  id: string;
  sources: [string];
  targets: [string];
}

export interface ElkGraphInput {
  id: string;
  layoutOptions: Record<string, string>;
  children: ElkNodeInput[];
  edges: ElkEdgeInput[];
}

export interface LayoutRequest {
  key: string;
  graph: ElkGraphInput;
  /** Node id → size of the drawn shape, to turn ELK's box corners into shape centres. */
  shapeSize: Record<string, number>;
}

export type Positions = Record<string, { x: number; y: number }>;

const LABEL_CHAR_WIDTH = 6.8;
const LABEL_HEIGHT = 18;

/**
 * Types where the source is the part that fails the target (member_of, part_of): the layout
 * draws the whole above its parts, so services sit on top and infrastructure at the bottom.
 * The arrow still points source → target; only the layering uses the reversed direction.
 */
const UPWARD_TYPES = new Set(['member_of', 'part_of']);

function layoutEnds(edge: EdgeData): [string, string] {
  return UPWARD_TYPES.has(edge.type) ? [edge.target, edge.source] : [edge.source, edge.target];
}

/** ELK stress is quadratic and slow in its compiled form: above this many CIs the layered layout is used. */
export const FORCE_LAYOUT_LIMIT = 500;

/** The algorithm actually run for a view of `nodeCount` CIs. */
export function effectiveAlgorithm(algorithm: LayoutAlgorithm, nodeCount: number): LayoutAlgorithm {
  return algorithm === 'force' && nodeCount > FORCE_LAYOUT_LIMIT ? 'layered' : algorithm;
}

/**
 * Above this many nodes the layered layout routes edges as polylines (Cytoscape draws its own edges,
 * so ELK's orthogonal routing only costs time: about a third of a 1,000-node layout) and places nodes
 * with one balanced Brandes-Köpf alignment. Smaller views keep ELK's defaults, and their look.
 */
export const LARGE_LAYOUT = 400;

export function elkOptions(algorithm: LayoutAlgorithm, direction: LayoutDirection, nodeCount: number): Record<string, string> {
  if (effectiveAlgorithm(algorithm, nodeCount) === 'force') {
    return {
      'elk.algorithm': 'stress',
      'elk.stress.desiredEdgeLength': '130',
      'elk.randomSeed': '1',
      'elk.spacing.componentComponent': '80',
    };
  }
  // Crossing-minimisation passes (ELK's default is 7): nearly the same picture for a fraction
  // of the time, and fewer as views grow. Input is sorted by id, so no model order is needed.
  const thoroughness = nodeCount <= 100 ? 4 : nodeCount <= LARGE_LAYOUT ? 2 : 1;
  const large: Record<string, string> = nodeCount > LARGE_LAYOUT ? { 'elk.edgeRouting': 'POLYLINE', 'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED' } : {};
  return {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.randomSeed': '1',
    'elk.spacing.nodeNode': '18',
    'elk.layered.spacing.nodeNodeBetweenLayers': '60',
    'elk.spacing.componentComponent': '80',
    'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
    'elk.layered.thoroughness': String(thoroughness),
    'elk.separateConnectedComponents': 'true',
    ...large,
  };
}

/** A short, stable hash (cyrb53) so cache keys stay small for large views. */
export function hashString(text: string): string {
  return cyrb53(text).toString(36);
}

export function buildLayoutRequest(elements: GraphElements, algorithm: LayoutAlgorithm, direction: LayoutDirection): LayoutRequest {
  const nodes = [...elements.nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const edges = [...elements.edges].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const shapeSize: Record<string, number> = {};
  const children: ElkNodeInput[] = nodes.map((node) => {
    const size = (CLASS_STYLES as Record<string, { size: number } | undefined>)[node.ciClass]?.size ?? 40;
    shapeSize[node.id] = size;
    const labelWidth = Math.min(LABEL_MAX_WIDTH, node.label.length * LABEL_CHAR_WIDTH + 8);
    return { id: node.id, width: Math.max(size, labelWidth), height: size + LABEL_HEIGHT };
  });
  const elkEdges: ElkEdgeInput[] = edges.map((edge) => {
    const [from, to] = layoutEnds(edge);
    return { id: edge.id, sources: [from], targets: [to] };
  });
  const layoutOptions = elkOptions(algorithm, direction, children.length);
  // The labels' lengths are part of the key: they size the boxes ELK lays out.
  const nodePart = children.map((c) => `${c.id}:${c.width}x${c.height}`).join('|');
  const edgePart = elkEdges.map((e) => `${e.sources[0]}>${e.targets[0]}`).join('|');
  const optionPart = Object.entries(layoutOptions).map(([k, v]) => `${k}=${v}`).join(',');
  const key = `${effectiveAlgorithm(algorithm, children.length)}-${direction}-${children.length}-${elkEdges.length}-${hashString(nodePart)}-${hashString(edgePart)}-${hashString(optionPart)}`;
  return { key, graph: { id: 'root', layoutOptions, children, edges: elkEdges }, shapeSize };
}

/** ELK gives each box's top-left corner; the shape sits at the top of its box, its label below. */
export function centresFromBoxes(
  boxes: Record<string, { x: number; y: number; width: number }>,
  shapeSize: Record<string, number>,
): Positions {
  const positions: Positions = {};
  for (const [id, box] of Object.entries(boxes)) {
    const size = shapeSize[id] ?? 40;
    positions[id] = { x: box.x + box.width / 2, y: box.y + size / 2 };
  }
  return positions;
}
