// What the data features read from and draw on the mounted graph: PNG and SVG of the current
// view, and the diff marks (classes the stylesheet colours), kept on elements added later too.
import type { Core, EventObject, SingularElementArgument } from 'cytoscape';
import type { DiffMark } from '../../shared/data-types';
import { activeGraph } from '../graph/graph-controller';
import { PALETTES } from '../graph/palette';
import { useViewStore } from '../state/view-store';
import { buildGraphSvg, type SvgGraph } from './graph-svg';
import { pictureFrame, withPngText, type FrameScope, type LegendEntry } from './picture-frame';
import { CI_CLASSES } from '../../shared/model';
import { CLASS_STYLES } from '../graph/class-style';
import { IMPACT_PALETTES } from '../impact/impact-styles';
import { useImpactStore } from '../impact/impact-store';
import { useDataStore } from '../state/data-store';
import { useDataUi } from './data-ui-store';

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

/** What the canvas shows, for the picture's title (the mode that owns the canvas). */
function currentScope(): FrameScope {
  const cy = activeGraph()?.core;
  const impact = useImpactStore.getState();
  const overlay = useDataUi.getState().overlay;
  const data = useDataStore.getState();
  const name = (id: string) => String(cy?.getElementById(id).data('label') ?? id);
  let mode: FrameScope['mode'];
  if (impact.active && impact.tab === 'dependencies' && impact.dependencies) mode = { kind: 'dependencies', of: name(impact.dependencies.ciId) };
  else if (impact.active && impact.spof) mode = { kind: 'spof', of: name(impact.spof.serviceId) };
  else if (impact.active && impact.result) mode = { kind: 'blast-radius', targets: impact.result.targets.map((t) => ({ name: t.name, mode: t.mode })) };
  else if (overlay?.mode === 'asOf') mode = { kind: 'as-of', time: overlay.result.time };
  else if (overlay?.mode === 'diff') mode = { kind: 'diff', from: overlay.result.from, to: overlay.result.to };
  else {
    const focus = data.view?.mode === 'neighbourhood' ? useViewStore.getState().neighbourhood.ciId : null;
    mode = { kind: 'explore', neighbourhoodOf: focus ? name(focus) : null };
  }
  return { document: data.info?.title ?? 'CMDB', date: new Date(), nodes: cy?.nodes().length ?? 0, edges: cy?.edges().length ?? 0, mode };
}

/** The legend of what is drawn: impact levels while simulating, else the classes on the canvas. */
function currentLegend(): LegendEntry[] {
  const theme = useViewStore.getState().theme;
  const impact = useImpactStore.getState();
  if (impact.active) {
    const p = IMPACT_PALETTES[theme];
    if (impact.tab === 'dependencies') return [{ colour: p.target, label: 'Asked-about CI' }, { colour: p.dependency, label: 'Needed by it' }];
    if (impact.spof) return [{ colour: p.spof, label: 'Single point of failure' }, { colour: p.path, label: 'The service, and how each reaches it' }];
    const levels: LegendEntry[] = [
      { colour: p.target, label: 'Change target' },
      { colour: p.fill.down, label: 'Down' },
      { colour: p.fill.degraded, label: 'Degraded' },
      { colour: p.fill.at_risk, label: 'At risk' },
    ];
    if (impact.rollUp) levels.push({ colour: PALETTES[theme].mutedText, label: 'Large circles: CIs grouped by class (count); ×n: hops added up' });
    return levels;
  }
  const onCanvas = new Set(activeGraph()?.core.nodes().map((n) => String(n.data('ciClass'))) ?? []);
  return CI_CLASSES.filter((c) => onCanvas.has(c)).map((c) => ({ colour: CLASS_STYLES[c].colour, label: CLASS_STYLES[c].label }));
}

function loadImage(blob: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(blob);
    const image = new Image();
    image.onload = () => {
      URL.revokeObjectURL(url);
      resolve(image);
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('The graph picture could not be read back.'));
    };
    image.src = url;
  });
}

const MAX_SIDE = 2400;
const MARGIN = 32;

/** The graph framed for handing on: title (the scope), CMDB, date and counts above, legend below. */
export async function graphPng(): Promise<Blob> {
  const graph = activeGraph();
  if (!graph) throw new Error('The graph is not on screen.');
  // Let the "Exporting…" state paint first: Cytoscape renders the picture in one go.
  await new Promise((resolve) => requestAnimationFrame(() => window.setTimeout(resolve, 0)));
  const theme = useViewStore.getState().theme;
  const palette = PALETTES[theme];
  const image = await loadImage(await graph.exportPng(background(), MAX_SIDE));
  const frame = pictureFrame(currentScope(), currentLegend());

  const width = Math.max(image.width + 2 * MARGIN, 1000);
  // Title and legend sized to the picture: readable when it is shown whole.
  const k = Math.max(1, width / 1200);
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = `${15 * k}px ${FONT}`;
  // Legend entries flow in rows: swatch, label, gap.
  const rows: { entry: LegendEntry; x: number; row: number }[] = [];
  let x = MARGIN;
  let row = 0;
  for (const entry of frame.legend) {
    const w = (22 + 24) * k + measure.measureText(entry.label).width;
    if (x + w > width - MARGIN && x > MARGIN) {
      row++;
      x = MARGIN;
    }
    rows.push({ entry, x, row });
    x += w;
  }
  const header = 96 * k;
  const legendHeight = frame.legend.length ? ((row + 1) * 26 + 24) * k : 0;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = header + image.height + legendHeight + MARGIN;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = palette.text;
  ctx.font = `bold ${26 * k}px ${FONT}`;
  ctx.fillText(frame.title, MARGIN, 44 * k, width - 2 * MARGIN);
  ctx.fillStyle = palette.mutedText;
  ctx.font = `${16 * k}px ${FONT}`;
  ctx.fillText(frame.subtitle, MARGIN, 74 * k, width - 2 * MARGIN);
  ctx.drawImage(image, Math.round((width - image.width) / 2), header);
  ctx.font = `${15 * k}px ${FONT}`;
  const legendTop = header + image.height + 24 * k;
  for (const { entry, x: left, row: r } of rows) {
    const y = legendTop + r * 26 * k;
    ctx.fillStyle = entry.colour;
    ctx.beginPath();
    ctx.arc(left + 8 * k, y + 8 * k, 8 * k, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = palette.text;
    ctx.fillText(entry.label, left + 22 * k, y + 13 * k);
  }
  const png = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The picture could not be encoded.'))), 'image/png'));
  const bytes = withPngText(new Uint8Array(await png.arrayBuffer()), { Title: frame.title, Description: frame.subtitle, Software: 'Faultline' });
  return new Blob([bytes], { type: 'image/png' });
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
