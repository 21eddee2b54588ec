// What the data features read from and draw on the mounted graph: PNG and SVG of the current
// view, and the diff marks (classes the stylesheet colours), kept on elements added later too.
import type { Core, EventObject, SingularElementArgument } from 'cytoscape';
import type { DiffMark } from '../../shared/data-types';
import { activeGraph } from '../graph/graph-controller';
import { PALETTES } from '../graph/palette';
import { useViewStore } from '../state/view-store';
import { buildGraphSvg, type SvgGraph } from './graph-svg';

const MARK_CLASSES = ['diff-added', 'diff-removed', 'diff-changed'] as const;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

let marks: ReadonlyMap<string, DiffMark> = new Map();
const watched = new WeakSet<Core>();

declare global {
  interface Window {
    /** For end-to-end tests: the diff mark of each element on the canvas. */
    __faultlineDiffMarks?: () => Record<string, DiffMark>;
  }
}

function markOne(element: SingularElementArgument): void {
  const mark = marks.get(element.id());
  element.removeClass(MARK_CLASSES.join(' '));
  if (mark) element.addClass(`diff-${mark}`);
}

function readMarks(cy: Core): Record<string, DiffMark> {
  const found: Record<string, DiffMark> = {};
  for (const mark of ['added', 'removed', 'changed'] as const) {
    cy.elements(`.diff-${mark}`).forEach((element) => {
      found[element.id()] = mark;
    });
  }
  return found;
}

/** Draws these marks on the graph (an empty map clears them); elements added later are marked as they arrive. */
export function setDiffMarks(next: ReadonlyMap<string, DiffMark>): void {
  marks = next;
  const cy = activeGraph()?.core;
  if (!cy) return;
  if (!watched.has(cy)) {
    watched.add(cy);
    cy.on('add', (event: EventObject) => {
      if (marks.size) markOne(event.target as SingularElementArgument);
    });
  }
  cy.batch(() => cy.elements().forEach((element) => markOne(element)));
  window.__faultlineDiffMarks = () => readMarks(cy);
}

function background(): string {
  return PALETTES[useViewStore.getState().theme].background;
}

export async function graphPng(): Promise<Blob> {
  const graph = activeGraph();
  if (!graph) throw new Error('The graph is not on screen.');
  // Let the "Exporting…" state paint first: Cytoscape renders the picture in one go.
  await new Promise((resolve) => requestAnimationFrame(() => window.setTimeout(resolve, 0)));
  return graph.exportPng(background());
}

/** The current view as SVG, from the positions and the computed styles of the canvas. */
export function graphSvg(): string {
  const cy = activeGraph()?.core;
  if (!cy) throw new Error('The graph is not on screen.');
  const theme = useViewStore.getState().theme;
  const px = (value: unknown) => Number.parseFloat(String(value)) || 0;
  const graph: SvgGraph = {
    background: PALETTES[theme].background,
    textColour: PALETTES[theme].text,
    fontFamily: FONT,
    nodes: cy.nodes().map((node) => {
      const p = node.position();
      return {
        id: node.id(),
        label: String(node.data('label') ?? node.id()),
        x: p.x,
        y: p.y,
        width: node.width(),
        height: node.height(),
        fill: String(node.style('background-color')),
        stroke: String(node.style('border-color')),
        strokeWidth: px(node.style('border-width')),
        shape: String(node.style('shape')),
        opacity: px(node.style('opacity')) || 1,
        dashed: node.style('border-style') === 'dashed',
      };
    }),
    edges: cy.edges().map((edge) => ({
      id: edge.id(),
      source: edge.source().id(),
      target: edge.target().id(),
      colour: String(edge.style('line-color')),
      width: px(edge.style('width')) || 1.5,
      dashed: edge.style('line-style') === 'dashed',
      opacity: px(edge.style('opacity')) || 1,
    })),
  };
  return buildGraphSvg(graph);
}
