// Spreadsheet formula neutralising for CSV and Excel cells (OWASP "CSV Injection").
//
// A text cell that starts with = + - @ tab or CR would be run as a formula by Excel,
// LibreOffice or Google Sheets, so it gets a leading single quote, which the spreadsheet
// shows as text. Choices:
// - Every string cell is checked, numeric-looking or not: in this model only criticality and
//   redundancy_min_healthy are numbers (written as numbers, never negative); anything else
//   is text, so an attribute "-5" is text and is written as '-5.
// - To stay reversible, a value that already starts with quotes followed by a trigger
//   character ('=x) is quoted once more (''=x); `restoreCell` strips exactly one quote from
//   any cell matching /^'+[=+\-@\t\r]/ and leaves every other cell alone, so
//   restoreCell(neutralizeCell(v)) === v for every string v.

const NEEDS_QUOTE = /^'*[=+\-@\t\r]/;
const WAS_QUOTED = /^'+[=+\-@\t\r]/;

export function neutralizeCell(value: string): string {
  return NEEDS_QUOTE.test(value) ? `'${value}` : value;
}

/** The inverse of neutralizeCell, for importers reading our own CSV or Excel files back. */
export function restoreCell(cell: string): string {
  return WAS_QUOTED.test(cell) ? cell.slice(1) : cell;
}
