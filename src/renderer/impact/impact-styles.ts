// Stylesheet entries and swatch colours of the change simulation: targets outlined, down red,
// degraded amber, at risk yellow, the rest dimmed; explanation paths, SPOFs and dependencies emphasised.
// Appended after the Explore stylesheet so they win over class colours.
import type { StylesheetJson } from 'cytoscape';
import { CI_CLASSES } from '../../shared/model';
import type { ImpactLevel } from '../../shared/impact-types';
import { classIcon } from '../graph/class-style';
import type { Theme } from '../state/view-store';

export interface ImpactPalette {
  fill: Record<ImpactLevel, string>;
  border: Record<ImpactLevel, string>;
  edge: Record<ImpactLevel, string>;
  /** Icon stroke on the level colour (dark on amber and yellow, white on red). */
  icon: Record<ImpactLevel, string>;
  target: string;
  path: string;
  spof: string;
  dependency: string;
}

export const IMPACT_PALETTES: Readonly<Record<Theme, ImpactPalette>> = {
  light: {
    fill: { down: '#dc2626', degraded: '#f59e0b', at_risk: '#facc15' },
    border: { down: '#7f1d1d', degraded: '#92400e', at_risk: '#854d0e' },
    edge: { down: '#dc2626', degraded: '#d97706', at_risk: '#ca8a04' },
    icon: { down: '#ffffff', degraded: '#3b1d00', at_risk: '#3b2a00' },
    target: '#111827',
    path: '#2563eb',
    spof: '#9333ea',
    dependency: '#0891b2',
  },
  dark: {
    fill: { down: '#ef4444', degraded: '#f59e0b', at_risk: '#fde047' },
    border: { down: '#fecaca', degraded: '#fde68a', at_risk: '#fef9c3' },
    edge: { down: '#f87171', degraded: '#fbbf24', at_risk: '#fde047' },
    icon: { down: '#ffffff', degraded: '#3b1d00', at_risk: '#3b2a00' },
    target: '#f9fafb',
    path: '#60a5fa',
    spof: '#c084fc',
    dependency: '#22d3ee',
  },
};

const LEVELS: readonly ImpactLevel[] = ['down', 'degraded', 'at_risk'];

export function impactStylesheet(theme: Theme): StylesheetJson {
  const p = IMPACT_PALETTES[theme];
  const sheet: StylesheetJson = [
    { selector: 'node.impact-dim', style: { opacity: 0.2 } },
    { selector: 'edge.impact-dim', style: { opacity: 0.1 } },
  ];
  for (const level of LEVELS) {
    sheet.push(
      {
        selector: `node.impact-${level}`,
        style: {
          'background-color': p.fill[level],
          'border-color': p.border[level],
          'border-width': 3,
          'border-opacity': 1,
          'font-weight': 'bold',
          // Larger than the Explore labels: they are what a reviewer reads when the view is zoomed out.
          'font-size': 18,
          'text-background-opacity': 1,
          'text-max-width': '320px',
          'z-index': 40,
        },
      },
      {
        selector: `edge.impact-edge-${level}`,
        style: { 'line-color': p.edge[level], 'target-arrow-color': p.edge[level], width: 3.2, opacity: 1, 'z-index': 35 },
      },
    );
    if (level !== 'down') {
      for (const ciClass of CI_CLASSES) {
        sheet.push({ selector: `node.impact-${level}[ciClass = "${ciClass}"]`, style: { 'background-image': classIcon(ciClass, p.icon[level]) } });
      }
    }
  }
  sheet.push(
    {
      selector: 'node.impact-target, node.impact-root',
      style: {
        'outline-width': 5,
        'outline-color': p.target,
        'outline-offset': 3,
        'outline-opacity': 1,
        'font-weight': 'bold',
        'font-size': 20,
        'text-background-opacity': 1,
        'text-max-width': '360px',
        'z-index': 50,
      },
    },
    {
      selector: 'node.impact-path',
      style: {
        'underlay-color': p.path,
        'underlay-padding': 9,
        'underlay-opacity': 0.35,
        'underlay-shape': 'ellipse',
        'font-weight': 'bold',
        'font-size': 20,
        'text-background-opacity': 1,
        'text-max-width': '360px',
        'z-index': 60,
      },
    },
    {
      selector: 'edge.impact-path',
      style: {
        'line-color': p.path,
        'target-arrow-color': p.path,
        width: 5,
        opacity: 1,
        label: 'data(label)',
        'font-size': 15,
        'font-weight': 'bold',
        'text-background-opacity': 1,
        'z-index': 55,
      },
    },
    {
      selector: 'node.impact-spof',
      style: {
        'outline-width': 4,
        'outline-color': p.spof,
        'outline-offset': 3,
        'outline-opacity': 1,
        'outline-style': 'solid',
        'font-weight': 'bold',
        'font-size': 18,
        'text-background-opacity': 1,
        'z-index': 60,
      },
    },
    {
      selector: 'node.impact-dep',
      style: {
        'underlay-color': p.dependency,
        'underlay-padding': 7,
        'underlay-opacity': 0.4,
        'underlay-shape': 'ellipse',
        'text-background-opacity': 1,
        'z-index': 40,
      },
    },
    {
      selector: 'edge.impact-dep-edge',
      style: { 'line-color': p.dependency, 'target-arrow-color': p.dependency, width: 3, opacity: 1, 'z-index': 35 },
    },
    { selector: 'node.impact-faded', style: { opacity: 0.12 } },
    { selector: 'edge.impact-faded', style: { opacity: 0.06 } },
    // New elements stay hidden until the layout places them, whatever the overlay says.
    { selector: '.pending', style: { opacity: 0 } },
  );
  return sheet;
}
