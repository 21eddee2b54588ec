// CSV export: cis.csv and relationships.csv, Gephi-compatible leading columns (see table.ts),
// RFC 4180 quoting by papaparse, CRLF line ends, formula cells neutralised (neutralize.ts).
import Papa from 'papaparse';
import type { ExportScope } from './scope';
import { neutralizeCell } from './neutralize';
import { ciTable, relationshipTable, type Cell, type Table } from './table';

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark so Excel reads non-ASCII text right (Gephi does not need it). */
  bom?: boolean;
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return neutralizeCell(cell);
  return String(cell);
}

export function tableToCsv(table: Table, options: CsvOptions = {}): string {
  const text = Papa.unparse(
    { fields: table.columns.map(neutralizeCell), data: table.rows.map((row) => row.map(csvCell)) },
    // escapeFormulae stays off: neutralizeCell does it (papaparse's test misses values with a line break).
    { newline: '\r\n', quotes: false, escapeFormulae: false, header: true },
  );
  // Every record, the last included, ends with CRLF (papaparse already ends a header-only table).
  return (options.bom ? '\uFEFF' : '') + (text.endsWith('\r\n') ? text : `${text}\r\n`);
}

export function writeCisCsv(scope: ExportScope, options: CsvOptions = {}): string {
  return tableToCsv(ciTable(scope), options);
}

export function writeRelationshipsCsv(scope: ExportScope, options: CsvOptions = {}): string {
  return tableToCsv(relationshipTable(scope), options);
}

export function writeCsv(scope: ExportScope, options: CsvOptions = {}): { 'cis.csv': string; 'relationships.csv': string } {
  return { 'cis.csv': writeCisCsv(scope, options), 'relationships.csv': writeRelationshipsCsv(scope, options) };
}
