// Nothing drops silently, per format: a document or row that cannot be parsed refuses the whole
// file at its true line and column (skipUnreadable imports the readable part and counts every
// entity lost), a reference that resolves neither in the file nor in the CMDB is a warning with
// its place, a reference-holding field that is not read is listed once, and a file that looks
// cut short is flagged.
import { describe, expect, it } from 'vitest';
import {
  parseBackstage,
  parseCompose,
  parseCsvCis,
  parseCsvRelationships,
  parseFaultlineSnapshot,
  parseKubernetes,
  parseServiceNow,
  parseTerraform,
  suggestCsvMapping,
} from '../../../../../src/core/formats/import';
import { importError, planned } from './fixtures';

function component(name: string, spec = ''): string {
  return `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n${spec}`;
}

/** Five entities; the third has an unclosed quote on line 21 (column 10), which swallows it and the two after it. */
const CATALOG = [component('a'), component('b'), component('c', '  owner: "team-c\n'), component('d'), component('e')].join('---\n');

function deployment(name: string, env: { name: string; value: string }[] = [], labels = `app: ${name}`): string {
  const envText = env.length ? `          env:\n${env.map((e) => `            - name: ${e.name}\n              value: "${e.value}"\n`).join('')}` : '';
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels:\n        ${labels}\n    spec:\n      containers:\n        - name: main\n          image: ${name}:1\n${envText}`;
}

function service(name: string, selector: string): string {
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  selector:\n    ${selector}\n`;
}

