// GraphML (yEd), GEXF (Gephi) and DOT (Graphviz): well-formed, every node and edge present,
// labels and every field carried, awkward text escaped.
import { describe, expect, it } from 'vitest';
import {
  dotQuote,
  stripInvalidXmlChars,
  writeDot,
  writeGexf,
  writeGraphml,
  writeTextExport,
} from '../../../../../src/core/formats/export';
import type { Ci } from '../../../../../src/shared/model';
import { FIXTURE_CIS, FIXTURE_RELATIONSHIPS, fixtureScope, protoKeyCi, sortedById } from './fixture';
import { findAll, parseXml, textOf, type XmlElement } from './xml-check';

const ciIds = sortedById(FIXTURE_CIS).map((c) => c.id);
const relIds = sortedById(FIXTURE_RELATIONSHIPS).map((r) => r.id);
const ciById = new Map(FIXTURE_CIS.map((c) => [c.id, c]));
const relById = new Map(FIXTURE_RELATIONSHIPS.map((r) => [r.id, r]));

function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

describe('writeGraphml', () => {
  const text = writeGraphml(fixtureScope());
  const root = parseXml(text);

  it('is well-formed GraphML with the yFiles namespace and graphics keys yEd needs', () => {
    expect(root.name).toBe('graphml');
    expect(root.attributes.xmlns).toBe('http://graphml.graphdrawing.org/xmlns');
    expect(root.attributes['xmlns:y']).toBe('http://www.yworks.com/xml/graphml');
    const keys = findAll(root, 'key');
    expect(keys.find((k) => k.attributes['yfiles.type'] === 'nodegraphics')?.attributes).toMatchObject({ id: 'd6', for: 'node' });
    expect(keys.find((k) => k.attributes['yfiles.type'] === 'edgegraphics')?.attributes).toMatchObject({ id: 'd10', for: 'edge' });
    expect(findAll(root, 'graph')[0].attributes.edgedefault).toBe('directed');
  });

  it('has every CI as a node with a y:ShapeNode label showing its name', () => {
    const nodes = findAll(root, 'node');
    expect(nodes.map((n) => n.attributes.id)).toEqual(ciIds);
    for (const node of nodes) {
      const ci = ciById.get(node.attributes.id)!;
      const graphics = node.children.find((c): c is XmlElement => typeof c !== 'string' && c.attributes.key === 'd6')!;
      const shape = child(graphics, 'y:ShapeNode')!;
      expect(textOf(child(shape, 'y:NodeLabel')!)).toBe(stripInvalidXmlChars(ci.name));
      expect(child(shape, 'y:Shape')?.attributes.type).toMatch(/^[a-z0-9]+$/);
      expect(child(shape, 'y:Geometry')?.attributes.width).toMatch(/^\d+$/);
    }
  });

  it('carries every field as a typed data key, leaving absent ones out', () => {
    const keyName = new Map(findAll(root, 'key').map((k) => [k.attributes.id, k.attributes['attr.name']]));
    const keyType = new Map(findAll(root, 'key').map((k) => [k.attributes['attr.name'] + '/' + k.attributes.for, k.attributes['attr.type']]));
    expect(keyType.get('criticality/node')).toBe('int');
    expect(keyType.get('inferred/edge')).toBe('boolean');
    for (const node of findAll(root, 'node')) {
      const ci = ciById.get(node.attributes.id)!;
      const data = new Map(
        findAll(node, 'data')
          .filter((d) => keyName.get(d.attributes.key) !== undefined)
          .map((d) => [keyName.get(d.attributes.key)!, textOf(d)]),
      );
      const expected = new Map<string, string>([
        ['name', ci.name],
        ['class', ci.class],
        ['environment', ci.environment],
        ['criticality', String(ci.criticality)],
        ['owner', ci.owner],
        ['status', ci.status],
        ['tags', ci.tags.join(';')],
        ['createdAt', ci.createdAt],
        ['updatedAt', ci.updatedAt],
        ...Object.entries(ci.attributes).map(([k, v]): [string, string] => [`attr.${k}`, v]),
        ...Object.entries(ci.externalIds).map(([k, v]): [string, string] => [`ext.${k}`, v]),
      ]);
      if (ci.redundancy) expected.set('redundancy_min_healthy', String(ci.redundancy.minHealthy));
      expect(data).toEqual(new Map([...expected].map(([k, v]) => [k, stripInvalidXmlChars(v)])));
    }
  });

  it('has every relationship as an edge with its type as label, soft ones dashed', () => {
    const edges = findAll(root, 'edge');
    expect(edges.map((e) => e.attributes.id)).toEqual(relIds);
    for (const edge of edges) {
      const rel = relById.get(edge.attributes.id)!;
      expect(edge.attributes.source).toBe(rel.source);
      expect(edge.attributes.target).toBe(rel.target);
      expect(textOf(findAll(edge, 'y:EdgeLabel')[0])).toBe(rel.type);
      expect(findAll(edge, 'y:LineStyle')[0].attributes.type).toBe(rel.strength === 'soft' ? 'dashed' : 'line');
      expect(findAll(edge, 'y:Arrows')[0].attributes.target).toBe('standard');
    }
  });

  it('escapes XML specials and drops forbidden characters', () => {
    expect(text).toContain('Payments, &quot;EU&quot; &lt;prod&gt; &amp; co');
    expect(text).toContain('Line one&#10;Line two&#13;&#10;Line three');
    expect(text).not.toMatch(/[\u0000\u0007\u001b]/);
    expect(text).not.toContain('\ud800');
  });
});

