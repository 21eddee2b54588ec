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

export function readJson(input: string, file: string, limits: ImportLimits): unknown {
  checkBytes(input, file, limits);
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const position = /position (\d+)/.exec(message);
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    const place = lineCol
      ? { file, line: Number(lineCol[1]), column: Number(lineCol[2]) }
      : position
        ? { file, ...lineColumnAt(text, Number(position[1])) }
        : { file };
    throw new ImportError('syntax', place, `not valid JSON: ${message.replace(/\s*\(line \d+ column \d+\)/, '').slice(0, 200)}`);
  }
  checkTree(value, file, limits);
  return value;
}
