// Fuzzing every importer with arbitrary text and with structured-but-wrong input: each run
// either returns a well-formed batch or throws ImportError (never another exception, never
// ImportError('internal')), and the plan of any batch applies to a Cmdb without an error.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  ImportError,
  parseBackstage,
  parseCompose,
  parseCsv,
  parseFaultlineSnapshot,
  parseImport,
  parseKubernetes,
  parseServiceNow,
  parseTerraform,
  readCsvHeader,
  suggestCsvMapping,
  type ImportBatch,
} from '../../../../../src/core/formats/import';
import { Cmdb, CmdbGraph } from '../../../../../src/core/graph';
import { applyPlanOps, planImport } from '../../../../../src/core/reconcile';
import { CI_CLASSES, RELATIONSHIP_TYPES } from '../../../../../src/shared/model';
import { testEnv } from '../../graph/test-env';

const CLASSES = new Set<string>(CI_CLASSES);
const TYPES = new Set<string>(RELATIONSHIP_TYPES);
const LIMITS = { maxBytes: 1 << 20, maxRows: 500, maxDepth: 16, maxStringLength: 2000, maxAliasCount: 50 };

function seeded(): Cmdb {
  const cmdb = new Cmdb(new CmdbGraph(), testEnv());
  cmdb.createCi({ id: 'a', name: 'a', class: 'server', externalIds: { servicenow: 'x', kubernetes: 'default/service/a' } });
  cmdb.createCi({ id: 'b', name: 'B', class: 'application', externalIds: { terraform: 'aws_instance.b' } });
  cmdb.createRelationship({ source: 'a', target: 'b', type: 'depends_on' });
  return cmdb;
}

/** The contract: a well-formed batch whose plan applies, or ImportError that is not a bug. */
function check(fileName: string, run: () => ImportBatch): void {
  let batch: ImportBatch;
  try {
    batch = run();
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    expect(e.code).not.toBe('internal');
    expect(e.file).toBe(fileName);
    expect(e.reason.length).toBeGreaterThan(0);
    return;
  }
  for (const ci of batch.cis) {
    expect(typeof ci.key).toBe('string');
    expect(typeof ci.name).toBe('string');
    expect(CLASSES.has(ci.class)).toBe(true);
    expect(ci.sourceRef.file).toBe(fileName);
    expect(Object.getPrototypeOf(ci.externalIds)).toBe(Object.prototype);
  }
  for (const rel of batch.relationships) {
    expect(TYPES.has(rel.type)).toBe(true);
    expect(typeof rel.source === 'string' && typeof rel.target === 'string').toBe(true);
  }
  for (const r of batch.rejected) {
    expect(r.file).toBe(fileName);
    expect(r.reason.length).toBeGreaterThan(0);
    expect(r.line !== undefined || r.row !== undefined || r.path !== undefined).toBe(true);
  }
  const cmdb = seeded();
  const plan = planImport(cmdb.graph, batch);
  let n = 0;
  cmdb.applyBatch('fuzz', applyPlanOps(plan, (p) => `${p}_fuzz_${++n}`));
  expect(cmdb.graph.ciCount).toBe(2 + plan.cis.create.length);
}

const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }));
const junk = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'x'.repeat(3000)));
const protoKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'name', 'kind', 'spec');
const dict = (values: fc.Arbitrary<unknown>) => fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), protoKeys), values, { maxKeys: 5 });
const tokenText = (tokens: string[]) => fc.array(fc.constantFrom(...tokens), { maxLength: 80 }).map((t) => t.join(''));

const RUNS = { numRuns: 150 };

