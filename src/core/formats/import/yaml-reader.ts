// YAML text to documents within the limits. A cheap linear pre-scan bounds the nesting
// before the yaml library sees the text (its composer recurses per level, and running it
// into the stack limit has crashed Node outright here); each document's value is then
// checked exactly (depth, strings) and aliases are capped with yaml's maxAliasCount. A
// document that cannot be parsed refuses the whole stream at its true line and column, unless
// the caller asks for the readable documents.
import { CST, LineCounter, Parser, isMap, isNode, isScalar, parseAllDocuments, type Document } from 'yaml';
import type { BatchBuilder } from './builder';
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

/** An unreadable document, kept only with skipUnreadable (otherwise readYaml throws). */
export interface YamlFailure {
  index: number;
  line: number;
  column?: number;
  /** `document 3 is not valid YAML: …`. */
  reason: string;
  /** Entities lost with it (its `kind:` lines; one at least). */
  entities: number;
}

export interface YamlStream {
  documents: YamlDocument[];
  /** Documents that could not be read (syntax errors), when skipUnreadable asked to keep the others. */
  failures: YamlFailure[];
  warnings: string[];
  /** Why the stream looks cut short, when it does. */
  truncated?: string;
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

type YamlIssue = { code: string; message: string; pos: readonly [number, number] };

/** The first line of a yaml message, without a trailing colon (prettyErrors-style text is off). */
function issueText(issue: YamlIssue): string {
  return issue.message.split('\n')[0].replace(/[\s:]+$/, '');
}

/**
 * Where a syntax error really is. yaml reports an unclosed quote at the end of the stream (the
 * quoted text runs on to there, swallowing every later document): the place that needs fixing
 * is the opening quote, found in the stream's syntax tree.
 */
function issueOffset(text: string, issue: YamlIssue): number {
  const at = issue.pos[0];
  if (issue.code !== 'MISSING_CHAR' || !/quote/i.test(issue.message)) return at;
  let best = -1;
  for (const token of new Parser().parse(text)) {
    const consider = (t: CST.Token | undefined): void => {
      if (!t || (t.type !== 'double-quoted-scalar' && t.type !== 'single-quoted-scalar')) return;
      if (t.offset <= at && at <= t.offset + t.source.length && t.offset > best) best = t.offset;
    };
    if (token.type !== 'document') continue;
    consider(token.value);
    CST.visit(token, (item) => {
      consider(item.key ?? undefined);
      consider(item.value);
    });
  }
  return best >= 0 ? best : at;
}

/**
 * Entities in the source text of an unreadable document: its top-level `kind:` lines; a
 * Kubernetes `kind: List` counts its items instead (entries `- apiVersion:` / `- kind:` at the
 * top or one level in). At least 1.
 */
function entitiesIn(text: string, from: number, to: number): number {
  const source = text.slice(from, to);
  const kinds = source.match(/^kind[ \t]*:.*$/gm) ?? [];
  const isList = (line: string): boolean => /List['"]?[ \t]*(#.*)?$/.test(line);
  let count = kinds.filter((line) => !isList(line)).length;
  if (kinds.some(isList)) count += (source.match(/^ {0,2}- +(apiVersion|kind)[ \t]*:/gm) ?? []).length;
  return Math.max(1, count);
}

/** Why the end of the text suggests it was cut short, or null. */
function truncationHint(text: string): string | null {
  const trimmed = text.replace(/[ \t]+$/, '');
  if (trimmed.length === 0) return null;
  const last = trimmed.charCodeAt(trimmed.length - 1);
  if (last !== 10 && last !== 13) return 'the file ends in the middle of a line';
  const lastLine = trimmed.trimEnd().split(/\r?\n|\r/).pop() ?? '';
  if (/^[^#]*:$/.test(lastLine) && !/^\s*-?\s*$/.test(lastLine.slice(0, -1))) return `the file ends with "${lastLine.trim()}" and no value after it`;
  return null;
}

export interface ReadYamlOptions {
  /** Keep the readable documents of a stream with unreadable ones (they are listed in `failures`); else throw. */
  skipUnreadable?: boolean;
}

export function readYaml(input: string, file: string, limits: ImportLimits, options: ReadYamlOptions = {}): YamlStream {
  checkBytes(input, file, limits);
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // The exact depth check runs on each value below; this bound only keeps the parser's recursion shallow.
  prescanYamlNesting(text, file, limits.maxDepth * 2 + 8);
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, merge: true, prettyErrors: false, uniqueKeys: true });
  const docs: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  const budget = new RowBudget(limits, file, 'YAML documents');
  const lineAt = (offset: number): number => Math.max(1, lineCounter.linePos(offset).line);
  const placeAt = (offset: number): { line: number; column: number } => {
    const pos = lineCounter.linePos(offset);
    return { line: Math.max(1, pos.line), column: Math.max(1, pos.col) };
  };
  const truncated = truncationHint(text);
  // A syntax error in a file that also looks cut short is most likely the cut.
  const cutShort = truncated ? ` (${truncated}: it may be cut short)` : '';
  const documents: YamlDocument[] = [];
  const failures: YamlFailure[] = [];
  const warnings: string[] = [];
  docs.forEach((doc, index) => {
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    const line = lineAt(start);
    budget.take({ line });
    if (doc.errors.length > 0) {
      const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
      if (exhausted) throw new ImportError('limit', { file, ...placeAt(exhausted.pos[0]) }, 'the YAML nests too deeply to read');
      const first = doc.errors[0];
      const where = placeAt(issueOffset(text, first));
      const failure: YamlFailure = {
        index,
        line: where.line,
        column: where.column,
        reason: `document ${index + 1} is not valid YAML: ${issueText(first)}${cutShort}`,
        entities: entitiesIn(text, doc.range[0], doc.range[2]),
      };
      if (!options.skipUnreadable) throw new ImportError('syntax', { file, line: failure.line, column: failure.column }, failure.reason);
      failures.push(failure);
      return;
    }
    for (const warning of doc.warnings) {
      warnings.push(`${file}:${lineAt(warning.pos[0])}: ${issueText(warning)}`);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (e) {
      if (e instanceof ReferenceError && /alias/i.test(e.message)) {
        throw new ImportError('limit', { file, line }, `YAML aliases expand more than the limit of ${limits.maxAliasCount} (an alias bomb?)`);
      }
      const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      const failure: YamlFailure = { index, line, reason: `document ${index + 1} cannot be read: ${message}`, entities: entitiesIn(text, doc.range[0], doc.range[2]) };
      if (!options.skipUnreadable) throw new ImportError('syntax', { file, line }, failure.reason);
      failures.push(failure);
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
  return { documents, failures, warnings, ...(truncated ? { truncated } : {}) };
}

/** Puts a stream's skipped documents, warnings and truncation hint into a batch. */
export function reportYamlStream(stream: YamlStream, file: string, builder: BatchBuilder): void {
  for (const failure of stream.failures) {
    const place = `${file}:${failure.line}${failure.column !== undefined ? `:${failure.column}` : ''}`;
    const lost = `${failure.entities} ${failure.entities === 1 ? 'entity' : 'entities'}`;
    builder.skipUnreadable(failure.entities, `${place}: ${failure.reason}; skipped as asked, ${lost} lost with it`);
  }
  for (const warning of stream.warnings) builder.warn(warning);
  if (stream.truncated) builder.truncated(`${file}: ${stream.truncated}: it may be cut short; check that the file is complete`);
}
