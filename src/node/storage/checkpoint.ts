// The checkpoint: a lowdb document holding the whole CMDB at `journalSeq`. The adapter
// reads with migration and validation, and writes compact JSON atomically, in chunks.
import type { Adapter } from 'lowdb';
import type { DenseColumns } from '../../core/graph/csr-index';
import { CURRENT_SCHEMA_VERSION, OBJECT_FORMAT_VERSION, type CmdbDocument } from '../../shared/model';
import { CorruptFileError, errnoCode, StoreOpenError } from './errors';
import { writeFileAtomic } from './fs-util';
import { migrateDocument, type RawDocument } from './migrations';
import { FORMAT_MARKER, serializeDocument, type SerializeOptions } from './serialize';
import { nodeFs, type StorageFs } from './storage-fs';
import { validateDocument } from './validate';

/**
 * Every checkpoint this Faultline writes begins `{"format":"faultline","schemaVersion":…` (serialize.ts).
 * A file is taken for a Faultline document (and so moved aside when it fails to read) only when
 * it begins with the marker and a schemaVersion, or, as every Faultline writer before the marker
 * did (checkpoints, JSON snapshots, the bundled sample), with schemaVersion as its first key.
 * Anything else is refused untouched: a spreadsheet picked by mistake must never be renamed.
 */
const FAULTLINE_HEAD = new RegExp(`^\\s*\\{\\s*"(?:format"\\s*:\\s*"${FORMAT_MARKER}"\\s*,\\s*"schemaVersion"|schemaVersion")\\s*:`);

/** True when `text` (a file's content, or its first few hundred characters) begins like a Faultline document. */
export function looksLikeFaultlineDocument(text: string): boolean {
  return FAULTLINE_HEAD.test(text.slice(0, 512));
}

export function emptyDocument(): CmdbDocument {
  return { schemaVersion: OBJECT_FORMAT_VERSION, journalSeq: 0, cis: [], relationships: [], records: {}, settings: {} };
}

/** Where time goes when a checkpoint is read (for the benchmark). */
export interface CheckpointReadTimings {
  readMs: number;
  parseMs: number;
  validateMs: number;
}

export interface CheckpointReadResult {
  /** The CMDB as objects. */
  document: CmdbDocument;
  /** Its relationships by dense index (for cmdbFromDocument). */
  columns: DenseColumns;
  /** Set when the file was written in an older schemaVersion and migrated in memory. */
  migratedFrom?: number;
  timings: CheckpointReadTimings;
}

/**
 * lowdb adapter for a checkpoint file. `read()` resolves null when the file does not
 * exist, throws StoreOpenError 'not_a_document' when it is not one of ours, CorruptFileError
 * when it is but does not parse or validate, and StoreOpenError 'newer_schema' when it was
 * written by a newer Faultline; it never changes the file.
 */
export class CheckpointAdapter implements Adapter<CmdbDocument> {
  readonly path: string;
  private readonly serializeOptions: SerializeOptions;
  private readonly fs: StorageFs;
  /** Details of the last successful read. */
  lastRead: CheckpointReadResult | null = null;

  constructor(path: string, serializeOptions: SerializeOptions = {}, fs: StorageFs = nodeFs) {
    this.path = path;
    this.serializeOptions = serializeOptions;
    this.fs = fs;
  }

  async read(): Promise<CmdbDocument | null> {
    const result = await readCheckpoint(this.path, this.fs);
    this.lastRead = result;
    return result?.document ?? null;
  }

  async write(document: CmdbDocument): Promise<void> {
    await writeFileAtomic(this.path, serializeDocument(document, this.serializeOptions), this.fs);
  }
}

