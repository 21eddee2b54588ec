// CSV export: cis.csv and relationships.csv, Gephi-compatible leading columns (see table.ts),
// RFC 4180 quoting by papaparse, CRLF line ends, formula cells neutralised (neutralize.ts).
import Papa from 'papaparse';
import type { ExportScope } from './scope';
import { neutralizeCell } from './neutralize';
import { ciTable, relationshipTable, type Cell, type Table } from './table';
import { runSteps, STEP_SLICE, type Steps } from '../../steps';

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
  return runSteps(tableToCsvSteps(table, options));
}

/** The table as CSV, written STEP_SLICE rows at a time (the header with the first slice). */
export function* tableToCsvSteps(table: Table, options: CsvOptions = {}): Steps<string> {
  const fields = table.columns.map(neutralizeCell);
  const pieces: string[] = [];
  let start = 0;
  do {
    if (start > 0) yield;
    const data = table.rows.slice(start, start + STEP_SLICE).map((row) => row.map(csvCell));
    // escapeFormulae stays off: neutralizeCell does it (papaparse's test misses values with a line break).
    pieces.push(Papa.unparse({ fields, data }, { newline: '\r\n', quotes: false, escapeFormulae: false, header: start === 0 }));
    start += STEP_SLICE;
  } while (start < table.rows.length);
  const text = pieces.join('\r\n');
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
  return runSteps(writeCsvSteps(scope, options));
}

export function* writeCsvSteps(scope: ExportScope, options: CsvOptions = {}): Steps<{ 'cis.csv': string; 'relationships.csv': string }> {
  const cis = yield* tableToCsvSteps(ciTable(scope), options);
  const relationships = yield* tableToCsvSteps(relationshipTable(scope), options);
  return { 'cis.csv': cis, 'relationships.csv': relationships };
}
