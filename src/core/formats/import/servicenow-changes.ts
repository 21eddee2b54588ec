// ServiceNow `change_request` exports (CSV, or JSON `{ "records": [...] }`), read by
// parseServiceNow when the columns are a change's (number, no name). Columns: number,
// short_description, type, state, cmdb_ci, start_date, end_date, assigned_to, risk; also read
// when present: description, backout_plan, close_code, close_notes. A `dv_<column>` (JSON
// export with display values) or a Table API object gives the display value beside the code.
//
// Dates: ServiceNow writes "2026-11-29 01:00:00"; read as UTC (export with the instance's
// system time zone set to UTC, or its date format set to ISO with an offset, which is read as
// written).
//
// Rules a row must meet (else it is rejected, naming its row and field): a CHG number, a short
// description, a known type and state, readable dates with the end after the start, and, for a
// change past draft (as Faultline's own transitions require), a window and a CI. Whether the CI
// exists is for the plan (src/core/reconcile), which knows the CMDB.
import { CHANGE_NUMBER_PATTERN, type ChangeState, type ChangeType } from '../../../shared/changes';
import type { BatchBuilder } from './builder';
import { reference, SYS_ID, type SnRow } from './servicenow-rows';
import type { ImportedChangeFields } from './types';

/** Column names (lower case) a change_request list export uses for its labels. */
export const CHANGE_COLUMN_ALIASES: Readonly<Record<string, string>> = {
  'short description': 'short_description',
  'configuration item': 'cmdb_ci',
  'planned start date': 'start_date',
  'planned end date': 'end_date',
  'assigned to': 'assigned_to',
  'backout plan': 'backout_plan',
  'close code': 'close_code',
  'close notes': 'close_notes',
};

/**
 * ServiceNow change states (code and label, the state model since Geneva, plus the labels of the
 * older one) → Faultline's:
 * - New (-5; older: Pending, Open) → draft;
 * - Assess (-4) → assessed;
 * - Authorize (-3), waiting for the CAB's approval → cab_review;
 * - Scheduled (-2) → scheduled (ServiceNow schedules only what was authorized);
 * - Implement (-1; older: Work in Progress), under way in its window → scheduled, since
 *   Faultline's implemented means done and awaiting its review;
 * - Review (0), done and under post-implementation review → implemented;
 * - Closed (3; older: Closed Complete, Closed Incomplete) → reviewed, the review's outcome from
 *   close_code when the export has it;
 * - Canceled (4; older: Closed Skipped) → cancelled;
 * - Rejected (a label some instances add) → rejected.
 * Codes 1 and 2 of the older model are not read (they mean different things across releases).
 */
const STATES: Readonly<Record<string, ChangeState>> = {
  '-5': 'draft',
  new: 'draft',
  pending: 'draft',
  open: 'draft',
  '-4': 'assessed',
  assess: 'assessed',
  '-3': 'cab_review',
  authorize: 'cab_review',
  '-2': 'scheduled',
  scheduled: 'scheduled',
  '-1': 'scheduled',
  implement: 'scheduled',
  'work in progress': 'scheduled',
  '0': 'implemented',
  review: 'implemented',
  '3': 'reviewed',
  closed: 'reviewed',
  'closed complete': 'reviewed',
  'closed incomplete': 'reviewed',
  '4': 'cancelled',
  canceled: 'cancelled',
  cancelled: 'cancelled',
  'closed skipped': 'cancelled',
  rejected: 'rejected',
};

const TYPES: Readonly<Record<string, ChangeType>> = { normal: 'normal', standard: 'standard', emergency: 'emergency' };

/** close_code (value or label) → the review's outcome. */
const CLOSE_CODES: Readonly<Record<string, 'successful' | 'failed' | 'rolled_back'>> = {
  successful: 'successful',
  successful_issues: 'successful',
  'successful with issues': 'successful',
  unsuccessful: 'failed',
  'rolled back': 'rolled_back',
  rolled_back: 'rolled_back',
};

/** ServiceNow's risk codes; kept in the history note only (Faultline computes its own risk). */
const RISK_LABELS: Readonly<Record<string, string>> = { '1': 'Very High', '2': 'High', '3': 'Moderate', '4': 'Low' };

/** States that need a window and a CI, as Faultline's transition out of draft does. */
const NEEDS_PLAN: ReadonlySet<ChangeState> = new Set(['assessed', 'cab_review', 'approved', 'scheduled', 'implemented', 'reviewed']);

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** "2026-11-29 01:00:00" (UTC) or an ISO date-time with its offset, as ISO UTC; null when it is not a real instant. */
export function serviceNowTime(text: string): string | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', ms = '0', zone] = m;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0')));
  const check = new Date(local);
  // Date.UTC rolls 2026-02-30 over to March: a date that does not round-trip is not a date.
  if (check.getUTCFullYear() !== Number(y) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return null;
  }
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  return new Date(local - offsetMinutes * 60_000).toISOString();
}