export async function readCheckpoint(path: string, fs: StorageFs = nodeFs): Promise<CheckpointReadResult | null> {
  let start = performance.now();
  let text: string;
  try {
    text = (await fs.readFile(path)).toString('utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw new StoreOpenError('io', path, `Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  const readMs = performance.now() - start;
  start = performance.now();
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!looksLikeFaultlineDocument(text)) {
    throw new StoreOpenError(
      'not_a_document',
      path,
      `${path} is not a Faultline document (it does not begin with Faultline's format marker or a schemaVersion); it was left untouched.`,
    );
  }
  const raw = parseJson(text, path);
  const parseMs = performance.now() - start;
  start = performance.now();

  const version = raw.schemaVersion;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    throw new CorruptFileError(path, `${path}: schemaVersion: expected a whole number, got ${JSON.stringify(version) ?? 'nothing'}`);
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new StoreOpenError(
      'newer_schema',
      path,
      `${path} was written by a newer version of Faultline (schemaVersion ${version}); this version reads schemaVersion ${CURRENT_SCHEMA_VERSION} and older. Update Faultline to open it. The file was left untouched.`,
    );
  }
  let migratedFrom: number | undefined;
  let current: RawDocument = raw;
  if (version < CURRENT_SCHEMA_VERSION) {
    current = migrateDocument(raw, version, path).document;
    migratedFrom = version;
  }
  const { document, columns } = validateDocument(current, path);
  const validateMs = performance.now() - start;
  return { document, columns, ...(migratedFrom === undefined ? {} : { migratedFrom }), timings: { readMs, parseMs, validateMs } };
}

function parseJson(text: string, path: string): RawDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(text);
    const where = offset === null ? '' : ` at ${describeOffset(text, offset)}`;
    throw new CorruptFileError(path, `${path}: not valid JSON${where} (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CorruptFileError(path, `${path}: expected a JSON object at the top level`);
  }
  return value as RawDocument;
}

function describeOffset(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const near = JSON.stringify(text.slice(Math.max(0, offset - 20), offset + 20));
  return `character ${offset} (line ${line}, column ${offset - lineStart + 1}, near ${near})`;
}

/**
 * The offset of the first character at which `text` stops being valid JSON (text.length
 * when it ends too early), or null if it is valid. Only run after JSON.parse has failed,
 * to say where; V8's own message does not always carry a position.
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  // Each function returns false at the first error, leaving i on it.
  const literal = (word: string): boolean => {
    if (text.startsWith(word, i)) {
      i += word.length;
      return true;
    }
    for (let k = 0; k < word.length && i < n && text[i] === word[k]; k++) i++;
    return false;
  };
  const string = (): boolean => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            return false;
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          i++;
          return false;
        }
      } else {
        i++;
      }
    }
    return false;
  };
  const number = (): boolean => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) return false;
    i += match[0].length;
    return true;
  };
  // Iterative over containers so deep nesting cannot overflow the stack.
  const stack: string[] = [];
  const value = (): boolean => {
    ws();
    const c = text[i];
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      return true;
    }
    return false;
  };
  // After an opening bracket: an immediate close, or the first member.
  let needValue = true;
  let afterOpen = false;
  for (;;) {
    if (needValue) {
      ws();
      const top = stack.at(-1);
      if (afterOpen && ((top === '{' && text[i] === '}') || (top === '[' && text[i] === ']'))) {
        i++;
        stack.pop();
        afterOpen = false;
        needValue = false;
        continue;
      }
      if (top === '{') {
        if (text[i] !== '"' || !string()) return i;
        ws();
        if (text[i] !== ':') return i;
        i++;
      }
      const depth = stack.length;
      if (!value()) return i;
      afterOpen = stack.length > depth;
      needValue = afterOpen;
      continue;
    }
    ws();
    if (stack.length === 0) return i === n ? null : i;
    const top = stack.at(-1);
    if (text[i] === ',') {
      i++;
      needValue = true;
      continue;
    }
    if ((top === '{' && text[i] === '}') || (top === '[' && text[i] === ']')) {
      i++;
      stack.pop();
      continue;
    }
    return i;
  }
}
