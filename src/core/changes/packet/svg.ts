// The impact picture as one self-contained SVG: columns by depth (targets on the left, then one
// hop, two hops…), nodes filled by impact level, each edge along an explanation path (dashed
// when soft), a title and a legend. No external reference: no fonts, images or links.
import { IMPACT_LEVELS } from '../../../shared/impact-types';
import { LEVEL_COLOURS, LEVEL_LABELS, TARGET_OUTLINE } from './colours';
import { escapeXml, truncate } from './escape';
import type { CabPacket } from './model';
import type { ImpactPicture, PictureNode } from './picture';
import { pictureTitle } from './wording';

const NODE_W = 180;
const NODE_H = 26;
const COL_STEP = 240;
const ROW_STEP = 34;
const MARGIN = 20;
const TOP = 96;
const NAME_CHARS = 26;

export interface SvgOptions {
  /** With the XML namespace, for a file of its own; inline in HTML it is not needed. */
  standalone?: boolean;
}

interface Placed {
  node: PictureNode;
  x: number;
  y: number;
}

function layout(picture: ImpactPicture): { placed: Map<string, Placed>; columns: number; rows: number } {
  const depths = [...new Set(picture.nodes.map((n) => n.depth))].sort((a, b) => a - b);
  const column = new Map(depths.map((d, i) => [d, i]));
  const filled = depths.map(() => 0);
  const placed = new Map<string, Placed>();
  for (const node of picture.nodes) {
    const c = column.get(node.depth) as number;
    placed.set(node.id, { node, x: MARGIN + c * COL_STEP, y: TOP + filled[c] * ROW_STEP });
    filled[c]++;
  }
  return { placed, columns: depths.length, rows: Math.max(0, ...filled) };
}

function legend(): string {
  const items: string[] = [];
  let x = MARGIN;
  for (const level of IMPACT_LEVELS) {
    const c = LEVEL_COLOURS[level];
    items.push(`<rect x="${x}" y="52" width="14" height="14" rx="3" fill="${c.fill}" stroke="${c.border}"/><text x="${x + 20}" y="63">${LEVEL_LABELS[level]}</text>`);
    x += 90;
  }
  items.push(`<rect x="${x}" y="52" width="14" height="14" rx="3" fill="#ffffff" stroke="${TARGET_OUTLINE}" stroke-width="3"/><text x="${x + 20}" y="63">changed CI (target)</text>`);
  x += 150;
  items.push(`<text x="${x}" y="63" font-weight="bold">Bold</text><text x="${x + 36}" y="63">service</text>`);
  x += 100;
  items.push(`<line x1="${x}" y1="59" x2="${x + 30}" y2="59" stroke="#374151" stroke-width="1.5"/><text x="${x + 36}" y="63">hard</text>`);
  x += 80;
  items.push(`<line x1="${x}" y1="59" x2="${x + 30}" y2="59" stroke="#374151" stroke-width="1.5" stroke-dasharray="5 3"/><text x="${x + 36}" y="63">soft</text>`);
  return `<g class="legend" font-size="12" fill="#111827">${items.join('')}</g>`;
}

function nodeSvg({ node, x, y }: Placed): string {
  const c = LEVEL_COLOURS[node.level];
  const stroke = node.target ? `stroke="${TARGET_OUTLINE}" stroke-width="3"` : `stroke="${c.border}" stroke-width="1"`;
  const weight = node.service ? ' font-weight="bold"' : '';
  const label = node.target ? `${node.name} (${node.level})` : node.name;
  return (
    `<g><title>${escapeXml(`${label} — ${LEVEL_LABELS[node.level]}`)}</title>` +
    `<rect x="${x}" y="${y}" width="${NODE_W}" height="${NODE_H}" rx="5" fill="${c.fill}" ${stroke}/>` +
    `<text x="${x + 8}" y="${y + 17}" fill="${c.text}"${weight}>${escapeXml(truncate(node.name, NAME_CHARS))}</text></g>`
  );
}

/** The picture as SVG markup, with `title` above the legend. */
/** The CAB packet's picture on its own (a standalone .svg file, and the change detail's picture). */
export function packetPictureSvg(packet: CabPacket): string {
  return impactPictureSvg(packet.picture, pictureTitle(packet));
}

export function impactPictureSvg(picture: ImpactPicture, title: string, options: SvgOptions = {}): string {
  const { placed, columns, rows } = layout(picture);
  const width = Math.max(760, MARGIN * 2 + Math.max(1, columns) * COL_STEP - (COL_STEP - NODE_W));
  const footer = picture.moreCis > 0 || picture.nodes.length === 0 ? 30 : 0;
  const height = TOP + rows * ROW_STEP + footer + MARGIN;
  const edges = picture.edges
    .map((e) => {
      const a = placed.get(e.from) as Placed;
      const b = placed.get(e.to) as Placed;
      const x1 = a.x + NODE_W;
      const y1 = a.y + NODE_H / 2;
      const x2 = b.x;
      const y2 = b.y + NODE_H / 2;
      const bend = Math.max(30, (x2 - x1) / 2);
      const colour = LEVEL_COLOURS[b.node.level].edge;
      const dash = e.soft ? ' stroke-dasharray="5 3"' : '';
      return `<path d="M${x1} ${y1} C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}" fill="none" stroke="${colour}" stroke-width="1.5"${dash} marker-end="url(#fl-arrow)"/>`;
    })
    .join('');
  const nodes = [...placed.values()].map(nodeSvg).join('');
  const note =
    picture.nodes.length === 0
      ? `<text x="${MARGIN}" y="${TOP + 18}" font-size="13" fill="#374151">Nothing impacted.</text>`
      : picture.moreCis > 0
        ? `<text x="${MARGIN}" y="${TOP + rows * ROW_STEP + 18}" font-size="13" fill="#374151">+${picture.moreCis} more CIs not drawn</text>`
        : '';
  const ns = options.standalone === false ? '' : ' xmlns="http://www.w3.org/2000/svg"';
  return (
    `<svg${ns} width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12" role="img" aria-label="${escapeXml(title)}">` +
    `<title>${escapeXml(title)}</title>` +
    `<defs><marker id="fl-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="#374151"/></marker></defs>` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>` +
    `<text x="${MARGIN}" y="30" font-size="16" font-weight="bold" fill="#111827">${escapeXml(title)}</text>` +
    legend() +
    edges +
    nodes +
    note +
    `</svg>`
  );
}