describe('fuzz: arbitrary text', () => {
  const parsers: [string, (text: string, fileName: string) => ImportBatch][] = [
    ['snapshot.json', (t, f) => parseFaultlineSnapshot(t, { fileName: f, limits: LIMITS })],
    ['cmdb_ci.csv', (t, f) => parseServiceNow(t, { fileName: f, limits: LIMITS })],
    ['catalog-info.yaml', (t, f) => parseBackstage(t, { fileName: f, limits: LIMITS })],
    ['terraform.tfstate', (t, f) => parseTerraform(t, { fileName: f, limits: LIMITS })],
    ['docker-compose.yml', (t, f) => parseCompose(t, { fileName: f, limits: LIMITS })],
    ['k8s.yaml', (t, f) => parseKubernetes(t, { fileName: f, limits: LIMITS })],
    ['data.csv', (t, f) => parseCsv(t, suggestCsvMapping(readCsvHeader(t, { fileName: f })), { fileName: f, limits: LIMITS })],
    ['whatever.txt', (t, f) => parseImport(t, { fileName: f, limits: LIMITS })],
  ];
  for (const [fileName, parse] of parsers) {
    it(`${fileName}: any string`, () => {
      fc.assert(fc.property(anyText, (text) => check(fileName, () => parse(text, fileName))), RUNS);
    });
  }

  it('CSV token soup (quotes, delimiters, line ends, formula cells) with the suggested mapping', () => {
    const csv = tokenText(['name', 'class', 'Id', 'Source', 'Target', 'server', 'a', '"', '""', ',', ';', '\t', '\n', '\r\n', '\r', ' ', '=1+1', 'attr.x', 'ext.y', '__proto__', 'ci_1', '5', 'depends_on']);
    fc.assert(fc.property(csv, (text) => check('soup.csv', () => parseCsv(text, suggestCsvMapping(readCsvHeader(text, { fileName: 'soup.csv' })), { fileName: 'soup.csv', limits: LIMITS }))), { numRuns: 400 });
  });

  it('YAML token soup (indentation, flow, anchors, aliases, documents)', () => {
    const yaml = tokenText(['\n', '  ', '- ', ': ', '---\n', '[', ']', '{', '}', ',', '&a ', '*a', '<<: ', '"', "'", '|\n', '#', 'services', 'kind', 'apiVersion', 'backstage.io/v1alpha1', 'Service', 'x']);
    fc.assert(
      fc.property(yaml, (text) => {
        check('soup.yaml', () => parseCompose(text, { fileName: 'soup.yaml', limits: LIMITS }));
        check('soup.yaml', () => parseKubernetes(text, { fileName: 'soup.yaml', limits: LIMITS }));
        check('soup.yaml', () => parseBackstage(text, { fileName: 'soup.yaml', limits: LIMITS }));
      }),
      { numRuns: 400 },
    );
  });
});

