// The incidents and problems lists exported as CSV and as an Excel sheet: their columns in
// order, CIs and services by name (a deleted CI by its tombstone's name, an unknown one by id),
// times in ISO UTC, the causing change and the problem by number, numbers as numbers and formula
// text neutralised like the CI exports; then incident.export on the bundled sample.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { INCIDENT_COLUMNS, incidentTable, PROBLEM_COLUMNS, problemTable, restoreCell, tableToCsv } from '../../../../src/core/formats/export';
import { writeXlsxSheets, XLSX_SHEETS } from '../../../../src/node/export';
import type { Incident, Problem } from '../../../../src/shared/incidents';
import type { ExportedFile } from '../../../../src/shared/operations';
import { SAMPLE_INCIDENTS } from '../../../../resources/sample/sample-incidents';
import { withSampleService } from '../../../support/sample-service';
import { okValue } from '../service/harness';

const T = '2026-12-01T09:00:00.000Z';

function incident(fields: Partial<Incident> & Pick<Incident, 'id' | 'number' | 'title'>): Incident {
  return {
    description: '',
    affectedCiIds: ['db_orders'],
    affectedServices: [],
    impact: 2,
    suggestedImpact: 2,
    urgency: 2,
    priority: 3,
    status: 'new',
    openedAt: T,
    respondedAt: null,
    resolvedAt: null,
    closedAt: null,
    causedByChangeId: null,
    createdAt: T,
    updatedAt: T,
    ...fields,
  };
}

const INCIDENTS: Incident[] = [
  incident({
    id: 'inc_b',
    number: 'INC0002',
    title: '=HYPERLINK("http://evil.example","Click")',
    affectedCiIds: ['db_orders', 'ci_deleted', 'ci_unknown'],
    affectedServices: [
      { id: 'svc_checkout', name: 'Checkout', level: 'down', criticality: 1 },
      { id: 'svc_pay', name: '@Payments', level: 'degraded', criticality: 2 },
    ],
    impact: 1,
    urgency: 1,
    priority: 1,
    status: 'closed',
    openedAt: '2026-11-22T01:02:00.000Z',
    resolvedAt: '2026-11-22T01:31:00.000Z',
    closedAt: '2026-11-24T09:40:00.000Z',
    causedByChangeId: 'chg_a',
  }),
  incident({ id: 'inc_a', number: 'INC0001', title: 'Slow "search",\ntwo lines', causedByChangeId: 'chg_gone' }),
];

const PROBLEMS: Problem[] = [
  {
    id: 'prb_a',
    number: 'PRB0001',
    title: 'orders-db saturates',
    description: '',
    incidentIds: ['inc_b', 'inc_a'],
    rootCauseCiId: 'db_orders',
    status: 'known_error',
    knownError: '-pool too small',
    workaround: '+restart the pool',
    resolvedAt: null,
    createdAt: T,
    updatedAt: T,
  },
];

const NAMES: Record<string, string> = { db_orders: 'orders-db', ci_deleted: 'old-cache (deleted)' };
const names = {
  ciName: (id: string): string | undefined => NAMES[id],
  changeNumber: (id: string): string | undefined => (id === 'chg_a' ? 'CHG0001' : undefined),
  incidentNumber: (id: string): string | undefined => INCIDENTS.find((i) => i.id === id)?.number,
};

