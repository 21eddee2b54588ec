// The analyst's path on the hand-written fixtures: ServiceNow CIs, then their relationships
// (resolved against what is now in the CMDB), a Backstage catalog and a Terraform state, each
// previewed, applied as one transaction, and undone in one step.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseImport } from '../../../../src/core/formats/import';
import { Cmdb, CmdbGraph } from '../../../../src/core/graph';
import { applyPlanOps, planImport } from '../../../../src/core/reconcile';
import { testEnv } from '../graph/test-env';

const root = fileURLToPath(new URL('../../../fixtures/import/', import.meta.url));

function importFile(cmdb: Cmdb, name: string) {
  const batch = parseImport(readFileSync(root + name, 'utf8'), { fileName: name });
  const plan = planImport(cmdb.graph, batch);
  let n = 0;
  cmdb.applyBatch(`Import ${name}`, applyPlanOps(plan, (p) => `${p}_${name.replace(/\W/g, '_')}_${++n}`));
  return plan;
}

describe('importing the fixtures one after another', () => {
  it('resolves later files against earlier imports, and each import is one undo step', () => {
    const cmdb = new Cmdb(new CmdbGraph(), testEnv());
    expect(importFile(cmdb, 'servicenow/cmdb_ci.csv').counts.cis).toEqual({ create: 6, update: 0, unchanged: 0, rejected: 2 });
    const rels = importFile(cmdb, 'servicenow/cmdb_rel_ci.csv');
    expect(rels.counts.relationships).toEqual({ create: 6, update: 0, unchanged: 0, rejected: 2 });
    const backstage = importFile(cmdb, 'backstage/catalog-info.yaml');
    expect(backstage.counts).toEqual({
      cis: { create: 9, update: 0, unchanged: 0, rejected: 2 },
      relationships: { create: 11, update: 0, unchanged: 0, rejected: 0 },
      changes: { create: 0, update: 0, unchanged: 0, rejected: 0 },
      incidents: { create: 0, update: 0, unchanged: 0, rejected: 0 },
      problems: { create: 0, update: 0, unchanged: 0, rejected: 0 },
    });
    // Two dependsOn refs name nothing in the file or the CMDB: warnings, not rejections.
    expect(backstage.leftOut.danglingReferences).toBe(2);
    expect(importFile(cmdb, 'terraform/terraform.tfstate').counts).toEqual({
      cis: { create: 6, update: 0, unchanged: 0, rejected: 1 },
      relationships: { create: 8, update: 0, unchanged: 0, rejected: 0 },
      changes: { create: 0, update: 0, unchanged: 0, rejected: 0 },
      incidents: { create: 0, update: 0, unchanged: 0, rejected: 0 },
      problems: { create: 0, update: 0, unchanged: 0, rejected: 0 },
    });
    expect([cmdb.graph.ciCount, cmdb.graph.relationshipCount]).toEqual([21, 25]);

    // Importing the ServiceNow CIs again finds them all by sys_id: nothing to do.
    const again = planImport(cmdb.graph, parseImport(readFileSync(root + 'servicenow/cmdb_ci.csv', 'utf8'), { fileName: 'cmdb_ci.csv' }));
    expect(again.counts.cis).toEqual({ create: 0, update: 0, unchanged: 6, rejected: 2 });
    expect(again.cis.unchanged.every((u) => u.matchedBy === 'externalId')).toBe(true);

    expect(cmdb.undoLabel).toBe('Import terraform/terraform.tfstate');
    cmdb.undo();
    expect([cmdb.graph.ciCount, cmdb.graph.relationshipCount]).toEqual([15, 17]);
    expect(cmdb.undoLabel).toBe('Import backstage/catalog-info.yaml');
  });
});
