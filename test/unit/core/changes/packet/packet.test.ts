// The CAB packet on the bundled sample CMDB: its model (CMDB state, services with paths, capped
// lists), the HTML page (self-contained, with the services, risk factors, conflicts and the
// picture), the Markdown and the SVG; and every name escaped.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assessChanges, changeImpactCache, changePacket, cmdbHash, impactPictureSvg, packetHtml, packetMarkdown, type CabPacket } from '../../../../../src/core/changes';
import { cabPacket, escapeMarkdown, impactPicture } from '../../../../../src/core/changes/packet';
import { Cmdb, cmdbFromDocument, CmdbGraph } from '../../../../../src/core/graph';
import { blastRadius } from '../../../../../src/core/impact';
import type { Change } from '../../../../../src/shared/changes';
import { CmdbDocumentSchema } from '../../../../../src/shared/model';
import { SAMPLE_PATH } from '../../../../../resources/sample/build-sample';
import { SAMPLE_CHANGES } from '../../../../../resources/sample/sample-changes';
import { testEnv } from '../../graph/test-env';

const NOW = Date.parse('2026-12-03T08:00:00.000Z');

function sampleCmdb(): Cmdb {
  return cmdbFromDocument(CmdbDocumentSchema.parse(JSON.parse(readFileSync(SAMPLE_PATH, 'utf8'))), [], testEnv());
}

function packetOf(cmdb: Cmdb, id: string): CabPacket {
  const change = cmdb.records.get('change', id) as Change;
  const assessment = assessChanges(cmdb, changeImpactCache()(cmdb), NOW, [change]).get(id);
  if (!assessment) throw new Error(`no assessment of ${id}`);
  return changePacket(cmdb, { change, ...assessment }, '2026-12-03T08:00:00.000Z');
}