describe('writeGexf', () => {
  const text = writeGexf(fixtureScope());
  const root = parseXml(text);

  it('is well-formed GEXF 1.3, directed', () => {
    expect(root.name).toBe('gexf');
    expect(root.attributes).toMatchObject({ xmlns: 'http://gexf.net/1.3', version: '1.3', 'xmlns:viz': 'http://gexf.net/1.3/viz' });
    expect(findAll(root, 'graph')[0].attributes.defaultedgetype).toBe('directed');
    expect(findAll(root, 'meta')[0].attributes).not.toHaveProperty('lastmodifieddate');
    expect(parseXml(writeGexf(fixtureScope(), { lastModified: '2026-03-04' })).children.length).toBeGreaterThan(0);
    expect(writeGexf(fixtureScope(), { lastModified: '2026-03-04' })).toContain('<meta lastmodifieddate="2026-03-04">');
  });

  it('has every CI as a node with its name as label and every field as an attvalue', () => {
    const [nodeAttrs, edgeAttrs] = findAll(root, 'attributes');
    expect(nodeAttrs.attributes.class).toBe('node');
    expect(edgeAttrs.attributes.class).toBe('edge');
    const title = new Map(findAll(nodeAttrs, 'attribute').map((a) => [a.attributes.id, a.attributes.title]));
    expect(findAll(nodeAttrs, 'attribute').find((a) => a.attributes.title === 'criticality')?.attributes.type).toBe('integer');
    const nodes = findAll(root, 'node');
    expect(nodes.map((n) => n.attributes.id)).toEqual(ciIds);
    for (const node of nodes) {
      const ci = ciById.get(node.attributes.id)!;
      expect(node.attributes.label).toBe(stripInvalidXmlChars(ci.name));
      const values = new Map(findAll(node, 'attvalue').map((v) => [title.get(v.attributes.for)!, v.attributes.value]));
      expect(values.get('class')).toBe(ci.class);
      expect(values.get('owner')).toBe(stripInvalidXmlChars(ci.owner));
      expect(values.get('criticality')).toBe(String(ci.criticality));
      expect(values.get('redundancy_min_healthy')).toBe(ci.redundancy ? String(ci.redundancy.minHealthy) : undefined);
      for (const [k, v] of Object.entries(ci.attributes)) expect(values.get(`attr.${k}`)).toBe(stripInvalidXmlChars(v));
      for (const [k, v] of Object.entries(ci.externalIds)) expect(values.get(`ext.${k}`)).toBe(v);
      expect(findAll(node, 'viz:color')).toHaveLength(1);
    }
  });

  it('has every relationship as an edge with label and kind, soft ones dashed', () => {
    const edges = findAll(root, 'edge');
    expect(edges.map((e) => e.attributes.id)).toEqual(relIds);
    for (const edge of edges) {
      const rel = relById.get(edge.attributes.id)!;
      expect(edge.attributes).toMatchObject({ source: rel.source, target: rel.target, label: rel.type, kind: rel.type });
      expect(findAll(edge, 'viz:shape').map((s) => s.attributes.value)).toEqual(rel.strength === 'soft' ? ['dashed'] : []);
      const inferred = findAll(edge, 'attvalue').find((v) => v.attributes.for === 'inferred');
      expect(inferred?.attributes.value).toBe(rel.inferred === undefined ? undefined : String(rel.inferred));
    }
  });
});

/** A small DOT tokenizer: quoted strings (with escapes), bare ids, punctuation, `->`. */
function dotTokens(text: string): string[] {
  const tokens: string[] = [];
  const re = /\s+|"((?:[^"\\]|\\.)*)"|->|[{}[\];,=]|[A-Za-z0-9_.#]+/gsy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(text)) !== null) {
    last = re.lastIndex;
    if (/^\s+$/.test(m[0])) continue;
    tokens.push(m[0]);
  }
  expect(last).toBe(text.length);
  return tokens;
}

