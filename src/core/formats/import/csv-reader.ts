// An RFC 4180 CSV reader that knows where each record starts: records as cell arrays with
// their line, CRLF/LF/CR line ends (mixed too), doubled quotes, quoted line breaks, a BOM,
// and limits enforced while scanning (rows, cell length), in one linear pass.
//
// Why not papaparse here: it picks one line-end style per file (a LF inside a CRLF file then
// silently merges records), gives no line number for a record that follows a quoted line
// break, and its @types pull Node's globals into the core's typecheck.
import { checkBytes, resolveLimits } from './limits';
import { ImportError, PROGRESS_EVERY, type ImportOptions } from './types';

export interface CsvRecord {
  /** Line (1-based) on which the record starts. */
  line: number;
  /** Spreadsheet row number: the first record (the header) is row 1; blank lines are not rows. */
  row: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: string;
  header: CsvRecord | null;
  records: CsvRecord[];
  /** With skipUnreadable: the unreadable rest of the file (a quote never closed), which `records` leave out. */
  unreadable?: { line: number; column: number; reason: string; rows: number };
  /** The text does not end with a line break (with a short last row, a sign it was cut). */
  endsMidLine: boolean;
}

/** Rows in a stretch of CSV text, counted by line breaks (a lower bound when quoted cells hold breaks). */
function rowsIn(text: string, from: number): number {
  let rows = 0;
  let content = false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
      if (content) rows++;
      content = false;
    } else if (c !== CR) content = true;
  }
  return rows + (content ? 1 : 0);
}

export interface CsvReadOptions extends ImportOptions {
  /** `,` `;` `\t` or `|`; sniffed from the first line when absent. */
  delimiter?: string;
  /** Stop after this many records (the header included); used to read only the header. */
  stopAfter?: number;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

function sniffDelimiter(text: string): string {
  let end = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      end = i;
      break;
    }
  }
  const first = text.slice(0, end);
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t', '|']) {
    let count = 0;
    let inQuotes = false;
    for (let i = 0; i < first.length; i++) {
      const ch = first[i];
      if (ch === '"') inQuotes = !inQuotes;
      else if (!inQuotes && ch === candidate) count++;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

export function readCsv(input: string, options: CsvReadOptions): CsvTable {
  const file = options.fileName;
  const limits = resolveLimits(options);
  checkBytes(input, file, limits);
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new ImportError('format', { file }, `"${delimiter}" cannot be a CSV delimiter`);
  }
  const delim = delimiter.charCodeAt(0);
  const stopAfter = options.stopAfter ?? Infinity;
  const onProgress = options.onProgress;
  const records: CsvRecord[] = [];
  let header: CsvRecord | null = null;
  const n = text.length;
  let i = 0;
  let line = 1;
  /** Offset where the current line starts, for columns. */
  let lineStart = 0;
  let row = 0;
  let unreadable: CsvTable['unreadable'];

  const tooLong = (length: number, column: number, at: number): never => {
    throw new ImportError('limit', { file, line: at, column }, `a cell of ${length} characters is longer than the limit of ${limits.maxStringLength}`);
  };

  records: while (i < n && row < stopAfter) {
    const recordLine = line;
    const recordStart = i;
    const cells: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        const quoteLine = line;
        const quoteColumn = i - lineStart + 1;
        const parts: string[] = [];
        let j = i + 1;
        let length = 0;
        for (;;) {
          const k = text.indexOf('"', j);
          if (k === -1) {
            const last = text.charCodeAt(n - 1);
            const cut = last !== LF && last !== CR ? ' (the file ends in the middle of a line: it may be cut short)' : '';
            const reason = `row ${row + 1}: a quoted cell is never closed (missing ")${cut}`;
            if (!options.skipUnreadable) throw new ImportError('syntax', { file, line: quoteLine, column: quoteColumn }, reason);
            // The quote runs to the end of the file: this row and every one after it are lost.
            unreadable = { line: quoteLine, column: quoteColumn, reason, rows: Math.max(1, rowsIn(text, recordStart)) };
            break records;
          }
          for (let p = j; p < k; p++) {
            const c = text.charCodeAt(p);
            if (c === LF || (c === CR && text.charCodeAt(p + 1) !== LF)) {
              line++;
              lineStart = p + 1;
            }
          }
          length += k - j;
          if (length > limits.maxStringLength) tooLong(length, cells.length + 1, quoteLine);
          if (text.charCodeAt(k + 1) === QUOTE) {
            parts.push(text.slice(j, k + 1));
            length++;
            j = k + 2;
          } else {
            parts.push(text.slice(j, k));
            i = k + 1;
            break;
          }
        }
        value = parts.length === 1 ? parts[0] : parts.join('');
        // Lenient like spreadsheets: text after the closing quote up to the delimiter is kept.
        const restStart = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
          i++;
        }
        if (i > restStart) value += text.slice(restStart, i);
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
          i++;
        }
        value = text.slice(start, i);
      }
      if (value.length > limits.maxStringLength) tooLong(value.length, cells.length + 1, recordLine);
      cells.push(value);
      if (i >= n) {
        endOfRecord = true;
      } else {
        const c = text.charCodeAt(i);
        if (c === delim) {
          i++;
          if (i >= n) {
            cells.push('');
            endOfRecord = true;
          }
        } else {
          i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
          line++;
          lineStart = i;
          endOfRecord = true;
        }
      }
    }
    if (cells.length === 1 && cells[0] === '') continue; // a blank line is not a record
    row++;
    if (onProgress && row % PROGRESS_EVERY === 0) onProgress({ unit: 'bytes', done: i, total: n });
    const record: CsvRecord = { line: recordLine, row, cells };
    if (header === null) {
      header = record;
    } else {
      if (records.length >= limits.maxRows) {
        throw new ImportError('limit', { file, line: recordLine, row }, `more than ${limits.maxRows} rows (the row limit)`);
      }
      records.push(record);
    }
  }
  const last = text.charCodeAt(n - 1);
  return { delimiter, header, records, ...(unreadable ? { unreadable } : {}), endsMidLine: n > 0 && last !== LF && last !== CR };
}

