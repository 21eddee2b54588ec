// Excel export read back with exceljs: two sheets, the CSV columns, typed cells, neutralised
// formula text, bold frozen filterable header.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  ciTable,
  neutralizeCell,
  relationshipTable,
  restoreCell,
  stripInvalidXmlChars,
  type Cell,
  type Table,
} from '../../../../src/core/formats/export';
import { writeXlsx, XLSX_SHEETS } from '../../../../src/node/export';
import { FIXTURE_CIS, fixtureScope } from '../../core/formats/export/fixture';

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its argument as the older Buffer type.
  await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

function sheetValues(sheet: ExcelJS.Worksheet, width: number): Cell[][] {
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) {
      const value = row.getCell(c).value;
      expect(value === null || ['string', 'number', 'boolean'].includes(typeof value)).toBe(true);
      cells.push(value as Cell);
    }
    rows.push(cells);
  });
  return rows;
}

function expectedCells(table: Table): Cell[][] {
  const cell = (v: Cell): Cell => {
    if (typeof v !== 'string') return v;
    if (v === '') return null;
    return neutralizeCell(stripInvalidXmlChars(v).replace(/\r\n?/g, '\n'));
  };
  return [table.columns.map(cell), ...table.rows.map((row) => row.map(cell))];
}

describe('writeXlsx', () => {
  const created = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

  it('has a CIs and a Relationships sheet with the same cells as the CSV tables', async () => {
    const workbook = await load(await writeXlsx(fixtureScope(), { created }));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([XLSX_SHEETS.cis, XLSX_SHEETS.relationships]);
    expect(workbook.creator).toBe('Faultline');
    for (const [name, table] of [
      [XLSX_SHEETS.cis, ciTable(fixtureScope())],
      [XLSX_SHEETS.relationships, relationshipTable(fixtureScope())],
    ] as const) {
      const sheet = workbook.getWorksheet(name)!;
      expect(sheetValues(sheet, table.columns.length)).toEqual(expectedCells(table));
    }
  });

  it('writes numbers and booleans typed, and text as neutralised strings', async () => {
    const workbook = await load(await writeXlsx(fixtureScope(), { created }));
    const cis = workbook.getWorksheet(XLSX_SHEETS.cis)!;
    const header = (cis.getRow(1).values as Cell[]).slice(1);
    const column = (name: string) => header.indexOf(name) + 1;
    const rowOf = (id: string) => {
      let found: ExcelJS.Row | undefined;
      cis.eachRow((row) => {
        if (row.getCell(1).value === id) found = row;
      });
      return found!;
    };
    const pay = rowOf('ci_pay');
    expect(pay.getCell(column('criticality')).type).toBe(ExcelJS.ValueType.Number);
    expect(pay.getCell(column('redundancy_min_healthy')).value).toBe(2);
    expect(pay.getCell(column('owner')).type).toBe(ExcelJS.ValueType.String);
    expect(pay.getCell(column('owner')).value).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(pay.getCell(column('ext.servicenow')).value).toBe("'-0001");
    expect(pay.getCell(column('Label')).value).toBe('Payments, "EU" <prod> & co');
    const db = rowOf('ci_db');
    expect(db.getCell(column('Label')).value).toBe('Line one\nLine two\nLine three');
    expect(db.getCell(column('attr.cr')).value).toBe('\ncmd');
    expect(db.getCell(column('attr.tabbed')).value).toBe("'\tcmd");
    expect(db.getCell(column('attr.minus')).value).toBe("'-5");
    const ctrl = rowOf('ci_ctrl');
    expect(ctrl.getCell(column('Label')).value).toBe('bell nul esc back\\slash "x" ] ; -> "y"');
    const uni = rowOf('ci_uni');
    const uniCi = FIXTURE_CIS.find((c) => c.id === 'ci_uni')!;
    expect(restoreCell(String(uni.getCell(column('Label')).value))).toBe(uniCi.name);
    expect(uniCi.attributes.empty).toBe('');
    expect(uni.getCell(column('attr.empty')).value).toBe(null);
    const rels = workbook.getWorksheet(XLSX_SHEETS.relationships)!;
    expect(rels.getRow(2).getCell(7).type).toBe(ExcelJS.ValueType.Boolean);
  });

  it('makes the header bold, frozen and filterable', async () => {
    const workbook = await load(await writeXlsx(fixtureScope(), { created }));
    for (const sheet of workbook.worksheets) {
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(sheet.getRow(2).getCell(1).font?.bold).not.toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    }
    // 28 CI columns (A..AB) and 7 relationship columns (A..G), header plus 5 rows each
    expect(workbook.getWorksheet(XLSX_SHEETS.cis)!.autoFilter).toBe('A1:AB6');
    expect(workbook.getWorksheet(XLSX_SHEETS.relationships)!.autoFilter).toBe('A1:G6');
  });

  it('writes an empty scope as two header-only sheets', async () => {
    const workbook = await load(await writeXlsx({ cis: [], relationships: [] }, { created }));
    expect(workbook.getWorksheet(XLSX_SHEETS.cis)!.rowCount).toBe(1);
    expect(workbook.getWorksheet(XLSX_SHEETS.relationships)!.rowCount).toBe(1);
  });
});