function unquote(token: string): string {
  expect(token.startsWith('"') && token.endsWith('"')).toBe(true);
  // Graphviz decodes entities in strings; the export writes `&` as `&amp;` and no other.
  return token.slice(1, -1).replace(/\\(.)/gs, (_, ch: string) => (ch === 'n' ? '\n' : ch)).replace(/&amp;/g, '&');
}

interface DotStatement {
  ids: string[];
  attrs: Record<string, string>;
}

/** The statements inside `digraph "…" { … }` (skipping graph/node/edge defaults). */
function dotStatements(text: string): DotStatement[] {
  const tokens = dotTokens(text);
  expect(tokens.slice(0, 3)).toEqual(['digraph', '"Faultline"', '{']);
  expect(tokens.at(-1)).toBe('}');
  const body = tokens.slice(3, -1);
  const statements: DotStatement[] = [];
  let i = 0;
  while (i < body.length) {
    const ids: string[] = [body[i++]];
    while (body[i] === '->') {
      ids.push(body[i + 1]);
      i += 2;
    }
    const attrs: Record<string, string> = {};
    expect(body[i++]).toBe('[');
    while (body[i] !== ']') {
      const name = body[i];
      expect(body[i + 1]).toBe('=');
      attrs[name] = body[i + 2].startsWith('"') ? unquote(body[i + 2]) : body[i + 2];
      i += 3;
      if (body[i] === ',') i++;
    }
    expect(body[i + 1]).toBe(';');
    i += 2;
    if (!['graph', 'node', 'edge'].includes(ids[0])) statements.push({ ids: ids.map(unquote), attrs });
  }
  return statements;
}

describe('writeDot', () => {
  const text = writeDot(fixtureScope());
  const statements = dotStatements(text);

  it('has every CI as a quoted node with its name, shape and colour', () => {
    const nodes = statements.filter((s) => s.ids.length === 1);
    expect(nodes.map((n) => n.ids[0])).toEqual(ciIds);
    for (const node of nodes) {
      const ci = ciById.get(node.ids[0])!;
      const expectedLabel = ci.name.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
      expect(node.attrs.label).toBe(expectedLabel);
      expect(node.attrs.shape).toMatch(/^[a-z0-9]+$/);
      expect(node.attrs.fillcolor).toMatch(/^#[0-9A-F]{6}$/);
    }
  });

  it('has every relationship as an edge with its type, soft ones dashed', () => {
    const edges = statements.filter((s) => s.ids.length === 2);
    expect(edges.map((e) => e.attrs.id)).toEqual(relIds);
    for (const edge of edges) {
      const rel = relById.get(edge.attrs.id)!;
      expect(edge.ids).toEqual([rel.source, rel.target]);
      expect(edge.attrs.label).toBe(rel.type);
      expect(edge.attrs.style).toBe(rel.strength === 'soft' ? 'dashed' : undefined);
    }
  });

  it('keeps quotes, backslashes and DOT syntax inside the string', () => {
    expect(dotQuote('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
    expect(dotQuote('x\\')).toBe('"x\\\\"');
    const ctrl = statements.find((s) => s.ids[0] === 'ci_ctrl')!;
    expect(ctrl.attrs.label).toBe('bell nul esc back\\slash "x" ] ; -> "y"');
  });
});

describe('writeTextExport', () => {
  it('names the files of each format', () => {
    const scope = fixtureScope();
    expect(writeTextExport('csv', scope).map((f) => f.name)).toEqual(['cis.csv', 'relationships.csv']);
    expect(writeTextExport('json', scope, { baseName: 'cmdb' }).map((f) => f.name)).toEqual(['cmdb.json']);
    expect(writeTextExport('graphml', scope)[0]).toMatchObject({ name: 'faultline.graphml', content: writeGraphml(scope) });
    expect(writeTextExport('gexf', scope)[0].content).toBe(writeGexf(scope));
    expect(writeTextExport('dot', scope)[0].content).toBe(writeDot(scope));
  });

  it('writes an empty scope and a __proto__ key as well-formed documents', () => {
    const proto: Ci = protoKeyCi();
    for (const scope of [{ cis: [], relationships: [] }, { cis: [proto], relationships: [] }]) {
      parseXml(writeGraphml(scope));
      parseXml(writeGexf(scope));
      dotStatements(writeDot(scope));
    }
    expect(writeGraphml({ cis: [proto], relationships: [] })).toContain('attr.name="attr.__proto__"');
  });
});
