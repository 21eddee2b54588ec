// YAML text to documents within the limits. A cheap linear pre-scan bounds the nesting
// before the yaml library sees the text (its composer recurses per level, and running it
// into the stack limit has crashed Node outright here); each document's value is then
// checked exactly (depth, strings) and aliases are capped with yaml's maxAliasCount.
import { LineCounter, isMap, isNode, isScalar, parseAllDocuments, type Document } from 'yaml';
import { checkBytes, checkTree, RowBudget } from './limits';
import { ImportError, type ImportLimits } from './types';

export interface YamlDocument {
  /** 0-based position in the stream. */
  index: number;
  /** Line on which the document's content starts. */
  line: number;
  value: unknown;
  /** Line of the node at `path` inside this document, or the document's line. */
  lineOf(path: readonly (string | number)[]): number;
}

export interface YamlFailure {
  index: number;
  line: number;
  column?: number;
  reason: string;
}

export interface YamlStream {
  documents: YamlDocument[];
  /** Documents that could not be read (syntax errors); the others are still usable. */
  failures: YamlFailure[];
  warnings: string[];
}

/**
 * An upper-bound-ish estimate of the nesting of each line (block indentation levels,
 * `- ` / `? ` markers, `key:` and open flow brackets), skipping block scalars, quoted text
 * and comments. Throws when it exceeds `bound`.
 */
export function prescanYamlNesting(text: string, file: string, bound: number): void {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | null = null;
  let blockScalarIndent = -1;
  let pos = 0;
  let lineNo = 0;
  const n = text.length;
  while (pos <= n) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = n;
    lineNo++;
    const lineEnd = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const lineStart = pos;
    pos = end + 1;
    let indent = 0;
    while (lineStart + indent < lineEnd && text.charCodeAt(lineStart + indent) === 32) indent++;
    const first = lineStart + indent;
    const blank = first >= lineEnd || (quote === null && text[first] === '#');
    if (blockScalarIndent >= 0) {
      if (blank || indent > blockScalarIndent) continue;
      blockScalarIndent = -1;
    }
    if (blank) continue;
    let depth = 0;
    let i = first;
    if (quote === null && flow === 0) {
      if (text.startsWith('---', first) || text.startsWith('...', first)) {
        indents.length = 0;
      }
      while (indents.length > 0 && indents[indents.length - 1] > indent) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1] < indent) indents.push(indent);
      depth = indents.length;
      // Compact nested sequences and explicit keys on one line: `- - - x`, `? - x`.
      while (i + 1 < lineEnd && (text[i] === '-' || text[i] === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        depth++;
        i += 2;
        while (i < lineEnd && text[i] === ' ') i++;
      }
    }
    let tokenStart = true;
    for (; i < lineEnd; i++) {
      const ch = text[i];
      if (quote === '"') {
        if (ch === '\\') i++;
        else if (ch === '"') quote = null;
        continue;
      }
      if (quote === "'") {
        if (ch === "'") {
          if (text[i + 1] === "'") i++;
          else quote = null;
        }
        continue;
      }
      if (ch === '#' && (i === first || text[i - 1] === ' ' || text[i - 1] === '\t')) break;
      if (tokenStart && (ch === '"' || ch === "'")) {
        quote = ch;
        tokenStart = false;
        continue;
      }
      if ((ch === '[' || ch === '{') && (tokenStart || flow > 0)) {
        flow++;
        tokenStart = true;
        if (depth + flow > bound) {
          throw new ImportError('limit', { file, line: lineNo }, `nesting is deeper than the limit (about ${depth + flow} levels)`);
        }
        continue;
      }
      if ((ch === ']' || ch === '}') && flow > 0) {
        flow--;
        continue;
      }
      if (ch === ':' && (i + 1 === lineEnd || text[i + 1] === ' ' || text[i + 1] === '\t') && flow === 0) {
        depth++;
        tokenStart = true;
        continue;
      }
      if (flow === 0 && tokenStart && (ch === '|' || ch === '>')) {
        let j = i + 1;
        while (j < lineEnd && /[-+0-9]/.test(text[j])) j++;
        while (j < lineEnd && (text[j] === ' ' || text[j] === '\t')) j++;
        if (j === lineEnd || text[j] === '#') {
          blockScalarIndent = indent;
          break;
        }
      }
      tokenStart = ch === ' ' || ch === '\t' || ch === ',' || ch === '-' || ch === '?';
    }
    if (depth + flow > bound) {
      throw new ImportError('limit', { file, line: lineNo }, `nesting is deeper than the limit (about ${depth + flow} levels)`);
    }
  }
}

function errorLine(error: { linePos?: readonly { line: number; col: number }[] }): { line?: number; column?: number } {
  const pos = error.linePos?.[0];
  return pos ? { line: pos.line, column: pos.col } : {};
}

export function readYaml(input: string, file: string, limits: ImportLimits): YamlStream {
  checkBytes(input, file, limits);
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // The exact depth check runs on each value below; this bound only keeps the parser's recursion shallow.
  prescanYamlNesting(text, file, limits.maxDepth * 2 + 8);
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, merge: true, prettyErrors: true, uniqueKeys: true });
  const docs: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  const budget = new RowBudget(limits, file, 'YAML documents');
  const lineAt = (offset: number): number => Math.max(1, lineCounter.linePos(offset).line);
  const documents: YamlDocument[] = [];
  const failures: YamlFailure[] = [];
  const warnings: string[] = [];
  docs.forEach((doc, index) => {
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    const line = lineAt(start);
    budget.take({ line });
    if (doc.errors.length > 0) {
      const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
      if (exhausted) throw new ImportError('limit', { file, ...errorLine(exhausted) }, 'the YAML nests too deeply to read');
      const first = doc.errors[0];
      const where = errorLine(first);
      failures.push({ index, line: where.line ?? line, column: where.column, reason: `not valid YAML: ${first.message.split('\n')[0]}` });
      return;
    }
    for (const warning of doc.warnings) {
      const where = errorLine(warning);
      warnings.push(`${file}${where.line ? `:${where.line}` : ''}: ${warning.message.split('\n')[0]}`);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (e) {
      if (e instanceof ReferenceError && /alias/i.test(e.message)) {
        throw new ImportError('limit', { file, line }, `YAML aliases expand more than the limit of ${limits.maxAliasCount} (an alias bomb?)`);
      }
      const message = e instanceof Error ? e.message : String(e);
      failures.push({ index, line, reason: `not valid YAML: ${message.split('\n')[0]}` });
      return;
    }
    checkTree(value, file, limits, '', line);
    documents.push({
      index,
      line,
      value,
      lineOf(path) {
        // For a mapping entry, the line of its key (`web:`), else of the node itself.
        const last = path[path.length - 1];
        if (typeof last === 'string') {
          const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
          if (isMap(parent)) {
            const pair = parent.items.find((p) => (isScalar(p.key) ? String(p.key.value) : p.key) === last);
            if (pair && isNode(pair.key) && pair.key.range) return lineAt(pair.key.range[0]);
          }
        }
        const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
        return isNode(node) && node.range ? lineAt(node.range[0]) : line;
      },
    });
  });
  return { documents, failures, warnings };
}
