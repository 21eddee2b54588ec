// JSON text to a value within the limits: bytes, syntax errors with line and column, then
// nesting depth and string lengths checked on the parsed tree.
import { checkBytes, checkTree } from './limits';
import { ImportError, type ImportLimits } from './types';

/** Line and column (1-based) of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Offset of the first JSON syntax error in `text` (text.length when it ends too early), or
 * -1 when it is valid. Only run after JSON.parse failed: Node's messages do not always give
 * a position. Iterative, one pass.
 */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  const stack: ('o' | 'a')[] = [];
  type State = 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'colon' | 'comma-or-end' | 'end';
  let state: State = 'value';
  let i = 0;
  const afterValue = (): State => (stack.length === 0 ? 'end' : 'comma-or-end');
  /** Index after the string starting at i, or -(error offset) - 1. */
  const skipString = (start: number): number => {
    let j = start + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 34) return j + 1;
      if (c < 0x20) return -j - 1;
      if (c === 92) {
        const e = text[j + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return -j - 1;
          j += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j += 2;
        else return -j - 1;
      } else j++;
    }
    return -n - 1;
  };
  for (;;) {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    if (i >= n) return state === 'end' ? -1 : n;
    const ch = text[i];
    if (state === 'end') return i;
    if (state === 'colon') {
      if (ch !== ':') return i;
      i++;
      state = 'value';
      continue;
    }
    if (state === 'comma-or-end') {
      const top = stack[stack.length - 1];
      if (ch === ',') {
        state = top === 'o' ? 'key' : 'value';
        i++;
      } else if ((ch === '}' && top === 'o') || (ch === ']' && top === 'a')) {
        stack.pop();
        i++;
        state = afterValue();
      } else return i;
      continue;
    }
    if (state === 'key' || state === 'key-or-end') {
      if (ch === '}' && state === 'key-or-end') {
        stack.pop();
        i++;
        state = afterValue();
        continue;
      }
      if (ch !== '"') return i;
      const end = skipString(i);
      if (end < 0) return -end - 1;
      i = end;
      state = 'colon';
      continue;
    }
    if (state === 'value-or-end' && ch === ']') {
      stack.pop();
      i++;
      state = afterValue();
      continue;
    }
    if (ch === '{') {
      stack.push('o');
      i++;
      state = 'key-or-end';
    } else if (ch === '[') {
      stack.push('a');
      i++;
      state = 'value-or-end';
    } else if (ch === '"') {
      const end = skipString(i);
      if (end < 0) return -end - 1;
      i = end;
      state = afterValue();
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
      i += 4;
      state = afterValue();
    } else if (text.startsWith('false', i)) {
      i += 5;
      state = afterValue();
    } else {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m || m[0].length === 0) return i;
      i += m[0].length;
      state = afterValue();
    }
  }
}

export function readJson(input: string, file: string, limits: ImportLimits): unknown {
  checkBytes(input, file, limits);
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const offset = jsonErrorOffset(text);
    const place = offset >= 0 ? { file, ...lineColumnAt(text, offset) } : { file };
    const what =
      offset >= text.length
        ? 'the JSON ends inside a value: the file may be cut short; check that it is complete'
        : `not valid JSON: ${message.split('\n')[0].slice(0, 160).replace(/[\s:]+$/, '')}`;
    throw new ImportError('syntax', place, what);
  }
  checkTree(value, file, limits);
  return value;
}