const EXTERNAL = /https?:\/\/|\bsrc\s*=|\bhref\s*=|url\((?!#)|@import/i;

describe('the CAB packet of the sample’s CHG0004 (in CAB review, snapshot frozen)', () => {
  const cmdb = sampleCmdb();
  const packet = packetOf(cmdb, SAMPLE_CHANGES.ordersUpgrade.id);
  const html = packetHtml(packet);
  const markdown = packetMarkdown(packet);

  it('names the CMDB state of its snapshot, and says whether the CMDB is still that state', () => {
    const change = cmdb.records.get('change', SAMPLE_CHANGES.ordersUpgrade.id) as Change;
    expect(packet.cmdbState.source).toBe('snapshot');
    expect(packet.cmdbState.hash).toBe(change.impactSnapshot?.cmdbHash);
    expect(packet.cmdbState.currentHash).toBe(cmdbHash(cmdb.graph));
    expect(packet.cmdbState.moved).toBe(packet.cmdbState.hash !== packet.cmdbState.currentHash);
    expect(html).toContain(packet.cmdbState.hash);
  });

  it('lists the snapshot’s services, each with a path from a target by CI names', () => {
    const change = cmdb.records.get('change', SAMPLE_CHANGES.ordersUpgrade.id) as Change;
    const services = change.impactSnapshot?.services ?? [];
    expect(services.length).toBeGreaterThan(0);
    expect(packet.services.items.map((s) => s.name)).toEqual(services.slice(0, 25).map((s) => s.name));
    const targetNames = packet.change.targets.map((t) => t.name);
    for (const s of packet.services.items) {
      expect(s.path, s.name).not.toBeNull();
      expect(targetNames).toContain(s.path?.[0]);
      expect(s.path?.at(-1)).toBe(s.name);
    }
  });

  it('is one HTML page holding the change, the services and their paths, the risk factors, the conflicts and the picture', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(packet.change.number);
    expect(html).toContain('PostgreSQL 16.4 minor upgrade');
    for (const s of packet.services.items) expect(html).toContain(s.name.replace(/&/g, '&amp;'));
    expect(html).toContain(packet.services.items[0].path?.join(' → '));
    for (const f of packet.risk.factors) expect(html).toContain(f.label);
    expect(packet.conflicts.length).toBeGreaterThan(0);
    for (const c of packet.conflicts) expect(html).toContain(c.reason.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;'));
    expect(html).toMatch(/<svg[^>]*>[\s\S]*<\/svg>/);
    expect(html).toContain('Impact of CHG0004');
  });

  it('refers to nothing outside itself: no URL, no src or href, no script', () => {
    expect(html).not.toMatch(EXTERNAL);
    expect(html).not.toMatch(/<script/i);
  });

  it('has Markdown with a table of the services and the risk factors', () => {
    expect(markdown).toContain('| Service | Level | Criticality | Path |');
    for (const s of packet.services.items) expect(markdown).toMatch(new RegExp(`^\\| ${escapeMarkdown(s.name).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')} \\| `, 'm'));
    for (const f of packet.risk.factors) expect(markdown).toContain(escapeMarkdown(f.label));
    expect(markdown).not.toMatch(/<svg/);
  });
});

describe('the CAB packet of a draft (no snapshot)', () => {
  it('says the impact is computed on the current CMDB state, named by its hash', () => {
    const cmdb = sampleCmdb();
    const packet = packetOf(cmdb, SAMPLE_CHANGES.searchUpgrade.id);
    expect(packet.cmdbState.source).toBe('now');
    expect(packet.cmdbState.hash).toBe(cmdbHash(cmdb.graph));
    expect(packet.cmdbState.note).toMatch(/No impact snapshot yet/);
    expect(packetHtml(packet)).toContain('No impact snapshot yet');
  });
});

describe('the impact picture', () => {
  // root → a1 … a80 (each depends on root), svc part of a1.
  function fan(count: number): CmdbGraph {
    const cmdb = new Cmdb(new CmdbGraph(), testEnv());
    cmdb.createCi({ id: 'root', name: 'root-db', class: 'database' });
    cmdb.createCi({ id: 'svc', name: 'Shop', class: 'business_service' });
    for (let i = 1; i <= count; i++) {
      cmdb.createCi({ id: `a${i}`, name: `app-${i}`, class: 'application' });
      cmdb.createRelationship({ source: `a${i}`, target: 'root', type: 'depends_on' });
    }
    cmdb.createRelationship({ source: `a${count}`, target: 'svc', type: 'part_of' });
    return cmdb.graph;
  }

  it('keeps the targets and the path to every service, at most the cap, and counts the rest', () => {
    const blast = blastRadius(fan(80), { targets: [{ ciId: 'root', mode: 'down' }] });
    const picture = impactPicture(blast, 60);
    expect(picture.nodes).toHaveLength(60);
    expect(picture.moreCis).toBe(82 - 60);
    const ids = picture.nodes.map((n) => n.id);
    expect(ids.slice(0, 3)).toEqual(['root', 'a80', 'svc']);
    expect(picture.nodes.find((n) => n.id === 'svc')).toMatchObject({ service: true, depth: 2, level: 'down' });
    expect(picture.edges).toContainEqual({ from: 'a80', to: 'svc', soft: false });
    for (const e of picture.edges) expect(ids).toContain(e.from);
    const svg = impactPictureSvg(picture, 'Impact of CHG0099');
    expect(svg).toContain('+22 more CIs not drawn');
    expect(svg).toContain('<title>Impact of CHG0099</title>');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const word of ['down', 'degraded', 'at risk', 'changed CI (target)', 'soft']) expect(svg).toContain(`>${word}</text>`);
  });

  it('lays the columns out by depth: targets left of depth 1, left of depth 2', () => {
    const blast = blastRadius(fan(3), { targets: [{ ciId: 'root', mode: 'down' }] });
    const svg = impactPictureSvg(impactPicture(blast, 60), 'Impact');
    const xOf = (name: string) => Number(new RegExp(`<rect x="(\\d+)"[^>]*/><text[^>]*>${name}<`).exec(svg)?.[1]);
    expect(xOf('root-db')).toBeLessThan(xOf('app-1'));
    expect(xOf('app-1')).toBeLessThan(xOf('Shop'));
  });
});

describe('escaping', () => {
  it('writes a CI named <script> as text in HTML, SVG and Markdown', () => {
    const cmdb = new Cmdb(new CmdbGraph(), testEnv());
    cmdb.createCi({ id: 'evil', name: '<script>alert("x")</script>', class: 'database' });
    cmdb.createCi({ id: 'svc', name: 'Shop & <b>Co</b> | x', class: 'business_service', criticality: 1 });
    cmdb.createRelationship({ source: 'svc', target: 'evil', type: 'depends_on' });
    const change = cmdb.createRecord('change', { title: 'Drop <img src=x onerror=alert(1)>', targets: [{ ciId: 'evil', mode: 'down' }] }).record as Change;
    const assessment = assessChanges(cmdb, changeImpactCache()(cmdb), NOW, [change]).get(change.id);
    if (!assessment) throw new Error('no assessment');
    const packet = changePacket(cmdb, { change, ...assessment }, '2026-12-03T08:00:00.000Z');
    const html = packetHtml(packet);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>Co');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const markdown = packetMarkdown(packet);
    expect(markdown).not.toContain('<script');
    expect(markdown).not.toContain('<img');
    expect(markdown).toContain('| Shop &amp; &lt;b&gt;Co&lt;/b&gt; \\| x | down |');
  });

  it('escapes a packet built from parts (the pure model)', () => {
    const graph = new CmdbGraph();
    const packet = cabPacket({
      change: { ...(sampleCmdb().records.get('change', SAMPLE_CHANGES.searchUpgrade.id) as Change), title: '</title><script>' },
      risk: { score: 0, band: 'low', factors: [], impactSource: 'now' },
      conflicts: [],
      blast: null,
      currentHash: cmdbHash(graph),
      nameOf: () => undefined,
      generatedAt: '2026-12-03T08:00:00.000Z',
    });
    const html = packetHtml(packet);
    expect(html).toContain('<title>CAB packet CHG0006 &lt;/title&gt;&lt;script&gt;</title>');
    expect(html).toContain('Nothing impacted.');
  });
});
