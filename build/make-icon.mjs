// Draws build/icon.png (1024×1024 RGBA), the app icon electron-builder converts for every
// platform: a small CI graph crossed by a fault line, the CIs past the fault marked impacted.
// Plain Node (zlib for the PNG stream), no downloads: `node build/make-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const SAMPLES = 3; // supersampling per axis, for anti-aliased edges

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const BG_TOP = hex('#1f3b63');
const BG_BOTTOM = hex('#0d1a2e');
const EDGE = hex('#9fb4cf');
const NODE_OK = hex('#7dd3fc');
const NODE_HIT = hex('#fb7185');
const RING = hex('#0d1a2e');
const FAULT = hex('#f59e0b');

const nodes = [
  { x: 292, y: 300, hit: false },
  { x: 720, y: 268, hit: false },
  { x: 506, y: 470, hit: false },
  { x: 300, y: 790, hit: true },
  { x: 730, y: 772, hit: true },
];
const edges = [
  [0, 2],
  [1, 2],
  [2, 3],
  [2, 4],
  [0, 1],
  [3, 4],
];
const fault = [
  [150, 650],
  [330, 606],
  [420, 676],
  [560, 614],
  [660, 672],
  [876, 596],
];

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function insideRoundedSquare(x, y, margin, radius) {
  const lo = margin + radius;
  const hi = SIZE - margin - radius;
  const cx = Math.min(Math.max(x, lo), hi);
  const cy = Math.min(Math.max(y, lo), hi);
  return Math.hypot(x - cx, y - cy) <= radius;
}

function sample(x, y) {
  if (!insideRoundedSquare(x, y, 56, 190)) return null;
  const t = y / SIZE;
  let color = BG_TOP.map((c, i) => c + (BG_BOTTOM[i] - c) * t);
  for (const [a, b] of edges) {
    if (segmentDistance(x, y, nodes[a].x, nodes[a].y, nodes[b].x, nodes[b].y) <= 13) color = EDGE;
  }
  for (let i = 0; i + 1 < fault.length; i++) {
    const [ax, ay] = fault[i];
    const [bx, by] = fault[i + 1];
    if (segmentDistance(x, y, ax, ay, bx, by) <= 22) color = FAULT;
  }
  for (const node of nodes) {
    const d = Math.hypot(x - node.x, y - node.y);
    if (d <= 84) color = d <= 66 ? (node.hit ? NODE_HIT : NODE_OK) : RING;
  }
  return color;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  raw[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    let r = 0;
    let g = 0;
    let b = 0;
    let covered = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const c = sample(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
        if (!c) continue;
        r += c[0];
        g += c[1];
        b += c[2];
        covered++;
      }
    }
    const o = row + 1 + x * 4;
    if (covered > 0) {
      raw[o] = Math.round(r / covered);
      raw[o + 1] = Math.round(g / covered);
      raw[o + 2] = Math.round(b / covered);
    }
    raw[o + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // colour type RGBA
header[10] = 0;
header[11] = 0;
header[12] = 0;

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const target = new URL('./icon.png', import.meta.url);
writeFileSync(target, png);
console.log(`wrote ${target.pathname} (${png.length} bytes)`);
