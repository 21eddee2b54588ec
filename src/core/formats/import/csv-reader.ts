// An RFC 4180 CSV reader that knows where each record starts: records as cell arrays with
// their line, CRLF/LF/CR line ends (mixed too), doubled quotes, quoted line breaks, a BOM,
// and limits enforced while scanning (rows, cell length), in one linear pass.
//
// Why not papaparse here: it picks one line-end style per file (a LF inside a CRLF file then
// silently merges records), gives no line number for a record that follows a quoted line
// break, and its @types pull Node's globals into the core's typecheck.
import { checkBytes, resolveLimits } from './limits';
import { ImportError, PROGRESS_EVERY, type ImportLimits, type ImportOptions } from './types';

export interface CsvRecord {
  /** Line (1-based) on which the record starts. */
  line: number;
  /** Spreadsheet row number: the first record (the header) is row 1; blank lines are not rows. */
  row: number;
  cells: string[];
}

/** What is known once every record of a CSV text has been read. */
export interface CsvEnd {
  /** With skipUnreadable: the unreadable rest of the file (a quote never closed), which the records leave out. */
  unreadable?: { line: number; column: number; reason: string; rows: number };
  /** The text does not end with a line break (with a short last row, a sign it was cut). */
  endsMidLine: boolean;
  /** The last record read (the header when there is no other), for the check of a cut last row. */
  last: CsvRecord | null;
}

/** A CSV text being read: its header, then the other records one at a time (none is kept), then what CsvEnd says. */
export interface CsvScan {
  delimiter: string;
  header: CsvRecord | null;
  records: Generator<CsvRecord, CsvEnd, void>;
}

export interface CsvTable extends CsvEnd {
  delimiter: string;
  header: CsvRecord | null;
  records: CsvRecord[];
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

/**
 * Starts reading a CSV text: checks its size, sniffs the delimiter and reads the header row; the
 * other records come from `records` as they are read, so a caller that does not keep them holds
 * no more than the text and one record. Errors (syntax, limits) are thrown where they are met.
 */
export function scanCsv(input: string, options: CsvReadOptions): CsvScan {
  const file = options.fileName;
  const limits = resolveLimits(options);
  checkBytes(input, file, limits);
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new ImportError('format', { file }, `"${delimiter}" cannot be a CSV delimiter`);
  }
  const all = scanRecords(text, delimiter.charCodeAt(0), options, limits);
  const first = all.next();
  const header = first.done ? null : first.value;
  const n = text.length;
  const lastChar = text.charCodeAt(n - 1);
  const endsMidLine = n > 0 && lastChar !== LF && lastChar !== CR;
  function* rest(): Generator<CsvRecord, CsvEnd, void> {
    let last = header;
    let count = 0;
    let step = first;
    while (!step.done) {
      step = all.next();
      if (step.done) break;
      const record = step.value;
      if (++count > limits.maxRows) {
        throw new ImportError('limit', { file, line: record.line, row: record.row }, `more than ${limits.maxRows} rows (the row limit)`);
      }
      last = record;
      yield record;
    }
    const unreadable = step.value ?? undefined;
    return { ...(unreadable ? { unreadable } : {}), endsMidLine, last };
  }
  return { delimiter, header, records: rest() };
}

/** Every record of the text, the header first; returns the unreadable rest (with skipUnreadable), if any. */
function* scanRecords(text: string, delim: number, options: CsvReadOptions, limits: ImportLimits): Generator<CsvRecord, CsvEnd['unreadable'] | null, void> {
  const file = options.fileName;
  const onProgress = options.onProgress;
  const n = text.length;
  let i = 0;
  let line = 1;
  /** Offset where the current line starts, for columns. */
  let lineStart = 0;
  let row = 0;

  const tooLong = (length: number, column: number, at: number): never => {
    throw new ImportError('limit', { file, line: at, column }, `a cell of ${length} characters is longer than the limit of ${limits.maxStringLength}`);
  };

  while (i < n) {
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
            return { line: quoteLine, column: quoteColumn, reason, rows: Math.max(1, rowsIn(text, recordStart)) };
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
    yield { line: recordLine, row, cells };
  }
  return null;
}

/** The whole table at once (for the readers that need every record together). */
export function readCsv(input: string, options: CsvReadOptions): CsvTable {
  const { delimiter, header, records: scan } = scanCsv(input, options);
  const records: CsvRecord[] = [];
  let step = scan.next();
  for (; !step.done; step = scan.next()) records.push(step.value);
  return { delimiter, header, records, ...step.value };
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

/** Puts a table's unreadable rest and a likely cut into a batch's warnings (see CsvEnd). */
export function reportCsvTable(table: CsvEnd & { header: CsvRecord | null }, width: number, file: string, report: { skip(rows: number, message: string): void; truncated(message: string): void }): void {
  const u = table.unreadable;
  if (u) report.skip(u.rows, `${file}:${u.line}:${u.column}: ${u.reason}; skipped as asked, ${u.rows} row(s) from there to the end lost`);
  const last = table.last !== table.header ? table.last : null;
  if (!u && table.endsMidLine && last && last.cells.length < width) {
    report.truncated(`${file}:${last.line}: the last row (row ${last.row}) has ${last.cells.length} of ${width} cells and the file does not end with a line break: it may be cut short; check that the file is complete`);
  }
}
