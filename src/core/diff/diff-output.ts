// A diff as CSV (one row per added or removed item, one per changed field) and as JSON.
import { tableToCsv, type CsvOptions } from '../formats/export/csv';
import { TAG_SEPARATOR, type Cell, type Table } from '../formats/export/table';
import type { Ci, Relationship } from '../../shared/model';
import type { CmdbDiff, FieldValue } from './diff';

export const DIFF_CSV_COLUMNS = ['entity', 'change', 'id', 'label', 'field', 'before', 'after'] as const;

function cell(value: FieldValue): Cell {
  if (value === null) return null;
  if (Array.isArray(value)) return value.join(TAG_SEPARATOR);
  return value;
}

function relationshipLabel(rel: Relationship): string {
  return `${rel.source} ${rel.type} ${rel.target}`;
}

export function diffTable(diff: CmdbDiff): Table {
  const rows: Cell[][] = [];
  const ciLabel = (ci: Ci) => ci.name;
  for (const ci of diff.cis.added) rows.push(['ci', 'added', ci.id, ciLabel(ci), null, null, null]);
  for (const ci of diff.cis.removed) rows.push(['ci', 'removed', ci.id, ciLabel(ci), null, null, null]);
  for (const change of diff.cis.changed) {
    for (const f of change.changes) {
      rows.push(['ci', 'changed', change.id, ciLabel(change.after), f.field, cell(f.before), cell(f.after)]);
    }
  }
  for (const rel of diff.relationships.added) rows.push(['relationship', 'added', rel.id, relationshipLabel(rel), null, null, null]);
  for (const rel of diff.relationships.removed) rows.push(['relationship', 'removed', rel.id, relationshipLabel(rel), null, null, null]);
  for (const change of diff.relationships.changed) {
    for (const f of change.changes) {
      rows.push(['relationship', 'changed', change.id, relationshipLabel(change.after), f.field, cell(f.before), cell(f.after)]);
    }
  }
  return { columns: [...DIFF_CSV_COLUMNS], rows };
}

/** RFC 4180 CSV, formula cells neutralised like every CSV export. Tags are joined with ";". */
export function diffToCsv(diff: CmdbDiff, options: CsvOptions = {}): string {
  return tableToCsv(diffTable(diff), options);
}

export function diffToJson(diff: CmdbDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
