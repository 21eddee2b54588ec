// A 100k-row CSV goes through parse and plan in one pass each (no duration is asserted; a
// quadratic step would run into the test timeout). The figures are in the importers' report.
import { describe, expect, it } from 'vitest';
import { parseCsvCis, parseCsvRelationships, readCsvHeader, suggestCsvMapping } from '../../../../../src/core/formats/import';
import { CmdbGraph } from '../../../../../src/core/graph';
import { planImport } from '../../../../../src/core/reconcile';

describe('large input', () => {
  it('parses and plans 100,000 CI rows and 99,999 relationship rows', () => {
    const n = 100_000;
    const classes = ['server', 'application', 'database', 'virtual_machine'];
    const ciRows = ['Id,Label,class,criticality,owner,tags,attr.notes,ext.servicenow'];
    for (let i = 0; i < n; i++) ciRows.push(`ci_${i},Host ${i},${classes[i % 4]},${1 + (i % 4)},"team, ${i % 50}",a;b,"two\nlines",sn${i}`);
    const relRows = ['Source,Target,Relationship'];
    for (let i = 1; i < n; i++) relRows.push(`ci_${i},ci_${Math.floor(i / 3)},depends_on`);
    const cisText = ciRows.join('\r\n');
    const relText = relRows.join('\n');
    const cis = parseCsvCis(cisText, suggestCsvMapping(readCsvHeader(cisText, { fileName: 'cis.csv' })), { fileName: 'cis.csv' });
    const rels = parseCsvRelationships(relText, suggestCsvMapping(readCsvHeader(relText, { fileName: 'rels.csv' })), { fileName: 'rels.csv' });
    expect([cis.cis.length, cis.rejected.length, rels.relationships.length]).toEqual([n, 0, n - 1]);
    // Each record after the header spans two lines (a quoted line break).
    expect(cis.cis[n - 1].sourceRef).toEqual({ file: 'cis.csv', line: 2 * n, row: n + 1 });
    const plan = planImport(new CmdbGraph(), { ...cis, relationships: rels.relationships });
    expect(plan.counts).toEqual({
      cis: { create: n, update: 0, unchanged: 0, rejected: 0 },
      relationships: { create: n - 1, update: 0, unchanged: 0, rejected: 0 },
      changes: { create: 0, update: 0, unchanged: 0, rejected: 0 },
      incidents: { create: 0, update: 0, unchanged: 0, rejected: 0 },
      problems: { create: 0, update: 0, unchanged: 0, rejected: 0 },
    });
  });
});
