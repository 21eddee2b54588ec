// The Cytoscape stylesheet for a theme: class → colour/shape/icon, criticality → border width,
// relationship type → colour, soft → dashed, labels with a background so they stay readable.
import type { StylesheetJson } from 'cytoscape';
import { CI_CLASSES, RELATIONSHIP_TYPES } from '../../shared/model';
import type { Theme } from '../state/view-store';
import { CLASS_STYLES, CRITICALITY_BORDER, RELATIONSHIP_STYLES, classIcon } from './class-style';
import { PALETTES } from './palette';
import { LABEL_MAX_WIDTH } from './label-size';
import { MUTED_LABEL_CLASS } from './key-labels';
import { impactStylesheet } from '../impact/impact-styles';

/** Nodes that fade in and out: only those added to a view small enough to animate (graph-controller.ts). */
export const FADE_CLASS = 'fade';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export function buildStylesheet(theme: Theme): StylesheetJson {
  const p = PALETTES[theme];
  const sheet: StylesheetJson = [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': FONT,
        'font-size': 12,
        color: p.text,
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 5,
        'text-wrap': 'ellipsis',
        'text-max-width': `${LABEL_MAX_WIDTH}px`,
        'text-background-color': p.labelBackground,
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        // Ordinary labels appear from zoom 2/3; the CIs that matter keep theirs at every zoom (key-labels.ts).
        'min-zoomed-font-size': 8,
        'border-color': p.nodeBorder,
        'border-opacity': 0.9,
        'background-width': '56%',
        'background-height': '56%',
        'background-clip': 'none',
        'background-image-containment': 'over',
      },
    },
    // Not on every node: a transition restyles and redraws each of its nodes every frame, far too much work on a 1,000-node view.
    { selector: `node.${FADE_CLASS}`, style: { 'transition-property': 'opacity', 'transition-duration': 150 } },
  ];
  for (const ciClass of CI_CLASSES) {
    const s = CLASS_STYLES[ciClass];
    sheet.push({
      selector: `node[ciClass = "${ciClass}"]`,
      style: { 'background-color': s.colour, shape: s.shape, width: s.size, height: s.size, 'background-image': classIcon(ciClass) },
    });
  }
  for (const [criticality, width] of Object.entries(CRITICALITY_BORDER)) {
    sheet.push({ selector: `node[criticality = ${criticality}]`, style: { 'border-width': width } });
  }
  sheet.push(
    { selector: 'node[status = "planned"]', style: { 'border-style': 'dashed', 'background-opacity': 0.75 } },
    { selector: 'node[status = "retired"]', style: { 'background-opacity': 0.35, 'font-style': 'italic', color: p.mutedText } },
    {
      selector: 'edge',
      style: {
        width: 1.6,
        'curve-style': 'bezier',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        opacity: 0.8,
        'font-family': FONT,
        'font-size': 10,
        color: p.text,
        'text-rotation': 'autorotate',
        'text-background-color': p.labelBackground,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        'min-zoomed-font-size': 7,
      },
    },
  );
  for (const type of RELATIONSHIP_TYPES) {
    const colour = RELATIONSHIP_STYLES[type].colour[theme];
    sheet.push({ selector: `edge[type = "${type}"]`, style: { 'line-color': colour, 'target-arrow-color': colour } });
  }
  sheet.push(
    { selector: 'edge[strength = "soft"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4] } },
    {
      selector: 'edge.hover, edge.adjacent',
      style: { label: 'data(label)', width: 2.6, opacity: 1, 'z-index': 10 },
    },
    {
      selector: 'node.hover',
      style: { 'text-max-width': '400px', 'z-index': 20, 'text-background-opacity': 1 },
    },
    {
      selector: 'node:selected',
      style: {
        'underlay-color': p.accent,
        'underlay-padding': 8,
        'underlay-opacity': 0.35,
        'underlay-shape': 'ellipse',
        'font-weight': 'bold',
        'text-max-width': '400px',
        'text-background-opacity': 1,
        'z-index': 30,
      },
    },
    // Open incidents on a CI (src/renderer/incidents): a ring by the highest priority.
    // Wide enough to be seen on the whole graph zoomed out, where nodes are a few pixels.
    { selector: 'node.incident-p1', style: { 'outline-width': 9, 'outline-color': '#dc2626', 'outline-offset': 3, 'outline-opacity': 0.9 } },
    { selector: 'node.incident-p2', style: { 'outline-width': 9, 'outline-color': '#ea580c', 'outline-offset': 3, 'outline-opacity': 0.9 } },
    { selector: 'node.incident-p3', style: { 'outline-width': 7, 'outline-color': '#eab308', 'outline-offset': 3, 'outline-opacity': 0.9 } },
    {
      selector: 'node.focus',
      style: { 'outline-width': 3, 'outline-color': p.focusRing, 'outline-offset': 4, 'outline-opacity': 1 },
    },
    // Snapshot diff drawn on the graph (src/renderer/data): added green, removed red dashed and faded, changed amber.
    {
      selector: 'node.diff-added',
      style: { 'border-color': '#16a34a', 'border-width': 4, 'underlay-color': '#22c55e', 'underlay-padding': 7, 'underlay-opacity': 0.35 },
    },
    {
      selector: 'node.diff-changed',
      style: { 'border-color': '#d97706', 'border-width': 4, 'underlay-color': '#f59e0b', 'underlay-padding': 7, 'underlay-opacity': 0.4 },
    },
    {
      selector: 'node.diff-removed',
      style: { 'border-color': '#dc2626', 'border-width': 3, 'border-style': 'dashed', 'background-opacity': 0.3, opacity: 0.6, 'font-style': 'italic' },
    },
    { selector: 'edge.diff-added', style: { 'line-color': '#16a34a', 'target-arrow-color': '#16a34a', width: 3, opacity: 1 } },
    { selector: 'edge.diff-changed', style: { 'line-color': '#d97706', 'target-arrow-color': '#d97706', width: 3, opacity: 1 } },
    {
      selector: 'edge.diff-removed',
      style: { 'line-color': '#dc2626', 'target-arrow-color': '#dc2626', 'line-style': 'dashed', 'line-dash-pattern': [6, 4], opacity: 0.55 },
    },
    // A roll-up (src/renderer/impact/roll-up.ts): groups drawn large with their count, hop counts on the edges.
    {
      selector: 'node[?group]',
      style: { width: 64, height: 64, 'font-size': 15, 'font-weight': 'bold', 'text-max-width': '220px', 'border-width': 4, 'border-style': 'double' },
    },
    { selector: 'edge[?rolled]', style: { label: 'data(label)', 'font-size': 12, 'font-weight': 'bold', width: 3, 'min-zoomed-font-size': 0 } },
    // Labels hidden while zoomed out, all but the key labels (key-labels.ts).
    { selector: `node.${MUTED_LABEL_CLASS}`, style: { 'text-opacity': 0 } },
    { selector: '.pending', style: { opacity: 0 } },
    {
      selector: 'core',
      style: {
        'selection-box-color': p.accent,
        'selection-box-opacity': 0.15,
        'selection-box-border-color': p.accent,
        'selection-box-border-width': 1,
        'active-bg-color': p.accent,
        'active-bg-opacity': 0.15,
        'active-bg-size': 24,
        'outside-texture-bg-color': p.background,
        'outside-texture-bg-opacity': 1,
      },
    },
  );
  // The change simulation (src/renderer/impact) last, so it wins over class colours.
  sheet.push(...impactStylesheet(theme));
  return sheet;
}