describe('incidentTable and problemTable', () => {
  it('have the list columns, rows in number order, names for ids, times in ISO UTC and each incident\'s problem', () => {
    const table = incidentTable(INCIDENTS, PROBLEMS, names);
    expect(table.columns).toEqual([...INCIDENT_COLUMNS]);
    expect(table.rows).toEqual([
      ['INC0001', 'Slow "search",\ntwo lines', 'new', 3, 2, 2, 'orders-db', '', T, null, null, 'chg_gone', 'PRB0001'],
      [
        'INC0002',
        '=HYPERLINK("http://evil.example","Click")',
        'closed',
        1,
        1,
        1,
        'orders-db;old-cache (deleted);ci_unknown',
        'Checkout;@Payments',
        '2026-11-22T01:02:00.000Z',
        '2026-11-22T01:31:00.000Z',
        '2026-11-24T09:40:00.000Z',
        'CHG0001',
        'PRB0001',
      ],
    ]);
    const problems = problemTable(PROBLEMS, names);
    expect(problems.columns).toEqual(['number', 'title', 'status', 'root_cause_ci', 'incidents', 'known_error', 'workaround', 'resolved_at']);
    expect(problems.columns).toEqual([...PROBLEM_COLUMNS]);
    expect(problems.rows).toEqual([['PRB0001', 'orders-db saturates', 'known_error', 'orders-db', 'INC0002;INC0001', '-pool too small', '+restart the pool', null]]);
  });

  it('as CSV: formula cells neutralised, and the values read back once the quote is removed', () => {
    const table = incidentTable(INCIDENTS, PROBLEMS, names);
    const [header, first, second] = Papa.parse<string[]>(tableToCsv(table), { header: false }).data;
    expect(header).toEqual([...INCIDENT_COLUMNS]);
    expect(second[1]).toBe(`'=HYPERLINK("http://evil.example","Click")`);
    expect(first[1]).toBe('Slow "search",\ntwo lines');
    expect([...first, ...second].map(restoreCell)).toEqual(table.rows.flat().map((cell) => (cell === null ? '' : String(cell))));
    const [, problem] = Papa.parse<string[]>(tableToCsv(problemTable(PROBLEMS, names)), { header: false }).data;
    expect(problem.slice(5, 7)).toEqual([`'-pool too small`, `'+restart the pool`]);
  });

  it('as an Excel sheet: typed cells, no formula', async () => {
    const buffer = await writeXlsxSheets([{ name: XLSX_SHEETS.incidents, table: incidentTable(INCIDENTS, PROBLEMS, names) }], { created: new Date(T) });
    const workbook = new ExcelJS.Workbook();
    // exceljs types its argument as the older Buffer type.
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Incidents']);
    const sheet = workbook.getWorksheet('Incidents')!;
    const row = (r: number) => INCIDENT_COLUMNS.map((_, c) => sheet.getRow(r).getCell(c + 1).value);
    expect(row(1)).toEqual([...INCIDENT_COLUMNS]);
    expect(row(3).slice(0, 4)).toEqual(['INC0002', `'=HYPERLINK("http://evil.example","Click")`, 'closed', 1]);
    sheet.eachRow((r) => r.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });
});

describe('incident.export on the sample CMDB', () => {
  it('writes every incident as CSV and every problem as a workbook, by name and number', async () => {
    await withSampleService(async (service) => {
      const { files } = okValue<{ files: ExportedFile[] }>(await service.dispatch('incident.export', { format: 'csv' }));
      expect(files.map((f) => [f.name, f.mimeType, f.encoding])).toEqual([['incidents.csv', 'text/csv', 'utf8']]);
      const [header, ...rows] = Papa.parse<string[]>(files[0].content, { header: false, skipEmptyLines: true }).data;
      expect(header).toEqual([...INCIDENT_COLUMNS]);
      expect(rows.map((r) => r[0])).toEqual(Object.values(SAMPLE_INCIDENTS).map((i) => i.number));
      const catalog = rows.find((r) => r[0] === SAMPLE_INCIDENTS.catalogReadOnly.number)!;
      expect([catalog[2], catalog[6], catalog[8], catalog[11]]).toEqual(['closed', 'Catalog API', '2026-11-22T01:02:00.000Z', 'CHG0001']);
      expect(catalog[7].split(';')).toContain('Storefront');
      expect(rows.filter((r) => r[12] === 'PRB0001').map((r) => r[0])).toEqual(['INC0002', 'INC0003']);

      const problems = okValue<{ files: ExportedFile[] }>(await service.dispatch('incident.export', { format: 'xlsx', kind: 'problems' }));
      expect(problems.files.map((f) => [f.name, f.encoding])).toEqual([['problems.xlsx', 'base64']]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(problems.files[0].content, 'base64') as unknown as Parameters<typeof workbook.xlsx.load>[0]);
      const sheet = workbook.getWorksheet(XLSX_SHEETS.problems)!;
      expect(sheet.rowCount).toBe(2);
      expect([1, 3, 4, 5].map((c) => sheet.getRow(2).getCell(c).value)).toEqual(['PRB0001', 'known_error', 'Payment gateway service', 'INC0002;INC0003']);
    });
  });
});
