// The realistic fixtures in test/fixtures/formats (a Backstage catalog, a Terraform state, a
// ServiceNow cmdb_ci + cmdb_rel_ci export), imported one after another into an empty CMDB as
// the analyst does it: the counts each preview shows, the classes they get, and no secret from
// the state file anywhere in the CMDB. The end-to-end test checks the same counts in the UI.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseImport } from '../../../../../src/core/formats/import';
import { Cmdb, CmdbGraph, documentFromCmdb } from '../../../../../src/core/graph';
import { applyPlanOps, planImport } from '../../../../../src/core/reconcile';
import { testEnv } from '../../graph/test-env';

const root = fileURLToPath(new URL('../../../../fixtures/formats/', import.meta.url));
const SECRETS = ['S3cr3t-Pa55w0rd!', 'rds-auth-0f9e8d7c6b5a4'];

function importFile(cmdb: Cmdb, name: string, includeAttributes = false) {
  const batch = parseImport(readFileSync(root + name, 'utf8'), { fileName: name.replace(/^.*\//, ''), includeAttributes });
  const plan = planImport(cmdb.graph, batch);
  let n = 0;
  cmdb.applyBatch(`Import ${name}`, applyPlanOps(plan, (prefix) => `${prefix}_${name.replace(/\W/g, '_')}_${++n}`));
  return plan;
}

function classesOf(cmdb: Cmdb, system: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const ci of cmdb.graph.cis()) if (Object.hasOwn(ci.externalIds, system)) counts[ci.class] = (counts[ci.class] ?? 0) + 1;
  return counts;
}

describe('the realistic fixtures, imported into an empty CMDB', () => {
  it('Backstage, Terraform, then ServiceNow CIs and relationships: the counts of each preview', () => {
    const cmdb = new Cmdb(new CmdbGraph(), testEnv());

    const backstage = importFile(cmdb, 'backstage-catalog.yaml');
    expect(backstage.counts).toEqual({
      cis: { create: 33, update: 0, unchanged: 0, rejected: 0 },
      relationships: { create: 65, update: 0, unchanged: 0, rejected: 0 },
      changes: { create: 0, update: 0, unchanged: 0, rejected: 0 },
      incidents: { create: 0, update: 0, unchanged: 0, rejected: 0 },
      problems: { create: 0, update: 0, unchanged: 0, rejected: 0 },
    });
    // A resource of another catalog file, and the Groups' parent that is not in this one: warnings with their places.
    expect(backstage.warnings).toEqual([
      'backstage-catalog.yaml:29, document 2 (spec.parent): "group:default/engineering" names no Group in this file (also named at lines 39, 49); Groups are not CIs, so the CMDB cannot resolve it',
      'skipped entities that are not CIs: 1 Location, 3 Group, 1 User',
      'Location spec.targets (import the root file with the CLI to follow it): not imported, 1 entity',
      'User spec.memberOf: not imported, 1 entity',
      'backstage-catalog.yaml:172, document 14 (spec.dependsOn[1]): the target "resource:default/search-index" is neither in this file nor in the CMDB; the relationship was not imported',
    ]);
    expect(backstage.leftOut).toEqual({
      unreadableEntities: 0,
      danglingReferences: 4,
      unreadFields: [
        { field: 'Location spec.targets (import the root file with the CLI to follow it)', entities: 1 },
        { field: 'User spec.memberOf', entities: 1 },
      ],
      likelyTruncated: false,
      hiddenSecrets: 0,
    });
    expect(classesOf(cmdb, 'backstage')).toEqual({ business_service: 2, technical_service: 11, application: 12, database: 5, storage: 1, cache: 1, message_queue: 1 });

    const terraform = importFile(cmdb, 'terraform.tfstate');
    expect(terraform.counts).toEqual({
      cis: { create: 36, update: 0, unchanged: 0, rejected: 0 },
      relationships: { create: 84, update: 0, unchanged: 0, rejected: 0 },
      changes: { create: 0, update: 0, unchanged: 0, rejected: 0 },
      incidents: { create: 0, update: 0, unchanged: 0, rejected: 0 },
      problems: { create: 0, update: 0, unchanged: 0, rejected: 0 },
    });
    expect(terraform.warnings).toEqual(
      expect.arrayContaining([
        '2 data source(s) skipped (they read infrastructure, they are not part of it)',
        '1 deposed object(s) skipped (replaced, waiting to be destroyed)',
        'terraform.tfstate at resources[3].instances[0] (dependencies[1]): the target "module.vpc.aws_vpc_ipv4_cidr_block_association.this" is neither in this file nor in the CMDB; the relationship was not imported',
      ]),
    );
    expect(terraform.warnings).toHaveLength(9);
    expect(terraform.leftOut.danglingReferences).toBe(6);
    expect(classesOf(cmdb, 'terraform')).toEqual({ network_device: 19, load_balancer: 4, cluster: 3, cloud_resource: 5, application: 2, database: 1, cache: 1, storage: 1 });

    const snCis = importFile(cmdb, 'servicenow/cmdb_ci.csv');
    expect(snCis.counts.cis).toEqual({ create: 33, update: 0, unchanged: 0, rejected: 1 });
    expect(snCis.cis.rejected[0]).toMatchObject({ row: 35, field: 'sys_class_name', reason: 'no Faultline class for sys_class_name "cmdb_ci_printer" (PRN-WH-03)' });

    // The relationships resolve by sys_id against the CIs imported just before, even where two
    // CIs share a name (the business service and the application service "Online Shop").
    const snRels = importFile(cmdb, 'servicenow/cmdb_rel_ci.csv');
    expect(snRels.counts.relationships).toEqual({ create: 41, update: 0, unchanged: 0, rejected: 1 });
    expect(snRels.relationships.rejected.map((r) => r.row)).toEqual([44]);
    // The printer was rejected with the CIs: its relationship names nothing in the CMDB.
    expect(snRels.warnings).toEqual([
      'cmdb_rel_ci.csv row 43 (parent): the source "af81c4fd05610b577044b2bde7f7c633" is neither in this file nor in the CMDB; the relationship was not imported',
    ]);
    const shops = [...cmdb.graph.cis()].filter((ci) => ci.name === 'Online Shop');
    expect(shops.map((ci) => ci.class).sort()).toEqual(['business_service', 'technical_service']);
    const business = shops.find((ci) => ci.class === 'business_service')!;
    const application = shops.find((ci) => ci.class === 'technical_service')!;
    expect([...cmdb.graph.relationships()].some((r) => r.source === business.id && r.target === application.id && r.type === 'depends_on')).toBe(true);

    expect([cmdb.graph.ciCount, cmdb.graph.relationshipCount]).toEqual([33 + 36 + 33, 65 + 84 + 41]);
    const stored = JSON.stringify(documentFromCmdb(cmdb));
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
  });

  it('keeps no secret of the state even when attribute values are asked for', () => {
    const cmdb = new Cmdb(new CmdbGraph(), testEnv());
    importFile(cmdb, 'terraform.tfstate', true);
    const db = [...cmdb.graph.cis()].find((ci) => ci.name === 'aws_db_instance.orders')!;
    expect(db.attributes).toMatchObject({ 'tf.engine': 'postgres', 'tf.instance_class': 'db.r6g.large' });
    expect(db.attributes).not.toHaveProperty('tf.password');
    const stored = JSON.stringify(documentFromCmdb(cmdb));
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
  });
});
