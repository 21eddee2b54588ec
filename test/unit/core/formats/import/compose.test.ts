// docker-compose files.
import { describe, expect, it } from 'vitest';
import { parseCompose } from '../../../../../src/core/formats/import';
import { edges, fixture, importError, planned } from './fixtures';

describe('parseCompose', () => {
  it('reads the fixture: 7 services, depends_on (list and map, required:false soft) and links; the unknown target dangles with its place', () => {
    const batch = parseCompose(fixture('compose/docker-compose.yml'), { fileName: 'docker-compose.yml' });
    expect(batch.cis.map((c) => [c.key, c.class, c.sourceRef.line])).toEqual([
      ['shop/proxy', 'load_balancer', 7],
      ['shop/web', 'container', 12],
      ['shop/worker', 'container', 25],
      ['shop/db', 'database', 30],
      ['shop/cache', 'cache', 33],
      ['shop/queue', 'message_queue', 35],
      ['shop/broken', 'container', 37],
    ]);
    expect(batch.cis[3]).toMatchObject({ name: 'db', externalIds: { compose: 'shop/db' }, attributes: { project: 'shop', image: 'postgres:16', container_name: 'shop-db' } });
    expect(batch.cis[1].attributes).toEqual({ project: 'shop', build: './web' });
    expect(edges(batch)).toEqual([
      'shop/proxy -depends_on-> shop/web',
      'shop/web -depends_on-> shop/db',
      'shop/web -depends_on(soft)-> shop/cache',
      'shop/web -depends_on-> shop/worker',
      'shop/worker -depends_on-> shop/queue',
      'shop/worker -depends_on-> shop/db',
      'shop/broken -depends_on-> shop/nowhere',
    ]);
    expect(batch.rejected).toEqual([]);
    expect(batch.relationships.map((r) => r.sourceRef.line)).toEqual([11, 18, 20, 23, 28, 29, 39]);
    // Not in this file: the plan looks for it in the CMDB, and warns with its place when it is not there either.
    const plan = planned(batch);
    expect(plan.relationships.rejected).toEqual([]);
    expect(plan.warnings).toContain(
      'docker-compose.yml:39 (services.broken.depends_on[0]): the target "shop/nowhere" is neither in this file nor in the CMDB; the relationship was not imported',
    );
    expect(plan.leftOut.danglingReferences).toBe(1);
    expect(JSON.stringify(batch)).not.toContain('hunter2');
  });

  it('names the project from options when the file has no name, and merges a link and a depends_on into one edge', () => {
    const text = 'services:\n  a:\n    image: x\n    depends_on: [b]\n    links: ["b:alias"]\n  b:\n    image: y\n';
    const batch = parseCompose(text, { fileName: 'c.yml', project: 'demo' });
    expect(batch.cis.map((c) => c.key)).toEqual(['demo/a', 'demo/b']);
    expect(edges(batch)).toEqual(['demo/a -depends_on-> demo/b']);
  });

  it('refuses files without services, with several documents, or with a YAML error (naming its line)', () => {
    expect(importError(() => parseCompose('version: "3"\n', { fileName: 'c.yml' })).reason).toMatch(/no services/);
    expect(importError(() => parseCompose('services: {}\n---\nservices: {}\n', { fileName: 'c.yml' })).code).toBe('format');
    const e = importError(() => parseCompose('services:\n  a:\n    image: x\n  a:\n    image: y\n', { fileName: 'c.yml' }));
    expect([e.code, e.line]).toEqual(['syntax', 4]);
  });
});
