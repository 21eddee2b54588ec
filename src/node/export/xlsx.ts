// Excel export: a workbook with sheets "CIs" and "Relationships", the same columns as the CSV
// export (src/core/formats/export/table.ts), header row bold, frozen and filterable; the
// changes list is one sheet "Changes" written the same way (change-table.ts), and the incidents
// and problems lists one sheet "Incidents" or "Problems" (incident-table.ts).
// Cells are typed: criticality and redundancy_min_healthy are numbers, inferred a boolean, and
// everything else is written as a string cell, formula-neutralised like the CSV (a re-save
// as CSV would otherwise carry the formula on). Because an .xlsx is XML inside: characters
// XML 1.0 forbids are dropped (Excel refuses a file that carries them) and line breaks are
// written as LF, Excel's own line break in a cell (a CR would not survive the XML anyway).
// An empty string is an empty cell.
import { PassThrough } from 'node:stream';
// exceljs is large (hundreds of modules): loaded when a workbook is written, not with every process that imports this file.
import type ExcelJS from 'exceljs';
import {
  ciTable,
  neutralizeCell,
  relationshipTable,
  stripInvalidXmlChars,
  type Cell,
  type ExportScope,
  type Table,
} from '../../core/formats/export';

/** The media type of an .xlsx workbook. */
export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const XLSX_SHEETS = { cis: 'CIs', relationships: 'Relationships', changes: 'Changes', incidents: 'Incidents', problems: 'Problems' } as const;

const MAX_COLUMN_WIDTH = 60;

/** A string as an Excel text cell holds it (see the top of this file). */
export function xlsxText(text: string): string {
  return neutralizeCell(stripInvalidXmlChars(text).replace(/\r\n?/g, '\n'));
}

function xlsxCell(cell: Cell): string | number | boolean | null {
  if (typeof cell === 'string') return cell === '' ? null : xlsxText(cell);
  return cell;
}

function columnWidths(table: Table): number[] {
  return table.columns.map((column, i) => {
    let width = column.length;
    for (const row of table.rows) {
      const cell = row[i];
      if (cell !== null) width = Math.max(width, String(cell).length);
    }
    return Math.min(MAX_COLUMN_WIDTH, width + 2);
  });
}

function addTableSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, table: Table): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  // Widths go before the rows in the sheet XML, so they are set before the first row is written.
  sheet.columns = columnWidths(table).map((width) => ({ width }));
  const header = sheet.addRow(table.columns.map(xlsxText));
  header.font = { bold: true };
  header.commit();
  for (const row of table.rows) sheet.addRow(row.map(xlsxCell)).commit();
  if (table.columns.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + table.rows.length, column: table.columns.length } };
  }
  sheet.commit();
}

/**
 * The .xlsx file as bytes, written with exceljs's streaming writer (rows go out as they are
 * added: several times faster and far smaller in memory than the in-memory workbook).
 * `created` sets the workbook's document dates (now unless given).
 */
export async function writeXlsx(scope: ExportScope, options: { created?: Date } = {}): Promise<Buffer> {
  return writeXlsxSheets(
    [
      { name: XLSX_SHEETS.cis, table: ciTable(scope) },
      { name: XLSX_SHEETS.relationships, table: relationshipTable(scope) },
    ],
    options,
  );
}

/** A workbook of the given sheets in order, each laid out as writeXlsx lays out its two (the changes list uses it). */
export async function writeXlsxSheets(sheets: readonly { name: string; table: Table }[], options: { created?: Date } = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  workbook.creator = 'Faultline';
  const created = options.created ?? new Date();
  workbook.created = created;
  workbook.modified = created;
  for (const sheet of sheets) addTableSheet(workbook, sheet.name, sheet.table);
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}
