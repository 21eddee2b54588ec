// The RFC 4180 reader: quoting, line ends, record lines, limits; and reading back what the
// CSV exporter (papaparse unparse) writes, for any cells.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../../../src/core/formats/import';
import { tableToCsv } from '../../../../../src/core/formats/export/csv';
import { importError } from './fixtures';

const file = 't.csv';

describe('readCsv', () => {
  it('reads quoted cells, doubled quotes, quoted line breaks and empty cells', () => {
    const t = readCsv('a,b,c\r\n"x, y","say ""hi""",\r\n"multi\nline",2,3\r\n', { fileName: file });
    expect(t.header?.cells).toEqual(['a', 'b', 'c']);
    expect(t.records.map((r) => r.cells)).toEqual([
      ['x, y', 'say "hi"', ''],
      ['multi\nline', '2', '3'],
    ]);
  });

  it('gives each record the line it starts on and its spreadsheet row, across quoted line breaks and blank lines', () => {
    const t = readCsv('h1,h2\n"a\nb\nc",1\n\n2,3\n', { fileName: file });
    expect(t.records.map((r) => [r.line, r.row])).toEqual([
      [2, 2],
      [6, 3],
    ]);
  });

  it('accepts LF, CRLF and CR line ends in one file, and a BOM', () => {
    const t = readCsv('\uFEFFh\r\n1\n2\r3\r\n', { fileName: file });
    expect(t.header?.cells).toEqual(['h']);
    expect(t.records.map((r) => [r.cells[0], r.line])).toEqual([
      ['1', 2],
      ['2', 3],
      ['3', 4],
    ]);
  });

  it('sniffs ; tab and | delimiters from the header line', () => {
    expect(readCsv('a;b\n1;2', { fileName: file }).records[0].cells).toEqual(['1', '2']);
    expect(readCsv('a\tb\n1\t2', { fileName: file }).delimiter).toBe('\t');
    expect(readCsv('a|b\n1|2', { fileName: file }).delimiter).toBe('|');
    expect(readCsv('"a;b",c\n1,2', { fileName: file }).delimiter).toBe(',');
  });

  it('keeps text after a closing quote, as spreadsheets do', () => {
    expect(readCsv('h\n"ab"cd\n', { fileName: file }).records[0].cells).toEqual(['abcd']);
  });

  it('names the line and column of a quoted cell that is never closed', () => {
    const e = importError(() => readCsv('a,b\n1,2\n3,"open\nstill open', { fileName: file }));
    expect(e.code).toBe('syntax');
    expect([e.line, e.column]).toEqual([3, 3]);
    expect(e.message).toBe('t.csv:3:3: row 3: a quoted cell is never closed (missing ") (the file ends in the middle of a line: it may be cut short)');
  });

  it('reads back any table the CSV exporter writes (quotes, commas, line breaks, unicode)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r', ';', 'é', '€', '😀', 'x') });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 8 }), (width, rows) => {
        const columns = Array.from({ length: width }, (_, i) => `col${i}`);
        const data = rows.map((r) => r.slice(0, width)).filter((r) => !(width === 1 && r[0] === ''));
        // The exporter neutralises formula-looking cells; keep this property to the quoting.
        const csv = tableToCsv({ columns, rows: data.map((r) => r.map((c) => c.replace(/^[=+\-@\t\r]/, 'x'))) });
        const t = readCsv(csv, { fileName: file, delimiter: ',' });
        expect(t.header?.cells).toEqual(columns);
        expect(t.records.map((r) => r.cells)).toEqual(data.map((r) => r.map((c) => c.replace(/^[=+\-@\t\r]/, 'x'))));
      }),
      { numRuns: 300 },
    );
  });
});
