// Excel export: a workbook with sheets "CIs" and "Relationships", the same columns as the CSV
// export (src/core/formats/export/table.ts), header row bold, frozen and filterable.
// Cells are typed: criticality and redundancy_min_healthy are numbers, inferred a boolean, and
// everything else is written as a string cell, formula-neutralised like the CSV (a re-save
// as CSV would otherwise carry the formula on). Because an .xlsx is XML inside: characters
// XML 1.0 forbids are dropped (Excel refuses a file that carries them) and line breaks are
// written as LF, Excel's own line break in a cell (a CR would not survive the XML anyway).
// An empty string is an empty cell.
import ExcelJS from 'exceljs';
import {
  ciTable,
  neutralizeCell,
  relationshipTable,
  stripInvalidXmlChars,
  type Cell,
  type ExportScope,
  type Table,
} from '../../core/formats/export';

export const XLSX_SHEETS = { cis: 'CIs', relationships: 'Relationships' } as const;

const MAX_COLUMN_WIDTH = 60;

/** A string as an Excel text cell holds it (see the top of this file). */
export function xlsxText(text: string): string {
  return neutralizeCell(stripInvalidXmlChars(text).replace(/\r\n?/g, '\n'));
}

function xlsxCell(cell: Cell): string | number | boolean | null {
  if (typeof cell === 'string') return cell === '' ? null : xlsxText(cell);
  return cell;
}

function addTableSheet(workbook: ExcelJS.Workbook, name: string, table: Table): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const header = sheet.addRow(table.columns.map(xlsxText));
  header.font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map(xlsxCell));
  if (table.columns.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + table.rows.length, column: table.columns.length } };
  }
  table.columns.forEach((column, i) => {
    let width = column.length;
    for (const row of table.rows) {
      const cell = row[i];
      if (cell !== null) width = Math.max(width, String(cell).length);
    }
    sheet.getColumn(i + 1).width = Math.min(MAX_COLUMN_WIDTH, width + 2);
  });
}

/** The .xlsx file as bytes. `created` sets the workbook's document dates (now unless given). */
export async function writeXlsx(scope: ExportScope, options: { created?: Date } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Faultline';
  const created = options.created ?? new Date();
  workbook.created = created;
  workbook.modified = created;
  addTableSheet(workbook, XLSX_SHEETS.cis, ciTable(scope));
  addTableSheet(workbook, XLSX_SHEETS.relationships, relationshipTable(scope));
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes);
}