describe('YAML streams (Backstage, Kubernetes): all or nothing', () => {
  it('an unclosed quote in the middle refuses the file at the quote, counting the lines of earlier documents', () => {
    const e = importError(() => parseBackstage(CATALOG, { fileName: 'catalog.yaml' }));
    expect(e.code).toBe('syntax');
    // The quote is on line 21 of the file (yaml itself reports the end of the stream, line 35).
    expect([e.line, e.column]).toEqual([21, 10]);
    expect(e.message).toBe('catalog.yaml:21:10: document 3 is not valid YAML: Missing closing "quote');
  });

  it('skipUnreadable imports the readable part and counts every entity lost, not the documents', () => {
    const batch = parseBackstage(CATALOG, { fileName: 'catalog.yaml', skipUnreadable: true });
    expect(batch.cis.map((c) => c.name)).toEqual(['a', 'b']);
    expect(batch.leftOut?.unreadableEntities).toBe(3);
    expect(batch.warnings).toContain('catalog.yaml:21:10: document 3 is not valid YAML: Missing closing "quote; skipped as asked, 3 entities lost with it');
    expect(planned(batch).leftOut.unreadableEntities).toBe(3);
  });

  it('a bad document among Kubernetes manifests is refused at its own line; skipped, the others still import', () => {
    const text = [deployment('web'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: broken\n   namespace: shop\n', deployment('api')].join('---\n');
    const e = importError(() => parseKubernetes(text, { fileName: 'k.yaml' }));
    // yaml reports the implicit key `name: broken` that the over-indented line continues.
    expect(e.line).toBe(19);
    expect(e.message).toMatch(/^k\.yaml:19:\d+: document 2 is not valid YAML: [^:]+[^:\s]$/);
    const batch = parseKubernetes(text, { fileName: 'k.yaml', skipUnreadable: true });
    expect(batch.cis.map((c) => c.key)).toEqual(['shop/deployment/web', 'shop/deployment/api']);
    expect(batch.leftOut?.unreadableEntities).toBe(1);
  });

  it('an unreadable Kubernetes List counts its items as lost', () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: { name: a }\n  - apiVersion: v1\n    kind: Service\n    metadata: { name: "b }\n';
    const batch = parseKubernetes(deployment('web') + '---\n' + list, { fileName: 'k.yaml', skipUnreadable: true });
    expect(batch.cis.map((c) => c.name)).toEqual(['web']);
    expect(batch.leftOut?.unreadableEntities).toBe(2);
  });

  it('compose (one document) is refused at the error, even with skipUnreadable: there is no readable part', () => {
    const text = 'services:\n  web:\n    image: "nginx\n  db:\n    image: postgres\n';
    for (const skipUnreadable of [false, true]) {
      const e = importError(() => parseCompose(text, { fileName: 'c.yml', skipUnreadable }));
      expect([e.code, e.line, e.column]).toEqual(['syntax', 3, 12]);
    }
  });
});

describe('JSON (Faultline, Terraform, ServiceNow): all or nothing', () => {
  it('a syntax error in the middle refuses the file at its line and column', () => {
    const text = '{\n  "version": 4,\n  "resources": [\n    { "mode": "managed" "type": "aws_vpc" }\n  ]\n}\n';
    const e = importError(() => parseTerraform(text, { fileName: 's.tfstate' }));
    expect([e.code, e.line, e.column]).toEqual(['syntax', 4, 25]);
    expect(e.message).toMatch(/$/);
    expect(importError(() => parseServiceNow('{"records": [{"name": "a"},, {"name": "b"}]}', { fileName: 'sn.json' })).column).toBe(28);
  });

  it('a stream cut inside a value says the file may be cut short', () => {
    const e = importError(() => parseFaultlineSnapshot('{"schemaVersion": 1, "cis": [{"id": "a", "na', { fileName: 'snap.json' }));
    expect(e.reason).toMatch(/^the JSON ends inside a value: the file may be cut short/);
  });
});

describe('CSV (CIs, relationships, ServiceNow): all or nothing', () => {
  const header = 'name,class,owner\n';
  const mapping = suggestCsvMapping(['name', 'class', 'owner']);

  it('a quote never closed refuses the file at the quote; skipped, the rows from there on are counted as lost', () => {
    const text = `${header}a,server,x\nb,server,"y\nc,server,z\nd,server,w\n`;
    const e = importError(() => parseCsvCis(text, mapping, { fileName: 'c.csv' }));
    expect([e.code, e.line, e.column]).toEqual(['syntax', 3, 10]);
    const batch = parseCsvCis(text, mapping, { fileName: 'c.csv', skipUnreadable: true });
    expect(batch.cis.map((c) => c.name)).toEqual(['a']);
    expect(batch.leftOut?.unreadableEntities).toBe(3);
  });

  it('a ServiceNow row wider than its header refuses the file; skipped, it is counted', () => {
    const text = 'sys_id,name,sys_class_name\n1,web,cmdb_ci_server\n2,db,cmdb_ci_database,stray\n';
    expect(importError(() => parseServiceNow(text, { fileName: 'cmdb_ci.csv' })).row).toBe(3);
    const batch = parseServiceNow(text, { fileName: 'cmdb_ci.csv', skipUnreadable: true });
    expect(batch.cis.map((c) => c.name)).toEqual(['web']);
    expect(batch.leftOut?.unreadableEntities).toBe(1);
  });

  it('a last row short of cells with no final line break is flagged as likely cut short', () => {
    const batch = parseCsvCis(`${header}a,server,x\nb,ser`, mapping, { fileName: 'cut.csv' });
    expect(batch.leftOut?.likelyTruncated).toBe(true);
    expect(batch.warnings).toContain('cut.csv:3: the last row (row 3) has 2 of 3 cells and the file does not end with a line break: it may be cut short; check that the file is complete');
    expect(parseCsvCis(`${header}a,server,x\nb,server,y`, mapping, { fileName: 'whole.csv' }).leftOut?.likelyTruncated).toBe(false);
  });
});

describe('dangling references: warnings with their place (file, document, field)', () => {
  it('Kubernetes: an _ADDR env value naming a Service the manifests do not define, and a selector matching no workload', () => {
    const text = [deployment('web', [{ name: 'PAYMENTS_ADDR', value: 'payments:8080' }]), service('web', 'app: web'), service('orphan', 'app: nothing')].join('---\n');
    const plan = planned(parseKubernetes(text, { fileName: 'k.yaml' }));
    expect(plan.warnings).toEqual([
      'k.yaml:34, document 3 (spec.selector): Service shop/orphan selects app=nothing, which no Deployment, StatefulSet or DaemonSet in this file carries',
      'k.yaml:16, document 1 (spec.template.spec.containers[0].env[0] (PAYMENTS_ADDR)): the target "shop/service/payments" is neither in this file nor in the CMDB; the relationship was not imported',
    ]);
    expect(plan.leftOut.danglingReferences).toBe(2);
  });

  it('Kubernetes: the same env value resolves against a Service already in the CMDB (from another file)', () => {
    const cmdbFile = service('payments', 'app: payments') + '---\n' + deployment('payments');
    const first = parseKubernetes(cmdbFile, { fileName: 'payments.yaml' });
    const second = parseKubernetes(deployment('web', [{ name: 'PAYMENTS_ADDR', value: 'payments:8080' }]), { fileName: 'web.yaml' });
    const plan = planned({ ...second, cis: [...first.cis, ...second.cis] });
    expect(plan.leftOut.danglingReferences).toBe(0);
    expect(plan.relationships.create.map((r) => [r.source.name, r.target.name])).toEqual([['web', 'payments']]);
  });

  it('Backstage: an entity ref not in the file', () => {
    const plan = planned(parseBackstage(component('a', '  dependsOn: ["resource:default/elsewhere"]\n'), { fileName: 'c.yaml' }));
    expect(plan.warnings).toEqual([
      'c.yaml:7, document 1 (spec.dependsOn[0]): the target "resource:default/elsewhere" is neither in this file nor in the CMDB; the relationship was not imported',
    ]);
  });

  it('compose: a depends_on service not in the file', () => {
    const plan = planned(parseCompose('name: shop\nservices:\n  web:\n    image: x\n    depends_on: [db]\n', { fileName: 'c.yml' }));
    expect(plan.warnings).toEqual(['c.yml:5 (services.web.depends_on[0]): the target "shop/db" is neither in this file nor in the CMDB; the relationship was not imported']);
  });

  it('ServiceNow: a parent or child sys_id found nowhere, named by its column', () => {
    const text = 'parent,type,child\nweb,Depends on::Used by,db\n';
    const plan = planned(parseServiceNow(text, { fileName: 'cmdb_rel_ci.csv' }));
    expect(plan.warnings).toEqual(['cmdb_rel_ci.csv row 2 (parent): the source "web" is neither in this file nor in the CMDB; the relationship was not imported']);
    expect(plan.relationships.rejected).toEqual([]);
  });

  it('CSV relationships: an end found nowhere', () => {
    const plan = planned(parseCsvRelationships('source,target\na,b\n', suggestCsvMapping(['source', 'target']), { fileName: 'r.csv' }));
    expect(plan.leftOut.danglingReferences).toBe(1);
    expect(plan.warnings[0]).toMatch(/^r\.csv row 2 \(source\): the source "a" is neither/);
  });
});

describe('unread reference-holding fields: listed once per field with the entities that have it', () => {
  it('Backstage: a spec field of a CI kind that holds entity refs, and people relations', () => {
    const text = [
      component('a', '  foo: ["component:b"]\n'),
      component('b', '  foo: component:a\n  lifecycle: production\n'),
      component('c', '  foo: component:a\n'),
      'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: jo\nspec:\n  memberOf: [team-a]\n',
    ].join('---\n');
    const batch = parseBackstage(text, { fileName: 'c.yaml' });
    expect(batch.warnings).toContain('Component spec.foo: not imported, 3 entities');
    expect(batch.warnings).toContain('User spec.memberOf: not imported, 1 entity');
    expect(batch.leftOut?.unreadFields).toEqual([
      { field: 'Component spec.foo', entities: 3 },
      { field: 'User spec.memberOf', entities: 1 },
    ]);
  });

  it('Kubernetes: _ADDR/_HOST values taken from valueFrom, once per workload', () => {
    const valueFrom = '            - name: DB_HOST\n              valueFrom: { configMapKeyRef: { name: cfg, key: db } }\n            - name: CACHE_ADDR\n              valueFrom: { configMapKeyRef: { name: cfg, key: cache } }\n';
    const text = `${deployment('web')}          env:\n${valueFrom}---\n${deployment('api')}          env:\n${valueFrom}`;
    expect(parseKubernetes(text, { fileName: 'k.yaml' }).leftOut?.unreadFields).toEqual([
      { field: 'spec.template.spec.containers[].env[] (an _ADDR/_HOST value from valueFrom)', entities: 2 },
    ]);
  });

  it('compose: volumes_from and network_mode service:…', () => {
    const text = 'services:\n  a:\n    image: x\n    volumes_from: [b]\n  b:\n    image: y\n    network_mode: "service:a"\n';
    expect(parseCompose(text, { fileName: 'c.yml' }).leftOut?.unreadFields).toEqual([
      { field: 'services.*.volumes_from', entities: 1 },
      { field: 'services.*.network_mode', entities: 1 },
    ]);
  });
});

describe('likely-truncated YAML', () => {
  it('a syntax error in a file that ends mid-line says the file may be cut short (YAML and CSV)', () => {
    expect(importError(() => parseBackstage(component('a') + '---\n' + component('b', '  owner: "te'), { fileName: 'c.yaml' })).reason).toBe(
      'document 2 is not valid YAML: Missing closing "quote (the file ends in the middle of a line: it may be cut short)',
    );
    expect(importError(() => parseCsvCis('name,class,owner\na,server,"x', suggestCsvMapping(['name', 'class', 'owner']), { fileName: 'c.csv' })).reason).toBe(
      'row 2: a quoted cell is never closed (missing ") (the file ends in the middle of a line: it may be cut short)',
    );
  });

  it('a manifest cut in the middle of a line is flagged; a whole one is not', () => {
    const whole = deployment('web') + '---\n' + service('web', 'app: web');
    const cut = whole.slice(0, Math.floor(whole.length / 2));
    const batch = parseKubernetes(cut.endsWith('\n') ? cut.slice(0, -1) : cut, { fileName: 'k.yaml' });
    expect(batch.leftOut?.likelyTruncated).toBe(true);
    expect(batch.warnings.some((w) => /^k\.yaml: the file ends in the middle of a line: it may be cut short/.test(w))).toBe(true);
    expect(parseKubernetes(whole, { fileName: 'k.yaml' }).leftOut?.likelyTruncated).toBe(false);
  });

  it('a catalog cut between the lines of its last entity (no spec yet) is flagged', () => {
    const batch = parseBackstage(component('a') + '---\n' + 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: b\n', { fileName: 'c.yaml' });
    expect(batch.leftOut?.likelyTruncated).toBe(true);
    expect(batch.warnings).toContain('c.yaml:8: the last entity has no spec: the file may be cut short in the middle of it; check that the file is complete');
    expect(parseBackstage(component('a'), { fileName: 'c.yaml' }).leftOut?.likelyTruncated).toBe(false);
  });

  it('a catalog cut mid-entity, after a key with no value, is flagged', () => {
    const batch = parseBackstage(component('a') + '---\n' + 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n', { fileName: 'c.yaml' });
    expect(batch.leftOut?.likelyTruncated).toBe(true);
    expect(batch.warnings).toContain('c.yaml: the file ends with "metadata:" and no value after it: it may be cut short; check that the file is complete');
  });
});
