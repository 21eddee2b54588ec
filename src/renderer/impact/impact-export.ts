// A blast radius as things to hand on (pure): a CSV of every impacted CI with its explanation
// path, and a Markdown summary (targets, counts, impacted services with their paths) to paste
// into a change record. Paths read as failure travels: "orders-db primary → Order API → Checkout".
import { explanationPath, impactIndex, impactedList, type BlastRadiusResult } from '../../shared/impact-types';
import { csvCell } from '../data/diff-export';
import { classLabel } from '../graph/class-style';
import { LEVEL_LABELS, impactCounts, rankImpacted, rankServices } from './impact-model';

export const IMPACT_CSV_COLUMNS = ['Id', 'Name', 'Class', 'Level', 'Criticality', 'Hops', 'Service', 'Path'] as const;

function pathText(index: ReturnType<typeof impactIndex>, id: string, names: (id: string) => string): string {
  const explanation = explanationPath(index, id);
  return explanation ? explanation.path.map(names).join(' → ') : '';
}

function nameLookup(result: BlastRadiusResult): (id: string) => string {
  const names = new Map<string, string>();
  for (const t of result.targets) names.set(t.ciId, t.name);
  for (const page of result.impacted.pages) page.id.forEach((id, j) => names.set(id, page.name[j]));
  return (id) => names.get(id) ?? id;
}

/** Every impacted CI, most severe and nearest first; RFC 4180 quoting, formula-looking cells neutralised. */
export function impactToCsv(result: BlastRadiusResult): string {
  const names = nameLookup(result);
  const index = impactIndex(result);
  const services = new Set(result.services.map((s) => s.id));
  const rows = [IMPACT_CSV_COLUMNS.join(',')];
  for (const ci of rankImpacted(impactedList(result.impacted))) {
    const cells = [ci.id, ci.name, classLabel(ci.class), LEVEL_LABELS[ci.level], String(ci.criticality), String(ci.depth), services.has(ci.id) ? 'yes' : '', pathText(index, ci.id, names)];
    rows.push(cells.map(csvCell).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A Markdown summary: what changes, how much is hit, and each impacted service with its path. */
export function impactToMarkdown(result: BlastRadiusResult, context: { document: string; date: Date }): string {
  const names = nameLookup(result);
  const index = impactIndex(result);
  const counts = impactCounts(result);
  const targets = result.targets.map((t) => `${t.name} (${t.mode})`).join(', ');
  const lines = [
    `## Blast radius of ${targets}`,
    '',
    `${context.document} · ${context.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `**${counts.total.toLocaleString('en')} CIs impacted:** ${counts.byLevel.map((l) => `${l.count.toLocaleString('en')} ${LEVEL_LABELS[l.level].toLowerCase()}`).join(', ')}.`,
  ];
  if (counts.byClass.length) lines.push('', `By class: ${counts.byClass.map((c) => `${classLabel(c.ciClass)} ${c.count.toLocaleString('en')}`).join(', ')}.`);
  const services = rankServices(result.services);
  lines.push('', `### Impacted services (${services.length})`, '');
  if (services.length === 0) lines.push('No business or technical service is impacted.');
  else {
    lines.push('| Service | Level | Criticality | Path |', '|---|---|---|---|');
    for (const s of services) lines.push(`| ${mdCell(s.name)} | ${LEVEL_LABELS[s.level]} | ${s.criticality} | ${mdCell(pathText(index, s.id, names))} |`);
  }
  return `${lines.join('\n')}\n`;
}