/** A column's code and display value: a Table API object, a `dv_` column beside it, or one text. */
export function field(row: SnRow, name: string): { value?: string; display?: string } {
  const own = reference(row.get(name));
  const dv = reference(row.get(`dv_${name}`)).display;
  return dv ? { value: own.value, display: dv } : own;
}

export function lookup<T>(table: Readonly<Record<string, T>>, f: { value?: string; display?: string }): T | undefined {
  for (const text of [f.display, f.value]) {
    const key = text?.trim().toLowerCase();
    if (key !== undefined && Object.prototype.hasOwnProperty.call(table, key)) return table[key];
  }
  return undefined;
}

export function written(f: { value?: string; display?: string }): string {
  return f.display && f.value && f.display !== f.value ? `${f.display} (${f.value})` : (f.display ?? f.value ?? '');
}

/** Reads change_request rows into the batch: each row a change, or a rejection naming its row and field. */
export function readChangeRequests(rows: readonly SnRow[], builder: BatchBuilder, system: string): void {
  let userIds = 0;
  for (const row of rows) {
    const ref = row.ref;
    const number = field(row, 'number').display ?? '';
    const reject = (fieldName: string, reason: string): void => builder.rejectAt(ref, 'change', reason, { ...(number ? { key: number } : {}), field: fieldName });
    if (!CHANGE_NUMBER_PATTERN.test(number)) {
      reject('number', number ? `the number "${number}" is not a change number (CHG followed by digits)` : 'the number is empty');
      continue;
    }
    const title = field(row, 'short_description').display ?? '';
    if (!title) {
      reject('short_description', `${number} has no short description`);
      continue;
    }
    const typeField = field(row, 'type');
    const type = typeField.display || typeField.value ? lookup(TYPES, typeField) : 'normal';
    if (!type) {
      reject('type', `${number}: the type "${written(typeField)}" is not Normal, Standard or Emergency`);
      continue;
    }
    const stateField = field(row, 'state');
    const state = lookup(STATES, stateField);
    if (!state) {
      reject('state', stateField.display || stateField.value ? `${number}: the state "${written(stateField)}" is not a change state Faultline knows` : `${number}: the state is empty`);
      continue;
    }
    const times: Partial<Record<'start_date' | 'end_date', string>> = {};
    let badTime = false;
    for (const column of ['start_date', 'end_date'] as const) {
      const text = field(row, column).display ?? '';
      if (!text) continue;
      const time = serviceNowTime(text);
      if (time === null) {
        reject(column, `${number}: ${column} "${text}" is not a date and time (expected 2026-11-29 01:00:00, UTC)`);
        badTime = true;
        break;
      }
      times[column] = time;
    }
    if (badTime) continue;
    const { start_date: start, end_date: end } = times;
    if ((start === undefined) !== (end === undefined)) {
      const missing = start === undefined ? 'start_date' : 'end_date';
      reject(missing, `${number}: ${missing} is empty while ${missing === 'start_date' ? 'end_date' : 'start_date'} is set`);
      continue;
    }
    if (start !== undefined && end !== undefined && Date.parse(end) <= Date.parse(start)) {
      reject('end_date', `${number}: end_date ${end} is not after start_date ${start}`);
      continue;
    }
    const ciField = field(row, 'cmdb_ci');
    const refs = [...new Set([ciField.value, ciField.display].filter((r): r is string => Boolean(r)))];
    if (NEEDS_PLAN.has(state)) {
      if (start === undefined) {
        reject('start_date', `${number} is ${written(stateField)} (${state} in Faultline) but has no planned window`);
        continue;
      }
      if (refs.length === 0) {
        reject('cmdb_ci', `${number} is ${written(stateField)} (${state} in Faultline) but names no configuration item`);
        continue;
      }
    }
    const assigned = field(row, 'assigned_to');
    const implementer = assigned.display ?? '';
    if (implementer && SYS_ID.test(implementer)) userIds++;
    const closeCode = field(row, 'close_code');
    const outcome = state === 'reviewed' ? lookup(CLOSE_CODES, closeCode) : undefined;
    const risk = field(row, 'risk');
    const riskText = risk.display && risk.display !== risk.value ? risk.display : risk.value ? (RISK_LABELS[risk.value] ?? risk.value) : '';
    const fields: ImportedChangeFields = {
      number,
      title,
      description: field(row, 'description').display ?? '',
      type,
      state,
      window: start !== undefined && end !== undefined ? { start, end } : null,
      implementer,
      rollbackPlan: field(row, 'backout_plan').display ?? '',
      review: outcome ? { outcome, notes: field(row, 'close_notes').display ?? '' } : null,
      note: `Imported from ServiceNow ${number}: state "${written(stateField)}"${riskText ? `, ServiceNow risk ${riskText}` : ''} (Faultline computes its own risk)`,
    };
    builder.addChange({ system, fields, ...(refs.length > 0 ? { target: { refs, field: 'cmdb_ci' } } : {}), sourceRef: ref });
  }
  if (userIds > 0) builder.warn(`${userIds} change(s) name their assignee by sys_id: export with display values to see the implementer's name`);
}
