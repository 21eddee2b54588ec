// Graphviz DOT export: a digraph with every id quoted, the CI name as label, the class as
// shape and fill colour, the relationship type as edge label, soft edges dashed.
import type { Ci, Relationship } from '../../../shared/model';
import { CLASS_STYLES } from './class-style';
import { normalizeScope, type ExportScope } from './scope';
import { runSteps, STEP_SLICE, type Steps } from '../../steps';

export interface DotOptions {
  /** The graph's name; "Faultline" unless given. */
  name?: string;
  /** Graphviz rankdir; LR unless given. */
  rankdir?: 'LR' | 'RL' | 'TB' | 'BT';
}

/**
 * A DOT double-quoted string. Backslash and quote are escaped; `&` becomes `&amp;` (Graphviz
 * decodes HTML entities in strings, so `R&amp;D` would show as `R&D` and `&#x1;` would put a
 * control character in its SVG); a line break becomes the escString `\n` (a centred line
 * break in a label); a tab becomes a space; other control characters are dropped.
 */
export function dotQuote(text: string): string {
  const body = text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/[\\"]/g, (ch) => `\\${ch}`)
    .replace(/&/g, '&amp;')
    .replace(/\n/g, '\\n');
  return `"${body}"`;
}

function nodeLine(ci: Ci): string {
  const style = CLASS_STYLES[ci.class];
  const attrs = [
    `label=${dotQuote(ci.name)}`,
    `shape=${dotQuote(style.dotShape)}`,
    `fillcolor=${dotQuote(style.color)}`,
    `tooltip=${dotQuote(`${ci.class} · ${ci.environment} · criticality ${ci.criticality}`)}`,
  ];
  return `  ${dotQuote(ci.id)} [${attrs.join(', ')}];`;
}

function edgeLine(rel: Relationship): string {
  const attrs = [`id=${dotQuote(rel.id)}`, `label=${dotQuote(rel.type)}`];
  if (rel.strength === 'soft') attrs.push('style="dashed"');
  return `  ${dotQuote(rel.source)} -> ${dotQuote(rel.target)} [${attrs.join(', ')}];`;
}

export function writeDot(scope: ExportScope, options: DotOptions = {}): string {
  return runSteps(writeDotSteps(scope, options));
}

export function* writeDotSteps(scope: ExportScope, options: DotOptions = {}): Steps<string> {
  const { cis, relationships } = normalizeScope(scope);
  const out = [
    `digraph ${dotQuote(options.name ?? 'Faultline')} {`,
    `  graph [rankdir=${options.rankdir ?? 'LR'}, charset="UTF-8", overlap=false];`,
    '  node [style="filled", fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  let done = 0;
  for (const ci of cis) {
    if (++done % STEP_SLICE === 0) yield;
    out.push(nodeLine(ci));
  }
  for (const rel of relationships) {
    if (++done % STEP_SLICE === 0) yield;
    out.push(edgeLine(rel));
  }
  out.push('}', '');
  return out.join('\n');
}
