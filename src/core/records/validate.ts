// Checking records against their kind at a boundary: a journal line, a checkpoint's `records`,
// a JSON snapshot. Each problem is named by its place (`records.change[3].title`,
// `after.name`) so the file's error message can say exactly what is wrong.
import { JournalEnvelopeSchema, type KindRecord } from '../../shared/record-kinds';
import type { JournalRecord } from '../../shared/model';
import { formatIssuePath } from '../checkpoint/canonical';
import { findRecordKind, type AnyRecordKind } from './registry';

export type Checked<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

function issuePath(prefix: string, path: readonly PropertyKey[]): string {
  const rest = formatIssuePath(path);
  return !prefix ? rest : !rest ? prefix : rest.startsWith('[') ? `${prefix}${rest}` : `${prefix}.${rest}`;
}

/** One record checked against its kind's schema (normalised as the schema normalises). */
export function checkKindRecord(kind: AnyRecordKind, value: unknown, field: string): Checked<KindRecord> {
  const result = kind.schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  return { ok: false, field: issuePath(field, issue.path), message: issue.message };
}

/** A journal line's value as a JournalRecord: the envelope, a known kind, `before` and `after` of that kind. */
export function parseJournalRecord(value: unknown): Checked<JournalRecord> {
  const envelope = JournalEnvelopeSchema.safeParse(value);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    return { ok: false, field: issuePath('', issue.path), message: issue.message };
  }
  const data = envelope.data;
  const kind = findRecordKind(data.entity);
  if (!kind) return { ok: false, field: 'entity', message: `unknown record kind ${JSON.stringify(data.entity)}` };
  const sides: { before: KindRecord | null; after: KindRecord | null } = { before: null, after: null };
  for (const side of ['before', 'after'] as const) {
    const raw = data[side];
    if (raw === null || raw === undefined) continue;
    const checked = checkKindRecord(kind, raw, side);
    if (!checked.ok) return checked;
    if (checked.value.id !== data.id) return { ok: false, field: `${side}.id`, message: `expected ${data.id}, the record's id` };
    sides[side] = checked.value;
  }
  const expected = data.op === 'create' ? [false, true] : data.op === 'delete' ? [true, false] : [true, true];
  if ((sides.before !== null) !== expected[0] || (sides.after !== null) !== expected[1]) {
    return { ok: false, field: 'op', message: `a ${data.op} record must have ${expected[0] ? 'a' : 'no'} before and ${expected[1] ? 'an' : 'no'} after` };
  }
  const { seq, tx, time, actor, op, entity, id } = data;
  return { ok: true, value: { seq, tx, time, actor, op, entity, id, before: sides.before, after: sides.after } };
}

/**
 * The `records` of a document (kind name → list): every kind must be a stored kind, every
 * record valid and its id unique within its kind. `field` prefixes the places (`records`).
 */
export function checkDocumentRecords(value: unknown, field = 'records'): Checked<Record<string, KindRecord[]>> {
  if (value === undefined) return { ok: true, value: {} };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, field, message: `expected an object of record lists by kind, got ${JSON.stringify(value)}` };
  }
  const out: Record<string, KindRecord[]> = {};
  for (const [name, items] of Object.entries(value)) {
    const place = `${field}.${name}`;
    const kind = findRecordKind(name);
    if (!kind) return { ok: false, field: place, message: `unknown record kind ${JSON.stringify(name)}` };
    if (kind.storage !== 'records') return { ok: false, field: place, message: `${kind.plural} are not stored as records` };
    if (!Array.isArray(items)) return { ok: false, field: place, message: `expected a list of ${kind.plural}` };
    const seen = new Set<string>();
    const checkedItems: KindRecord[] = [];
    for (let i = 0; i < items.length; i++) {
      const checked = checkKindRecord(kind, items[i], `${place}[${i}]`);
      if (!checked.ok) return checked;
      if (seen.has(checked.value.id)) return { ok: false, field: `${place}[${i}].id`, message: `duplicate ${kind.label} id ${checked.value.id}` };
      seen.add(checked.value.id);
      checkedItems.push(checked.value);
    }
    if (checkedItems.length > 0) Object.defineProperty(out, name, { value: checkedItems, enumerable: true, writable: true, configurable: true });
  }
  return { ok: true, value: out };
}
