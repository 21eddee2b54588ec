// Hostile input: every limit (bytes, rows, depth, string length, YAML aliases) and
// prototype-polluting keys, across the importers. Each failure names its place.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  IMPORT_LIMITS,
  parseBackstage,
  parseCompose,
  parseCsvCis,
  parseFaultlineSnapshot,
  parseImport,
  parseKubernetes,
  parseServiceNow,
  parseTerraform,
  readCsv,
  suggestCsvMapping,
  type ImportLimits,
} from '../../../../../src/core/formats/import';
import { importError } from './fixtures';

const small = (limits: Partial<ImportLimits>) => ({ fileName: 'hostile', limits });

function snapshot(cis: unknown[]): string {
  return JSON.stringify({ schemaVersion: 1, journalSeq: 0, cis, relationships: [], settings: {} });
}

function ci(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const t = '2026-01-01T00:00:00.000Z';
  return { id: `c${i}`, name: `CI ${i}`, class: 'server', environment: 'prod', criticality: 3, owner: '', status: 'live', tags: [], attributes: {}, externalIds: {}, createdAt: t, updatedAt: t, ...extra };
}

describe('limits', () => {
  it('exports defaults and lets options override them', () => {
    expect(IMPORT_LIMITS).toEqual({ maxBytes: 200 * 1024 * 1024, maxRows: 1_000_000, maxDepth: 64, maxStringLength: 65536, maxAliasCount: 100 });
    expect(Object.isFrozen(IMPORT_LIMITS)).toBe(true);
  });

  describe('bytes', () => {
    it('refuses a file over maxBytes in every format, counting UTF-8 bytes rather than characters', () => {
      const texts: [string, string][] = [
        ['a.csv', 'name,class\n' + 'x,server\n'.repeat(20)],
        ['a.json', snapshot([ci(1), ci(2)])],
        ['catalog-info.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ' + 'x'.repeat(200)],
        ['terraform.tfstate', JSON.stringify({ version: 4, resources: [], padding: 'x'.repeat(200) })],
        ['docker-compose.yml', 'services:\n' + '  a:\n    image: x\n'.repeat(20)],
      ];
      for (const [fileName, text] of texts) {
        const e = importError(() => parseImport(text, { fileName, limits: { maxBytes: 100 } }));
        expect([fileName, e.code, e.reason]).toEqual([fileName, 'limit', 'the file is larger than the limit of 100 bytes']);
      }
      // 40 characters, 120 bytes.
      expect(importError(() => readCsv('€'.repeat(40), small({ maxBytes: 100 }))).code).toBe('limit');
      expect(readCsv('€'.repeat(33), small({ maxBytes: 100 })).header?.cells).toEqual(['€'.repeat(33)]);
    });
  });

  describe('rows', () => {
    it('stops a CSV at the first row over the limit, naming its line and row', () => {
      const text = 'name,class\na,server\nb,server\n"c\nc",server\nd,server\n';
      const e = importError(() => parseCsvCis(text, suggestCsvMapping(['name', 'class']), small({ maxRows: 2 })));
      expect([e.code, e.line, e.row]).toEqual(['limit', 4, 4]);
      expect(e.message).toBe('hostile:4 row 4: more than 2 rows (the row limit)');
      expect(parseCsvCis(text, suggestCsvMapping(['name', 'class']), small({ maxRows: 4 })).cis).toHaveLength(4);
    });

    it('counts snapshot entries, YAML documents, Terraform instances and compose services', () => {
      expect(importError(() => parseFaultlineSnapshot(snapshot([ci(1), ci(2), ci(3)]), small({ maxRows: 2 }))).path).toBe('cis[2]');
      const docs = Array.from({ length: 4 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}`).join('\n---\n');
      expect(importError(() => parseKubernetes(docs, small({ maxRows: 3 }))).line).toBe(13);
      const state = { version: 4, resources: [{ mode: 'managed', type: 'aws_instance', name: 'x', instances: [{}, {}, {}] }] };
      expect(importError(() => parseTerraform(JSON.stringify(state), small({ maxRows: 2 }))).path).toBe('resources[0].instances[2]');
      expect(importError(() => parseCompose('services:\n  a: {}\n  b: {}\n  c: {}\n', small({ maxRows: 2 }))).line).toBe(4);
      const sn = JSON.stringify({ result: [{ name: 'a' }, { name: 'b' }] });
      expect(importError(() => parseServiceNow(sn, small({ maxRows: 1 }))).path).toBe('result[1]');
    });
  });

  describe('depth', () => {
    it('refuses JSON nested deeper than maxDepth, naming the path', () => {
      let deep: unknown = 'x';
      for (let i = 0; i < 10; i++) deep = { a: deep };
      const e = importError(() => parseFaultlineSnapshot(snapshot([ci(1, { attributes: deep })]), small({ maxDepth: 6 })));
      expect([e.code, e.path]).toEqual(['limit', 'cis[0].attributes.a.a.a']);
    });

    it('survives a million nested JSON arrays without a stack overflow', () => {
      const n = 1_000_000;
      const e = importError(() => parseTerraform('['.repeat(n) + ']'.repeat(n), { fileName: 'deep.json' }));
      expect(e.code).toBe('limit');
      expect(e.reason).toMatch(/nesting is deeper than the limit of 64/);
    });

    it('refuses YAML nested deeper than maxDepth (flow and block), naming the line', () => {
      const flow = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  labels: ' + '['.repeat(8) + ']'.repeat(8) + '\n';
      expect(importError(() => parseKubernetes(flow, small({ maxDepth: 6 }))).line).toBe(1);
      let block = 'services:\n';
      for (let i = 1; i <= 12; i++) block += '  '.repeat(i) + `k${i}:\n`;
      const e = importError(() => parseCompose(block, small({ maxDepth: 6 })));
      expect(e.code).toBe('limit');
      expect(e.reason).toMatch(/deeper than the limit/);
    });

    it('stops hostile YAML nesting before the parser recurses into it (block, compact and flow)', () => {
      let block = '';
      for (let i = 0; i < 3000; i++) block += ' '.repeat(i) + '- \n';
      for (const text of [block, '- '.repeat(20000) + 'x\n', 'a: ' + '['.repeat(100000) + ']'.repeat(100000), 'a: ' + '{x: '.repeat(50000)]) {
        const e = importError(() => parseCompose(text, { fileName: 'bomb.yml' }));
        expect(e.code).toBe('limit');
        expect(e.line).toBeGreaterThan(0);
        expect(e.reason).toMatch(/^nesting is deeper than the limit \(about \d+ levels\)$/);
      }
    });

    it('does not count brackets inside block scalars, quoted text or comments', () => {
      const text = [
        'services:',
        '  web:',
        '    image: nginx',
        '    command: |',
        '      {{{{{{{{{{{{{{{{ [[[[[[[[[[[[[[',
        '    labels:',
        '      a: "[[[[[[[[[[[[[["',
        "      b: '{{{{{{{{{{{{{{'",
        '      c: x # [[[[[[[[[[[[[[[[',
      ].join('\n');
      expect(parseCompose(text, small({ maxDepth: 6 })).cis).toHaveLength(1);
    });
  });

  describe('string length', () => {
    it('refuses a CSV cell, a JSON string or key, and a YAML string over maxStringLength', () => {
      const long = 'x'.repeat(101);
      const cell = importError(() => readCsv(`a,b\n1,"${long}"\n`, small({ maxStringLength: 100 })));
      expect([cell.code, cell.line, cell.column]).toEqual(['limit', 2, 2]);
      expect(importError(() => readCsv(`a,b\n1,${long}\n`, small({ maxStringLength: 100 }))).column).toBe(2);
      const json = importError(() => parseFaultlineSnapshot(snapshot([ci(1, { owner: long })]), small({ maxStringLength: 100 })));
      expect(json.path).toBe('cis[0].owner');
      const key = importError(() => parseFaultlineSnapshot(snapshot([ci(1, { attributes: { [long]: 'v' } })]), small({ maxStringLength: 100 })));
      expect([key.path, key.reason]).toEqual(['cis[0].attributes', 'a key of 101 characters is longer than the limit of 100']);
      const yaml = importError(() => parseBackstage(`apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${long}\n`, small({ maxStringLength: 100 })));
      expect([yaml.code, yaml.path]).toEqual(['limit', 'metadata.name']);
    });
  });

  describe('YAML aliases', () => {
    it('refuses an alias bomb (billion laughs) quickly', () => {
      const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < 9; i++) {
        const prev = String.fromCharCode(96 + i);
        const cur = String.fromCharCode(97 + i);
        lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
      }
      const bomb = `services:\n  x:\n    image: y\nx-bomb:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
      const e = importError(() => parseCompose(bomb, { fileName: 'laughs.yml' }));
      expect(e.code).toBe('limit');
      expect(e.reason).toMatch(/aliases expand more than the limit of 100/);
    });

    it('allows ordinary anchors and merge keys under the limit, and honours a smaller one', () => {
      const text = 'x-base: &base\n  image: nginx\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n';
      expect(parseCompose(text, { fileName: 'c.yml' }).cis.map((c) => c.attributes?.image)).toEqual(['nginx', 'nginx']);
      expect(importError(() => parseCompose(text, small({ maxAliasCount: 0 }))).code).toBe('limit');
    });
  });
});

describe('prototype pollution', () => {
  const protoNames = Object.getOwnPropertyNames(Object.prototype).sort();
  let before: string;
  beforeEach(() => {
    before = JSON.stringify(protoNames);
  });
  afterEach(() => {
    expect(JSON.stringify(Object.getOwnPropertyNames(Object.prototype).sort())).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString.call({})).toBe('[object Object]');
  });

  it('rejects __proto__/constructor/prototype as attribute or external-id keys, naming the field', () => {
    const text = snapshot([ci(1, { attributes: { constructor: 'x' } }), ci(2, { externalIds: { prototype: 'y' } }), ci(3, { attributes: { ok: 'z' } })]);
    const batch = parseFaultlineSnapshot(text.replace('"ok"', '"__proto__"'), { fileName: 's.json' });
    expect(batch.rejected.map((r) => [r.path, r.field])).toEqual([
      ['cis[0]', 'attributes.constructor'],
      ['cis[1]', 'externalIds.prototype'],
      ['cis[2]', 'attributes.__proto__'],
    ]);
    expect(batch.cis).toHaveLength(0);
  });

  it('never lets such keys through any importer', () => {
    const inputs: [string, string][] = [
      ['a.json', '{"schemaVersion":1,"cis":[{"__proto__":{"polluted":"yes"},"id":"a"}],"relationships":[],"__proto__":{"polluted":"yes"}}'],
      ['cmdb_ci.json', '{"result":[{"name":"x","sys_class_name":"cmdb_ci_appl","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}]}'],
      ['cmdb_ci.csv', 'name,sys_class_name,__proto__,constructor\nx,cmdb_ci_appl,polluted,polluted\n'],
      ['x.csv', 'name,class,__proto__,attr.constructor,ext.prototype\nx,server,1,2,3\n'],
      ['catalog-info.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\n  labels:\n    __proto__: {polluted: yes}\n__proto__:\n  polluted: yes\n'],
      ['k.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  labels: {constructor: y}\nspec:\n  selector: {__proto__: z}\n'],
      ['docker-compose.yml', 'services:\n  __proto__:\n    image: x\n    depends_on: [constructor]\n  constructor:\n    image: y\n    links: [prototype]\n  prototype: {}\n'],
      ['terraform.tfstate', '{"version":4,"resources":[{"mode":"managed","type":"__proto__","name":"constructor","instances":[{"attributes":{"__proto__":{"polluted":"yes"},"constructor":"x"},"dependencies":["prototype.x"]}]}]}'],
    ];
    for (const [fileName, text] of inputs) {
      const batch = parseImport(text, { fileName, includeAttributes: true });
      for (const c of batch.cis) {
        for (const map of [c.attributes ?? {}, c.externalIds]) {
          expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
          expect(Object.keys(map).filter((k) => ['__proto__', 'constructor', 'prototype'].includes(k))).toEqual([]);
        }
      }
    }
  });

  it('keeps services named like prototype keys apart in compose (maps, not objects)', () => {
    const batch = parseCompose('services:\n  constructor:\n    image: x\n    depends_on: [toString]\n  toString: {}\n', { fileName: 'c.yml' });
    expect(batch.cis.map((c) => c.name)).toEqual(['constructor', 'toString']);
    expect(batch.relationships.map((r) => [r.source, r.target])).toEqual([['compose/constructor', 'compose/toString']]);
    expect(parseCompose('services:\n  a:\n    depends_on: [hasOwnProperty]\n', { fileName: 'c.yml' }).relationships.map((r) => r.target)).toEqual(['compose/hasOwnProperty']);
  });
});
