// A snapshot diff as files for the analyst: CSV (one row per changed field, RFC 4180 quoting,
// formula-looking cells neutralised) and JSON (the diff as the server gave it). Pure.
import type { CmdbDiff, DiffMark } from '../../shared/data-types';
import type { Ci, Relationship } from '../../shared/model';
import type { SnapshotDiffResult } from '../../shared/operations';

export const DIFF_CSV_COLUMNS = ['Entity', 'Change', 'Id', 'Label', 'Field', 'Before', 'After'] as const;

/** A cell a spreadsheet would run as a formula gets a leading apostrophe. */
export function neutralizeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string): string {
  const safe = neutralizeCell(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.map((v) => formatValue(v)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Names for the CIs a diff mentions (both sides), to label relationships. */
export function diffNames(result: Pick<SnapshotDiffResult, 'diff' | 'nodes'>): Map<string, string> {
  const names = new Map<string, string>();
  const add = (ci: Ci) => names.set(ci.id, ci.name);
  result.nodes.forEach(add);
  result.diff.cis.added.forEach(add);
  result.diff.cis.removed.forEach(add);
  for (const change of result.diff.cis.changed) {
    add(change.before);
    add(change.after);
  }
  return names;
}

export function relationshipLabel(rel: Relationship, names: ReadonlyMap<string, string>): string {
  return `${names.get(rel.source) ?? rel.source} → ${rel.type} → ${names.get(rel.target) ?? rel.target}`;
}

export function diffToCsv(result: Pick<SnapshotDiffResult, 'diff' | 'nodes'>): string {
  const names = diffNames(result);
  const rows: string[][] = [[...DIFF_CSV_COLUMNS]];
  const { cis, relationships } = result.diff;
  for (const ci of cis.added) rows.push(['ci', 'added', ci.id, ci.name, '', '', '']);
  for (const ci of cis.removed) rows.push(['ci', 'removed', ci.id, ci.name, '', '', '']);
  for (const c of cis.changed) {
    for (const f of c.changes) rows.push(['ci', 'changed', c.id, c.after.name, f.field, formatValue(f.before), formatValue(f.after)]);
  }
  for (const r of relationships.added) rows.push(['relationship', 'added', r.id, relationshipLabel(r, names), '', '', '']);
  for (const r of relationships.removed) rows.push(['relationship', 'removed', r.id, relationshipLabel(r, names), '', '', '']);
  for (const c of relationships.changed) {
    for (const f of c.changes) {
      rows.push(['relationship', 'changed', c.id, relationshipLabel(c.after, names), f.field, formatValue(f.before), formatValue(f.after)]);
    }
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function diffToJson(result: SnapshotDiffResult): string {
  return JSON.stringify({ from: result.from, to: result.to, counts: result.diff.counts, diff: result.diff }, null, 2);
}

/** How each CI and relationship of a diff is drawn: added, removed or changed (unchanged ones are absent). */
export function diffMarks(diff: CmdbDiff): Map<string, DiffMark> {
  const marks = new Map<string, DiffMark>();
  for (const side of [diff.cis, diff.relationships] as const) {
    for (const item of side.added) marks.set(item.id, 'added');
    for (const item of side.removed) marks.set(item.id, 'removed');
    for (const item of side.changed) marks.set(item.id, 'changed');
  }
  return marks;
}
