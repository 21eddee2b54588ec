// How each CI class and relationship type looks, shared by the graph stylesheet and the legend.
// Icons are 24×24 stroke glyphs (Feather-style outlines) drawn white on the class colour.
import type { CiClass, RelationshipType } from '../../shared/model';
import type { Theme } from '../state/view-store';

export type NodeShape =
  | 'round-hexagon'
  | 'round-octagon'
  | 'round-rectangle'
  | 'barrel'
  | 'rectangle'
  | 'cut-rectangle'
  | 'round-pentagon'
  | 'concave-hexagon'
  | 'round-diamond'
  | 'rhomboid'
  | 'ellipse'
  | 'tag';

export interface ClassStyle {
  label: string;
  colour: string;
  shape: NodeShape;
  /** Node diameter in graph units. */
  size: number;
  /** Inner SVG markup of the 24×24 icon. */
  glyph: string;
}

export const CLASS_STYLES: Readonly<Record<CiClass, ClassStyle>> = {
  business_service: {
    label: 'Business service',
    colour: '#7c3aed',
    shape: 'round-hexagon',
    size: 52,
    glyph: '<rect x="2" y="7" width="20" height="14" rx="2"/><path d="M16 21V5a2 2 0 0 0-2-2h-4a2 2 0 0 0-2 2v16"/>',
  },
  technical_service: {
    label: 'Technical service',
    colour: '#c026d3',
    shape: 'round-octagon',
    size: 46,
    glyph: '<polygon points="12 2 2 7 12 12 22 7 12 2"/><polyline points="2 17 12 22 22 17"/><polyline points="2 12 12 17 22 12"/>',
  },
  application: {
    label: 'Application',
    colour: '#2563eb',
    shape: 'round-rectangle',
    size: 42,
    glyph: '<rect x="3" y="4" width="18" height="16" rx="2"/><line x1="3" y1="9" x2="21" y2="9"/><line x1="6" y1="6.5" x2="6.01" y2="6.5"/><line x1="9" y1="6.5" x2="9.01" y2="6.5"/>',
  },
  database: {
    label: 'Database',
    colour: '#059669',
    shape: 'barrel',
    size: 42,
    glyph: '<ellipse cx="12" cy="5" rx="9" ry="3"/><path d="M21 12c0 1.66-4 3-9 3s-9-1.34-9-3"/><path d="M3 5v14c0 1.66 4 3 9 3s9-1.34 9-3V5"/>',
  },
  server: {
    label: 'Server',
    colour: '#475569',
    shape: 'rectangle',
    size: 38,
    glyph: '<rect x="2" y="2" width="20" height="8" rx="2"/><rect x="2" y="14" width="20" height="8" rx="2"/><line x1="6" y1="6" x2="6.01" y2="6"/><line x1="6" y1="18" x2="6.01" y2="18"/>',
  },
  virtual_machine: {
    label: 'Virtual machine',
    colour: '#4f46e5',
    shape: 'cut-rectangle',
    size: 38,
    glyph: '<rect x="2" y="3" width="20" height="14" rx="2"/><line x1="8" y1="21" x2="16" y2="21"/><line x1="12" y1="17" x2="12" y2="21"/>',
  },
  container: {
    label: 'Container',
    colour: '#0891b2',
    shape: 'round-pentagon',
    size: 36,
    glyph: '<path d="M21 16V8a2 2 0 0 0-1-1.73l-7-4a2 2 0 0 0-2 0l-7 4A2 2 0 0 0 3 8v8a2 2 0 0 0 1 1.73l7 4a2 2 0 0 0 2 0l7-4A2 2 0 0 0 21 16z"/><polyline points="3.27 6.96 12 12.01 20.73 6.96"/><line x1="12" y1="22.08" x2="12" y2="12"/>',
  },
  cluster: {
    label: 'Cluster',
    colour: '#ea580c',
    shape: 'concave-hexagon',
    size: 44,
    glyph: '<circle cx="12" cy="5" r="3"/><circle cx="5" cy="18" r="3"/><circle cx="19" cy="18" r="3"/><line x1="10.5" y1="7.6" x2="6.5" y2="15.4"/><line x1="13.5" y1="7.6" x2="17.5" y2="15.4"/><line x1="8" y1="18" x2="16" y2="18"/>',
  },
  load_balancer: {
    label: 'Load balancer',
    colour: '#b45309',
    shape: 'round-diamond',
    size: 44,
    glyph: '<circle cx="4" cy="12" r="2"/><path d="M6 12h5"/><path d="M11 12l8-7"/><path d="M11 12h9"/><path d="M11 12l8 7"/>',
  },
  network_device: {
    label: 'Network device',
    colour: '#0f766e',
    shape: 'rhomboid',
    size: 40,
    glyph: '<polyline points="17 1 21 5 17 9"/><path d="M3 11V9a4 4 0 0 1 4-4h14"/><polyline points="7 23 3 19 7 15"/><path d="M21 13v2a4 4 0 0 1-4 4H3"/>',
  },
  storage: {
    label: 'Storage',
    colour: '#854d0e',
    shape: 'barrel',
    size: 40,
    glyph: '<line x1="22" y1="12" x2="2" y2="12"/><path d="M5.45 5.11L2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11z"/><line x1="6" y1="16" x2="6.01" y2="16"/><line x1="10" y1="16" x2="10.01" y2="16"/>',
  },
  cloud_resource: {
    label: 'Cloud resource',
    colour: '#0284c7',
    shape: 'ellipse',
    size: 40,
    glyph: '<path d="M18 10h-1.26A8 8 0 1 0 9 20h9a5 5 0 0 0 0-10z"/>',
  },
  site: {
    label: 'Site',
    colour: '#57534e',
    shape: 'round-rectangle',
    size: 46,
    glyph: '<rect x="4" y="2" width="16" height="20" rx="1"/><path d="M9 22v-4h6v4"/><path d="M8 6h.01M12 6h.01M16 6h.01M8 10h.01M12 10h.01M16 10h.01M8 14h.01M12 14h.01M16 14h.01"/>',
  },
  message_queue: {
    label: 'Message queue',
    colour: '#db2777',
    shape: 'tag',
    size: 40,
    glyph: '<path d="M4 4h16c1.1 0 2 .9 2 2v12c0 1.1-.9 2-2 2H4c-1.1 0-2-.9-2-2V6c0-1.1.9-2 2-2z"/><polyline points="22,6 12,13 2,6"/>',
  },
  cache: {
    label: 'Cache',
    colour: '#65a30d',
    shape: 'ellipse',
    size: 38,
    glyph: '<polygon points="13 2 3 14 12 14 11 22 21 10 12 10 13 2"/>',
  },
};

