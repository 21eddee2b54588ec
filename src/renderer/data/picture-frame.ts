// What an exported picture of the graph says about itself (pure): a title naming the scope
// ("Blast radius of orders-db primary, down"), a line with the CMDB, the date and the counts, and
// the legend of what is drawn; plus PNG tEXt chunks so the file carries its title too.

export interface LegendEntry {
  colour: string;
  label: string;
}

export interface PictureFrame {
  title: string;
  subtitle: string;
  legend: LegendEntry[];
}

export interface FrameScope {
  document: string;
  date: Date;
  nodes: number;
  edges: number;
  /** What the canvas shows, as the modes name it. */
  mode:
    | { kind: 'explore'; neighbourhoodOf: string | null }
    | { kind: 'blast-radius'; targets: { name: string; mode: 'down' | 'degraded' }[] }
    | { kind: 'dependencies'; of: string }
    | { kind: 'spof'; of: string }
    | { kind: 'as-of'; time: string }
    | { kind: 'diff'; from: string; to: string };
}

export function frameTitle(mode: FrameScope['mode']): string {
  switch (mode.kind) {
    case 'explore':
      return mode.neighbourhoodOf ? `Neighbourhood of ${mode.neighbourhoodOf}` : 'CMDB graph';
    case 'blast-radius':
      return `Blast radius of ${mode.targets.map((t) => `${t.name}, ${t.mode}`).join('; ')}`;
    case 'dependencies':
      return `What ${mode.of} stands on`;
    case 'spof':
      return `Single points of failure of ${mode.of}`;
    case 'as-of':
      return `CMDB as of ${mode.time}`;
    case 'diff':
      return `Changes from ${mode.from} to ${mode.to}`;
  }
}

export function pictureFrame(scope: FrameScope, legend: LegendEntry[]): PictureFrame {
  const date = scope.date.toISOString().slice(0, 16).replace('T', ' ');
  return {
    title: frameTitle(scope.mode),
    subtitle: `${scope.document} · ${date} UTC · ${scope.nodes.toLocaleString('en')} CIs, ${scope.edges.toLocaleString('en')} relationships shown`,
    legend,
  };
}

/** Scale that brings a picture of w × h within `maxSide` pixels on its longer side (never up). */
export function fitScale(w: number, h: number, maxSide: number): number {
  return Math.min(1, maxSide / Math.max(1, w, h));
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Latin-1 only (tEXt's charset): anything else becomes '?'. */
function latin1(text: string): number[] {
  return [...text].map((ch) => (ch.charCodeAt(0) <= 0xff ? ch.charCodeAt(0) : 0x3f));
}

/** The PNG with tEXt chunks (keyword → text) inserted after its IHDR chunk. */
export function withPngText(png: Uint8Array, texts: Record<string, string>): Uint8Array<ArrayBuffer> {
  const IHDR_END = 8 + 4 + 4 + 13 + 4;
  const chunks: number[] = [];
  for (const [keyword, text] of Object.entries(texts)) {
    const data = [...latin1(keyword), 0, ...latin1(text)];
    const typeAndData = new Uint8Array([0x74, 0x45, 0x58, 0x74, ...data]);
    const length = data.length;
    const crc = crc32(typeAndData);
    chunks.push(length >>> 24, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff, ...typeAndData, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff);
  }
  const out = new Uint8Array(png.length + chunks.length);
  out.set(png.subarray(0, IHDR_END), 0);
  out.set(chunks, IHDR_END);
  out.set(png.subarray(IHDR_END), IHDR_END + chunks.length);
  return out;
}

/** The tEXt chunks of a PNG (for tests and for reading an export back). */
export function pngTexts(png: Uint8Array): Record<string, string> {
  const texts: Record<string, string> = {};
  let at = 8;
  while (at + 8 <= png.length) {
    const length = ((png[at] << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3]) >>> 0;
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === 'tEXt') {
      const data = png.subarray(at + 8, at + 8 + length);
      const zero = data.indexOf(0);
      texts[String.fromCharCode(...data.subarray(0, zero))] = String.fromCharCode(...data.subarray(zero + 1));
    }
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return texts;
}
