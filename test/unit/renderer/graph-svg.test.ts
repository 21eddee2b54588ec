// The SVG export of the graph view and the diff's CSV/JSON/marks: pure functions of the renderer.
import { describe, expect, it } from 'vitest';
import { buildGraphSvg, escapeXml, type SvgGraph, type SvgNode } from '../../../src/renderer/data/graph-svg';
import { csvCell, diffMarks, diffToCsv, neutralizeCell } from '../../../src/renderer/data/diff-export';
import type { CmdbDiff } from '../../../src/shared/data-types';
import type { Relationship } from '../../../src/shared/model';
import { ci, FIXED_TIME } from '../../support/ci-fixture';

function node(id: string, x: number, y: number, overrides: Partial<SvgNode> = {}): SvgNode {
  return { id, label: id, x, y, width: 40, height: 40, fill: '#2563eb', stroke: '#111', strokeWidth: 2, shape: 'ellipse', opacity: 1, dashed: false, ...overrides };
}

function graph(nodes: SvgNode[], edges: SvgGraph['edges'] = []): SvgGraph {
  return { nodes, edges, background: '#ffffff', textColour: '#000000', fontFamily: 'sans-serif' };
}

describe('buildGraphSvg', () => {
  it('draws each node with its label and each edge between the node borders', () => {
    const svg = buildGraphSvg(
      graph([node('a', 0, 0, { label: 'Web' }), node('b', 200, 0, { label: 'DB', shape: 'round-rectangle' })], [
        { id: 'e1', source: 'a', target: 'b', colour: '#ff0000', width: 2, dashed: true, opacity: 1 },
      ]),
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<ellipse');
    expect(svg).toContain('<rect x=');
    expect(svg).toMatch(/>Web<\/text>/);
    expect(svg).toMatch(/>DB<\/text>/);
    const line = /<line data-id="e1" x1="([\d.-]+)" y1="[\d.-]+" x2="([\d.-]+)"/.exec(svg);
    expect(line).not.toBeNull();
    // From a's right border (x = 20) to b's left border (x = 180), shifted by the same offset.
    expect(Number(line![2]) - Number(line![1])).toBeCloseTo(160, 5);
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toContain('marker-end="url(#arrow0)"');
  });

  it('escapes labels and ids, and skips edges whose ends are missing', () => {
    const svg = buildGraphSvg(
      graph([node('x"1', 0, 0, { label: '<script>&"\'' })], [{ id: 'dangling', source: 'x"1', target: 'gone', colour: '#000', width: 1, dashed: false, opacity: 1 }]),
    );
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;&amp;&quot;&apos;');
    expect(svg).toContain('data-id="x&quot;1"');
    expect(svg).not.toContain('dangling');
    expect(escapeXml('a<b')).toBe('a&lt;b');
  });

  it('gives a small blank picture for an empty graph', () => {
    const svg = buildGraphSvg(graph([]));
    expect(svg).toContain('width="180" height="180"');
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });
});

const T = FIXED_TIME;
function rel(id: string, source: string, target: string): Relationship {
  return { id, source, target, type: 'depends_on', strength: 'hard', createdAt: T, updatedAt: T } as Relationship;
}

const counts = { added: 0, removed: 0, changed: 0, unchanged: 0 };
const diff: CmdbDiff = {
  cis: {
    added: [ci('ci_new', 'New app')],
    removed: [ci('ci_old', '=cmd|calc')],
    changed: [{ id: 'ci_web', before: ci('ci_web', 'Web'), after: ci('ci_web', 'Web', { owner: 'ops' }), changes: [{ field: 'owner', before: '', after: 'ops, "team"' }] }],
  },
  relationships: { added: [rel('rel_1', 'ci_new', 'ci_web')], removed: [], changed: [] },
  records: {},
  counts: { cis: counts, relationships: counts, records: {} },
};

describe('diff export', () => {
  it('writes one CSV row per added/removed item and per changed field, with names for relationship ends', () => {
    const csv = diffToCsv({ diff, nodes: [] });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Entity,Change,Id,Label,Field,Before,After');
    expect(lines).toContain('ci,added,ci_new,New app,,,');
    expect(lines).toContain("ci,removed,ci_old,'=cmd|calc,,,");
    expect(lines).toContain('ci,changed,ci_web,Web,owner,,"ops, ""team"""');
    expect(lines).toContain('relationship,added,rel_1,New app → depends_on → Web,,,');
    expect(lines).toHaveLength(5);
  });

  it('neutralises formula-looking cells and quotes per RFC 4180', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutralizeCell(`${start}1`)).toBe(`'${start}1`);
    expect(neutralizeCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });

  it('marks every added, removed and changed CI and relationship', () => {
    const marks = diffMarks(diff);
    expect(Object.fromEntries(marks)).toEqual({ ci_new: 'added', ci_old: 'removed', ci_web: 'changed', rel_1: 'added' });
  });
});