describe('fuzz: structured but wrong', () => {
  it('snapshots with half-valid CIs and relationships', () => {
    const ci = fc.record(
      {
        id: fc.oneof(fc.constantFrom('a', 'b', 'c', 'x y', ''), junk),
        name: fc.oneof(fc.constantFrom('a', 'B', ' '), junk),
        class: fc.oneof(fc.constantFrom(...CI_CLASSES), junk),
        environment: fc.oneof(fc.constant('prod'), junk),
        criticality: fc.oneof(fc.integer({ min: 0, max: 5 }), junk),
        owner: fc.oneof(fc.constant(''), junk),
        status: fc.oneof(fc.constantFrom('live', 'planned'), junk),
        tags: fc.oneof(fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), junk),
        attributes: fc.oneof(dict(fc.string({ maxLength: 5 })), junk),
        externalIds: fc.oneof(dict(fc.constantFrom('x', 'aws_instance.b')), junk),
        redundancy: fc.oneof(fc.record({ minHealthy: fc.integer({ min: 0, max: 3 }) }), junk),
        createdAt: fc.constantFrom('2026-01-01T00:00:00.000Z', 'yesterday'),
        updatedAt: fc.constant('2026-01-01T00:00:00.000Z'),
      },
      { requiredKeys: [] },
    );
    const rel = fc.record(
      { id: fc.oneof(fc.constantFrom('r1', 'r2', 'bad id'), junk), source: fc.oneof(fc.constantFrom('a', 'b', 'c'), junk), target: fc.oneof(fc.constantFrom('a', 'b', 'c'), junk), type: fc.oneof(fc.constantFrom(...RELATIONSHIP_TYPES), junk), strength: fc.oneof(fc.constantFrom('hard', 'soft'), junk), inferred: fc.oneof(fc.boolean(), junk) },
      { requiredKeys: [] },
    );
    const doc = fc.record({ schemaVersion: fc.oneof(fc.constant(1), junk), cis: fc.oneof(fc.array(ci, { maxLength: 6 }), junk), relationships: fc.oneof(fc.array(rel, { maxLength: 6 }), junk) }, { requiredKeys: [] });
    fc.assert(fc.property(doc, (d) => check('snap.json', () => parseFaultlineSnapshot(JSON.stringify(d), { fileName: 'snap.json', limits: LIMITS }))), { numRuns: 300 });
  });

  it('ServiceNow records with odd values and reference objects', () => {
    const value = fc.oneof(junk, fc.record({ value: junk, display_value: junk }, { requiredKeys: [] }), fc.constantFrom('cmdb_ci_appl', 'u_x', 'Depends on::Used by', 'Contains::Contained by', 'a', 'b', 'x'));
    const record = fc.record({ sys_id: value, name: value, sys_class_name: value, parent: value, child: value, type: value, install_status: value, extra: value }, { requiredKeys: [] });
    const doc = fc.oneof(fc.record({ result: fc.array(fc.oneof(record, junk), { maxLength: 6 }) }), fc.record({ records: fc.array(record, { maxLength: 6 }) }), fc.array(record, { maxLength: 6 }));
    fc.assert(fc.property(doc, (d) => check('sn.json', () => parseServiceNow(JSON.stringify(d), { fileName: 'sn.json', limits: LIMITS }))), { numRuns: 300 });
  });

  it('Terraform states and show output with odd resources, instances and dependencies', () => {
    const dep = fc.oneof(fc.constantFrom('aws_instance.b', 'aws_vpc.main', 'module.m', 'module.m.aws_x.y', 'data.aws_ami.x', 'module.m["k"].aws_x.y'), junk);
    const instance = fc.record({ index_key: fc.oneof(fc.nat(3), fc.string({ maxLength: 3 }), junk), attributes: fc.oneof(dict(junk), junk), sensitive_attributes: junk, dependencies: fc.oneof(fc.array(dep, { maxLength: 3 }), junk), depends_on: fc.oneof(fc.array(dep, { maxLength: 3 }), junk) }, { requiredKeys: [] });
    const resource = fc.record({ module: fc.oneof(fc.constantFrom('module.m', 'module.m.module.n'), junk), mode: fc.oneof(fc.constantFrom('managed', 'data'), junk), type: fc.oneof(fc.constantFrom('aws_instance', 'aws_vpc', 'aws_x'), junk), name: fc.oneof(fc.constantFrom('b', 'main', 'y'), junk), instances: fc.oneof(fc.array(instance, { maxLength: 3 }), junk) }, { requiredKeys: [] });
    const v4 = fc.record({ version: fc.oneof(fc.constant(4), junk), resources: fc.oneof(fc.array(resource, { maxLength: 5 }), junk) }, { requiredKeys: [] });
    const showResource = fc.record({ address: fc.oneof(fc.constantFrom('aws_instance.b', 'module.m.aws_x.y[0]'), junk), mode: fc.constantFrom('managed', 'data'), type: fc.oneof(fc.constant('aws_instance'), junk), values: fc.oneof(dict(junk), junk), depends_on: fc.oneof(fc.array(dep, { maxLength: 3 }), junk) }, { requiredKeys: [] });
    const module = fc.letrec((tie) => ({ mod: fc.record({ address: fc.oneof(fc.constantFrom('module.m', 'module.m.module.n'), junk), resources: fc.array(showResource, { maxLength: 3 }), child_modules: fc.oneof(fc.constant([]), fc.array(tie('mod'), { maxLength: 2 })) }, { requiredKeys: [] }) })).mod;
    const show = fc.record({ format_version: fc.constant('1.0'), values: fc.oneof(fc.record({ root_module: module }), junk) });
    const v3 = fc.record({ version: fc.constant(3), modules: fc.array(fc.record({ path: fc.oneof(fc.constant(['root']), fc.constant(['root', 'm']), junk), resources: dict(fc.record({ type: junk, depends_on: fc.array(dep, { maxLength: 2 }) }, { requiredKeys: [] })) }, { requiredKeys: [] }), { maxLength: 3 }) });
    fc.assert(fc.property(fc.oneof(v4, show, v3), fc.boolean(), (d, includeAttributes) => check('tf.json', () => parseTerraform(JSON.stringify(d), { fileName: 'tf.json', limits: LIMITS, includeAttributes }))), { numRuns: 300 });
  });

  it('compose files with odd services, depends_on and links', () => {
    const name = fc.constantFrom('web', 'db', '__proto__', 'constructor', 'toString', 'a b', '');
    const service = fc.record({ image: fc.oneof(fc.constantFrom('postgres:16', 'nginx', 'x'), junk), build: junk, depends_on: fc.oneof(fc.array(fc.oneof(name, junk), { maxLength: 3 }), fc.dictionary(name, fc.oneof(fc.record({ condition: junk, required: junk }, { requiredKeys: [] }), junk), { maxKeys: 3 }), junk), links: fc.oneof(fc.array(fc.oneof(name, name.map((n) => `${n}:alias`), junk), { maxLength: 3 }), junk) }, { requiredKeys: [] });
    const doc = fc.record({ name: fc.oneof(fc.constant('proj'), junk), services: fc.oneof(fc.dictionary(name, fc.oneof(service, junk), { maxKeys: 5 }), junk) }, { requiredKeys: [] });
    fc.assert(fc.property(doc, (d) => check('c.yml', () => parseCompose(stringify(d), { fileName: 'c.yml', limits: LIMITS }))), { numRuns: 300 });
  });

  it('Kubernetes and Backstage documents with odd fields', () => {
    const labels = fc.oneof(dict(fc.constantFrom('web', 'db', 'x')), junk);
    const env = fc.array(fc.record({ name: fc.oneof(fc.constantFrom('DB_HOST', 'CACHE_ADDR', 'X'), junk), value: fc.oneof(fc.constantFrom('svc', 'svc.ns', 'http://svc:80/', 'a.b.c'), junk) }, { requiredKeys: [] }), { maxLength: 3 });
    const k8s = fc.record({
      apiVersion: fc.oneof(fc.constantFrom('v1', 'apps/v1', 'networking.k8s.io/v1'), junk),
      kind: fc.oneof(fc.constantFrom('Deployment', 'StatefulSet', 'Service', 'Ingress', 'List', 'Secret'), junk),
      metadata: fc.oneof(fc.record({ name: fc.oneof(fc.constantFrom('svc', 'web', 'db'), junk), namespace: fc.oneof(fc.constantFrom('ns', 'default'), junk), labels }, { requiredKeys: [] }), junk),
      spec: fc.oneof(fc.record({ selector: labels, template: fc.record({ metadata: fc.record({ labels }), spec: fc.record({ containers: fc.array(fc.record({ image: junk, env }, { requiredKeys: [] }), { maxLength: 2 }) }) }), rules: junk, defaultBackend: fc.record({ service: fc.record({ name: fc.oneof(fc.constant('svc'), junk) }) }) }, { requiredKeys: [] }), junk),
      items: junk,
    }, { requiredKeys: [] });
    const backstage = fc.record({
      apiVersion: fc.oneof(fc.constant('backstage.io/v1alpha1'), junk),
      kind: fc.oneof(fc.constantFrom('Component', 'System', 'Domain', 'Resource', 'API', 'Group', 'User'), junk),
      metadata: fc.oneof(fc.record({ name: fc.oneof(fc.constantFrom('a', 'b', 'web'), junk), namespace: junk, labels, tags: junk, title: junk }, { requiredKeys: [] }), junk),
      spec: fc.oneof(fc.record({ type: junk, owner: junk, system: junk, lifecycle: junk, dependsOn: fc.oneof(fc.array(fc.oneof(fc.constantFrom('component:a', 'resource:default/b', 'b', 'x:'), junk), { maxLength: 3 }), junk), providesApis: junk, consumesApis: junk, subcomponentOf: junk, domain: junk }, { requiredKeys: [] }), junk),
    }, { requiredKeys: [] });
    const stream = (docs: fc.Arbitrary<unknown>) => fc.array(docs, { maxLength: 5 }).map((list) => list.map((d) => stringify(d)).join('---\n'));
    fc.assert(
      fc.property(stream(k8s), stream(backstage), (k, b) => {
        check('k.yaml', () => parseKubernetes(k, { fileName: 'k.yaml', limits: LIMITS }));
        check('b.yaml', () => parseBackstage(b, { fileName: 'b.yaml', limits: LIMITS }));
      }),
      { numRuns: 300 },
    );
  });
});
