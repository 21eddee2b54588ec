// Limit checks shared by every importer: bytes, rows/items, nesting depth, string length,
// and the guard that turns an unexpected exception into ImportError('internal').
import { IMPORT_LIMITS, ImportError, type ImportLimits, type ImportOptions } from './types';

export function resolveLimits(options: ImportOptions): ImportLimits {
  const limits: ImportLimits = { ...IMPORT_LIMITS };
  const given = options.limits ?? {};
  for (const key of Object.keys(IMPORT_LIMITS) as (keyof ImportLimits)[]) {
    const value = given[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) limits[key] = value;
  }
  return limits;
}

/** UTF-8 length of a JS string, stopping early once it passes `stopAt`. Linear, no allocation. */
export function utf8Length(text: string, stopAt = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
    if (bytes > stopAt) return bytes;
  }
  return bytes;
}

export function checkBytes(text: string, file: string, limits: ImportLimits): void {
  // Every UTF-16 code unit is 1–3 bytes, so the exact count is only needed near the limit.
  if (text.length <= limits.maxBytes / 3) return;
  const bytes = text.length > limits.maxBytes ? text.length : utf8Length(text, limits.maxBytes);
  if (bytes > limits.maxBytes) {
    throw new ImportError('limit', { file }, `the file is larger than the limit of ${limits.maxBytes} bytes`);
  }
}

/** Counts rows/items and throws once there are more than the limit. */
export class RowBudget {
  private count = 0;
  constructor(
    private readonly limits: ImportLimits,
    private readonly file: string,
    private readonly what: string,
  ) {}

  take(place: { line?: number; row?: number; path?: string } = {}): void {
    if (++this.count > this.limits.maxRows) {
      throw new ImportError('limit', { file: this.file, ...place }, `more than ${this.limits.maxRows} ${this.what} (the row limit)`);
    }
  }
}

export function pathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? (parent ? `${parent}.${key}` : key) : `${parent}[${JSON.stringify(key)}]`;
}

/**
 * Walks a parsed JSON/YAML value and throws ImportError('limit') at the first place that nests
 * deeper than maxDepth or holds a string (value or key) longer than maxStringLength.
 * Iterative, so a hostile depth cannot overflow the stack here.
 */
export function checkTree(root: unknown, file: string, limits: ImportLimits, basePath = '', line?: number): void {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: root, depth: 0, path: basePath }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop() as { value: unknown; depth: number; path: string };
    if (typeof value === 'string') {
      if (value.length > limits.maxStringLength) {
        throw new ImportError('limit', { file, line, path }, `a string of ${value.length} characters is longer than the limit of ${limits.maxStringLength}`);
      }
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limits.maxDepth) {
      throw new ImportError('limit', { file, line, path }, `nesting is deeper than the limit of ${limits.maxDepth}`);
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: depth + 1, path: `${path}[${i}]` });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      if (key.length > limits.maxStringLength) {
        throw new ImportError('limit', { file, line, path }, `a key of ${key.length} characters is longer than the limit of ${limits.maxStringLength}`);
      }
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: pathOf(path, key) });
    }
  }
}

/**
 * Runs a parser body so that it can only throw ImportError: anything else is a bug in an
 * importer and becomes ImportError('internal') with the original message.
 */
export function guard<T>(file: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof ImportError) throw e;
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new ImportError('limit', { file }, 'the input nests too deeply to read');
    }
    const message = e instanceof Error ? e.message : String(e);
    throw new ImportError('internal', { file }, `importer failed unexpectedly: ${message}`);
  }
}

/** guard for a parse that hands on parts as it reads: each of its steps runs under guard. */
export function* guardSteps<Y, R>(file: string, steps: Generator<Y, R, void>): Generator<Y, R, void> {
  for (;;) {
    const step = guard(file, () => steps.next());
    if (step.done) return step.value;
    yield step.value;
  }
}
