// Helpers shared by the CLI commands: argument parsing with usage errors and plain tables.
// A command reaches its document through the operation table (client.ts).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type CliIo } from './types';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs in strict mode, its errors turned into UsageError (exit 2). */
export function parseCommandArgs<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function requireOption(value: string | undefined, flag: string): string {
  if (value === undefined || value.length === 0) throw new UsageError(`${flag} is required`);
  return value;
}

/** Columns padded to their widest cell, two spaces apart, no trailing spaces. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  // A loop, not Math.max(...cells): spreading 150k+ arguments overflows the stack.
  const widths = headers.map((header) => header.length);
  for (const row of rows) {
    for (let column = 0; column < widths.length; column++) widths[column] = Math.max(widths[column], (row[column] ?? '').length);
  }
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  const lines = [line(headers)];
  for (const row of rows) lines.push(line(row));
  return lines.join('\n');
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

export const CRITICALITY_LABELS: Readonly<Record<number, string>> = {
  1: 'mission critical',
  2: 'high',
  3: 'medium',
  4: 'low',
};
