// The changes list exported as CSV and as an Excel sheet: its columns in order, the window in
// ISO UTC, targets by name (a deleted CI by its tombstone's name, an unknown one by id), numbers
// as numbers, and formula text neutralised in both like the CI exports; then change.export on
// the bundled sample, agreeing with the changes list.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CHANGE_COLUMNS, changeTable, restoreCell, tableToCsv } from '../../../../src/core/formats/export';
import { writeXlsxSheets, XLSX_SHEETS } from '../../../../src/node/export';
import type { Change } from '../../../../src/shared/changes';
import type { ChangeListItem, ExportedFile } from '../../../../src/shared/operations';
import { withSampleService } from '../../../support/sample-service';
import { okValue } from '../service/harness';

const T = '2026-12-01T09:00:00.000Z';

function item(change: Partial<Change> & Pick<Change, 'number' | 'title'>, risk: ChangeListItem['risk'], conflictCount: number): ChangeListItem {
  return {
    change: {
      id: `chg_${change.number}`,
      description: '',
      type: 'normal',
      state: 'draft',
      targets: [],
      window: null,
      implementer: '',
      rollbackPlan: '',
      events: [],
      impactSnapshot: null,
      review: null,
      createdAt: T,
      updatedAt: T,
      ...change,
    },
    risk,
    conflictCount,
  };
}

const ITEMS: ChangeListItem[] = [
  item(
    {
      number: 'CHG0002',
      title: '=HYPERLINK("http://evil.example","Click")',
      type: 'emergency',
      state: 'scheduled',
      targets: [
        { ciId: 'db_orders', mode: 'down' },
        { ciId: 'ci_deleted', mode: 'degraded' },
        { ciId: 'ci_unknown', mode: 'down' },
      ],
      window: { start: '2026-12-06T01:00:00.000Z', end: '2026-12-06T03:00:00.000Z' },
      implementer: '@dana',
    },
    { score: 62, band: 'high' },
    2,
  ),
  item({ number: 'CHG0001', title: 'Rotate certificates, "quoted"\nand two lines', implementer: '-sam' }, { score: 0, band: 'low' }, 0),
];

const NAMES: Record<string, string> = { db_orders: 'orders-db', ci_deleted: 'old-cache (deleted)' };
const ciName = (id: string): string | undefined => NAMES[id];

describe('changeTable', () => {
  const table = changeTable(ITEMS, ciName);

  it('has the changes-list columns, rows in number order, the window in ISO UTC and targets by name', () => {
    expect(table.columns).toEqual(['number', 'title', 'type', 'state', 'risk_band', 'risk_score', 'window_start', 'window_end', 'implementer', 'targets', 'conflicts']);
    expect(table.columns).toEqual([...CHANGE_COLUMNS]);
    expect(table.rows).toEqual([
      ['CHG0001', 'Rotate certificates, "quoted"\nand two lines', 'normal', 'draft', 'low', 0, null, null, '-sam', '', 0],
      [
        'CHG0002',
        '=HYPERLINK("http://evil.example","Click")',
        'emergency',
        'scheduled',
        'high',
        62,
        '2026-12-06T01:00:00.000Z',
        '2026-12-06T03:00:00.000Z',
        '@dana',
        'orders-db;old-cache (deleted);ci_unknown',
        2,
      ],
    ]);
  });

  it('as CSV: RFC 4180 quoting, formula cells neutralised, and the values read back once the quote is removed', () => {
    const text = tableToCsv(table);
    const parsed = Papa.parse<string[]>(text, { header: false });
    const [header, first, second] = parsed.data;
    expect(header).toEqual([...CHANGE_COLUMNS]);
    expect(second[1]).toBe(`'=HYPERLINK("http://evil.example","Click")`);
    expect(second[8]).toBe(`'@dana`);
    expect(first[8]).toBe(`'-sam`);
    expect(first[1]).toBe('Rotate certificates, "quoted"\nand two lines');
    expect([...first, ...second].map(restoreCell)).toEqual(
      table.rows.flat().map((cell) => (cell === null ? '' : String(cell))),
    );
  });
});

describe('the changes list as an Excel sheet', () => {
  it('is one sheet "Changes" with typed cells and neutralised formula text', async () => {
    const buffer = await writeXlsxSheets([{ name: XLSX_SHEETS.changes, table: changeTable(ITEMS, ciName) }], { created: new Date(T) });
    const workbook = new ExcelJS.Workbook();
    // exceljs types its argument as the older Buffer type.
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Changes']);
    const sheet = workbook.getWorksheet('Changes')!;
    const values = (r: number) => CHANGE_COLUMNS.map((_, c) => sheet.getRow(r).getCell(c + 1).value);
    expect(values(1)).toEqual([...CHANGE_COLUMNS]);
    expect(values(3)).toEqual([
      'CHG0002',
      `'=HYPERLINK("http://evil.example","Click")`,
      'emergency',
      'scheduled',
      'high',
      62,
      '2026-12-06T01:00:00.000Z',
      '2026-12-06T03:00:00.000Z',
      `'@dana`,
      'orders-db;old-cache (deleted);ci_unknown',
      2,
    ]);
    // No cell is a formula, and the header is frozen and filterable like the CI sheets.
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeDefined();
  });
});

describe('change.export on the sample CMDB', () => {
  it('writes every change, or those in the states asked for, with its risk and conflicts, as CSV and as a workbook', async () => {
    await withSampleService(async (service) => {
      const list = okValue<ChangeListItem[]>(await service.dispatch('change.list', {}));
      const { files } = okValue<{ files: ExportedFile[] }>(await service.dispatch('change.export', { format: 'csv' }));
      expect(files.map((f) => [f.name, f.mimeType, f.encoding])).toEqual([['changes.csv', 'text/csv', 'utf8']]);
      const [header, ...rows] = Papa.parse<string[]>(files[0].content, { header: false, skipEmptyLines: true }).data;
      expect(header).toEqual([...CHANGE_COLUMNS]);
      expect(rows.map((r) => r[0])).toEqual(['CHG0001', 'CHG0002', 'CHG0003', 'CHG0004', 'CHG0005', 'CHG0006']);
      // The same risk and conflict counts as the changes list shows.
      for (const row of rows) {
        const item = list.find((i) => i.change.number === row[0])!;
        expect([row[4], Number(row[5]), Number(row[10])], row[0]).toEqual([item.risk.band, item.risk.score, item.conflictCount]);
      }
      const demo = rows.find((r) => r[0] === 'CHG0004')!;
      expect(demo.slice(6, 10)).toEqual(['2026-12-13T00:00:00.000Z', '2026-12-13T02:00:00.000Z', 'Dana Whitfield', 'orders-db primary (fra-pg-orders01)']);
      expect(Number(demo[10])).toBeGreaterThan(0);

      const open = okValue<{ files: ExportedFile[] }>(await service.dispatch('change.export', { format: 'xlsx', states: ['cab_review', 'approved'] }));
      expect(open.files.map((f) => [f.name, f.encoding])).toEqual([['changes.xlsx', 'base64']]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(open.files[0].content, 'base64') as unknown as Parameters<typeof workbook.xlsx.load>[0]);
      const sheet = workbook.getWorksheet(XLSX_SHEETS.changes)!;
      expect([2, 3].map((r) => sheet.getRow(r).getCell(1).value)).toEqual(['CHG0003', 'CHG0004']);
      expect(sheet.rowCount).toBe(3);
    });
  });
});
