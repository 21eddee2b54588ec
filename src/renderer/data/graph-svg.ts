// A plain SVG of the graph as it is on screen, built from node positions, sizes, colours and
// labels (no Cytoscape SVG extension is installed). Pure: the caller reads the canvas.

export interface SvgNode {
  id: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  stroke: string;
  strokeWidth: number;
  /** 'ellipse' draws a circle; everything else a rounded rectangle. */
  shape: string;
  opacity: number;
  dashed: boolean;
}

export interface SvgEdge {
  id: string;
  source: string;
  target: string;
  colour: string;
  width: number;
  dashed: boolean;
  opacity: number;
}

export interface SvgGraph {
  nodes: SvgNode[];
  edges: SvgEdge[];
  background: string;
  textColour: string;
  fontFamily: string;
}

const PADDING = 40;
const FONT_SIZE = 12;
const LABEL_GAP = 5;
const MAX_LABEL = 40;

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

function num(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 100) / 100) : '0';
}

function shortLabel(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

/** Where the line from `from` towards `to` leaves the node `from` (its bounding ellipse/box). */
function border(from: SvgNode, to: { x: number; y: number }): { x: number; y: number } {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return { x: from.x, y: from.y };
  const rx = from.width / 2;
  const ry = from.height / 2;
  const t =
    from.shape === 'ellipse'
      ? 1 / Math.sqrt((dx * dx) / (rx * rx) + (dy * dy) / (ry * ry))
      : Math.min(dx === 0 ? Infinity : rx / Math.abs(dx), dy === 0 ? Infinity : ry / Math.abs(dy));
  return { x: from.x + dx * t, y: from.y + dy * t };
}

/** The SVG document for a graph; an empty graph gives a small blank picture. */
export function buildGraphSvg(graph: SvgGraph): string {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const n of graph.nodes) {
    const labelHalf = (Math.min(n.label.length, MAX_LABEL) * FONT_SIZE * 0.6) / 2;
    x1 = Math.min(x1, n.x - Math.max(n.width / 2, labelHalf));
    x2 = Math.max(x2, n.x + Math.max(n.width / 2, labelHalf));
    y1 = Math.min(y1, n.y - n.height / 2);
    y2 = Math.max(y2, n.y + n.height / 2 + LABEL_GAP + FONT_SIZE + 4);
  }
  if (!graph.nodes.length) {
    x1 = y1 = 0;
    x2 = y2 = 100;
  }
  const width = x2 - x1 + PADDING * 2;
  const height = y2 - y1 + PADDING * 2;
  const ox = PADDING - x1;
  const oy = PADDING - y1;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="${escapeXml(graph.fontFamily)}" font-size="${FONT_SIZE}">`,
  );
  out.push(`<rect width="100%" height="100%" fill="${escapeXml(graph.background)}"/>`);
  const colours = [...new Set(graph.edges.map((e) => e.colour))];
  out.push('<defs>');
  colours.forEach((colour, i) => {
    out.push(
      `<marker id="arrow${i}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${escapeXml(colour)}"/></marker>`,
    );
  });
  out.push('</defs>');
  out.push(`<g transform="translate(${num(ox)} ${num(oy)})">`);
  out.push('<g class="edges">');
  for (const e of graph.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    const a = border(s, t);
    const b = border(t, s);
    const dash = e.dashed ? ' stroke-dasharray="6 4"' : '';
    out.push(
      `<line data-id="${escapeXml(e.id)}" x1="${num(a.x)}" y1="${num(a.y)}" x2="${num(b.x)}" y2="${num(b.y)}" stroke="${escapeXml(e.colour)}" stroke-width="${num(e.width)}" stroke-opacity="${num(e.opacity)}"${dash} marker-end="url(#arrow${colours.indexOf(e.colour)})"/>`,
    );
  }
  out.push('</g>');
  out.push('<g class="nodes">');
  for (const n of graph.nodes) {
    const dash = n.dashed ? ' stroke-dasharray="5 3"' : '';
    const common = `fill="${escapeXml(n.fill)}" stroke="${escapeXml(n.stroke)}" stroke-width="${num(n.strokeWidth)}"${dash}`;
    const shape =
      n.shape === 'ellipse'
        ? `<ellipse cx="${num(n.x)}" cy="${num(n.y)}" rx="${num(n.width / 2)}" ry="${num(n.height / 2)}" ${common}/>`
        : `<rect x="${num(n.x - n.width / 2)}" y="${num(n.y - n.height / 2)}" width="${num(n.width)}" height="${num(n.height)}" rx="${num(Math.min(n.width, n.height) / 5)}" ${common}/>`;
    out.push(
      `<g data-id="${escapeXml(n.id)}" opacity="${num(n.opacity)}">${shape}<text x="${num(n.x)}" y="${num(n.y + n.height / 2 + LABEL_GAP + FONT_SIZE)}" text-anchor="middle" fill="${escapeXml(graph.textColour)}"><title>${escapeXml(n.label)}</title>${escapeXml(shortLabel(n.label))}</text></g>`,
    );
  }
  out.push('</g></g></svg>');
  return out.join('\n');
}
