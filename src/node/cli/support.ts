// Helpers shared by the CLI commands: argument parsing with usage errors, reading a document
// (no lock) or opening it for writing for the length of a command, finding a CI by id or name, and plain tables.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CmdbGraph } from '../../core/graph/cmdb-graph';
import type { Ci } from '../../shared/model';
import { createEnvironment, describeOpenError } from '../service';
import { openCmdbStore, readDocumentReadOnly, type CmdbStore, type ReadOnlyDocument } from '../storage';
import { CliError, UsageError, type CliIo } from './types';

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

async function requireFile(dbPath: string): Promise<string> {
  const path = resolve(dbPath);
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch {
    throw new CliError(`No such file: ${path}`);
  }
  if (!isFile) throw new CliError(`Not a file: ${path}`);
  return path;
}

/** What opening the document raised (a torn tail cut, a recovery, a migration), on stderr. */
function printWarnings(io: CliIo, warnings: readonly string[]): void {
  for (const warning of warnings) io.stderr(`faultline: warning: ${warning}\n`);
}

/**
 * Reads a document for a command that only reads: no lock is taken and nothing is written,
 * so it works on read-only media and while the app has the document open (it sees every
 * edit the app has saved).
 */
export async function readDocument<T>(dbPath: string, io: CliIo, use: (document: ReadOnlyDocument) => Promise<T> | T): Promise<T> {
  const path = await requireFile(dbPath);
  let document: ReadOnlyDocument;
  try {
    document = await readDocumentReadOnly(path, createEnvironment('cli'));
  } catch (error) {
    throw new CliError(describeOpenError(error, path).message);
  }
  printWarnings(io, document.warnings);
  return use(document);
}

/**
 * Opens a document for writing for the length of `use` and closes it after (the store takes
 * the document's lock, so no other process writes it meanwhile).
 */
export async function withDocument<T>(dbPath: string, io: CliIo, use: (store: CmdbStore) => Promise<T> | T): Promise<T> {
  const path = await requireFile(dbPath);
  let store: CmdbStore;
  try {
    store = await openCmdbStore(path, { env: createEnvironment('cli'), createIfMissing: false });
  } catch (error) {
    throw new CliError(describeOpenError(error, path).message);
  }
  printWarnings(io, store.warnings);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** A CI by exact id, else by name (case-insensitive); an ambiguous name lists the candidates. */
export function findCi(graph: CmdbGraph, ref: string): Ci {
  const byId = graph.getCi(ref);
  if (byId) return byId;
  const wanted = ref.trim().toLowerCase();
  const matches: Ci[] = [];
  for (const ci of graph.cis()) if (ci.name.toLowerCase() === wanted) matches.push(ci);
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) throw new CliError(`No CI with id or name "${ref}"`);
  const list = matches.map((ci) => `${ci.id} (${ci.class}, ${ci.environment || 'no environment'})`).join(', ');
  throw new CliError(`"${ref}" names ${matches.length} CIs: ${list}; give an id instead`);
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