/**
 * A record wider than the header cannot be read as the file's columns (a stray delimiter shifts
 * every cell after it): it refuses the file, or with skipUnreadable is left out and counted.
 * Returns false for such a record.
 */
export function checkRecordWidth(record: CsvRecord, width: number, options: ImportOptions, skip: (message: string) => void): boolean {
  let extra = false;
  for (let i = width; i < record.cells.length; i++) {
    if (record.cells[i].trim() !== '') extra = true;
  }
  if (!extra) return true;
  const reason = `row ${record.row} has ${record.cells.length} cells but the header has ${width}`;
  if (!options.skipUnreadable) throw new ImportError('syntax', { file: options.fileName, line: record.line, row: record.row }, reason);
  skip(`${options.fileName}:${record.line}: ${reason}; skipped as asked, 1 row lost`);
  return false;
}

/** Puts a table's unreadable rest and a likely cut into a batch's warnings (see CsvTable). */
export function reportCsvTable(table: CsvTable, width: number, file: string, report: { skip(rows: number, message: string): void; truncated(message: string): void }): void {
  const u = table.unreadable;
  if (u) report.skip(u.rows, `${file}:${u.line}:${u.column}: ${u.reason}; skipped as asked, ${u.rows} row(s) from there to the end lost`);
  const last = table.records[table.records.length - 1];
  if (!u && table.endsMidLine && last && last.cells.length < width) {
    report.truncated(`${file}:${last.line}: the last row (row ${last.row}) has ${last.cells.length} of ${width} cells and the file does not end with a line break: it may be cut short; check that the file is complete`);
  }
}