const iconCache = new Map<string, string>();

/** The class icon as an SVG data URI (white strokes unless another colour is given). */
export function classIcon(ciClass: CiClass, stroke = '#ffffff'): string {
  const key = `${ciClass}|${stroke}`;
  let uri = iconCache.get(key);
  if (!uri) {
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="${stroke}" ` +
      `stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${CLASS_STYLES[ciClass].glyph}</svg>`;
    uri = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    iconCache.set(key, uri);
  }
  return uri;
}

export interface RelationshipStyle {
  label: string;
  /** How to read `source → target`, e.g. "depends on". */
  verb: string;
  colour: Record<Theme, string>;
}

export const RELATIONSHIP_STYLES: Readonly<Record<RelationshipType, RelationshipStyle>> = {
  depends_on: { label: 'Depends on', verb: 'depends on', colour: { light: '#475569', dark: '#94a3b8' } },
  runs_on: { label: 'Runs on', verb: 'runs on', colour: { light: '#059669', dark: '#34d399' } },
  hosted_on: { label: 'Hosted on', verb: 'is hosted on', colour: { light: '#0891b2', dark: '#22d3ee' } },
  connects_to: { label: 'Connects to', verb: 'connects to', colour: { light: '#d97706', dark: '#fbbf24' } },
  member_of: { label: 'Member of', verb: 'is a member of', colour: { light: '#7c3aed', dark: '#a78bfa' } },
  part_of: { label: 'Part of', verb: 'is part of', colour: { light: '#db2777', dark: '#f472b6' } },
};

export const CRITICALITY_LABELS: Readonly<Record<number, string>> = {
  1: '1 · Mission critical',
  2: '2 · High',
  3: '3 · Medium',
  4: '4 · Low',
};

/** Node border width by criticality: 1 (mission critical) is the thickest. */
export const CRITICALITY_BORDER: Readonly<Record<number, number>> = { 1: 6, 2: 4, 3: 2, 4: 1 };

export function classLabel(ciClass: string): string {
  return (CLASS_STYLES as Record<string, ClassStyle | undefined>)[ciClass]?.label ?? ciClass;
}

export function relationshipLabel(type: string): string {
  return (RELATIONSHIP_STYLES as Record<string, RelationshipStyle | undefined>)[type]?.label ?? type;
}

/** How a relationship of this type reads from its source to its target ("depends on"). */
export function relationshipVerb(type: string): string {
  return (RELATIONSHIP_STYLES as Record<string, RelationshipStyle | undefined>)[type]?.verb ?? type;
}
