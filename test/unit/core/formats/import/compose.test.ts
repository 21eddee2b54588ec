// docker-compose files.
import { describe, expect, it } from 'vitest';
import { parseCompose } from '../../../../../src/core/formats/import';
import { edges, fixture, importError } from './fixtures';

describe('parseCompose', () => {
  it('reads the fixture: 7 services, depends_on (list and map, required:false soft) and links; the unknown target rejected', () => {
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
    ]);
    expect(batch.rejected).toEqual([
      { file: 'docker-compose.yml', line: 39, entity: 'relationship', field: 'services.broken.depends_on[0]', reason: '"nowhere" is not a service in this file' },
    ]);
    expect(batch.relationships.map((r) => r.sourceRef.line)).toEqual([11, 18, 20, 23, 28, 29]);
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
