// ServiceNow `incident` and `problem` exports (CSV, or JSON `{ "records": [...] }` / Table API),
// read by parseServiceNow when the numbers are INC… or PRB… (serviceNowTable). A `dv_<column>`
// or a Table API object gives the display value beside the code, as for change_request.
//
// incident columns: number, short_description, cmdb_ci, business_service, impact, urgency,
// state (or incident_state), opened_at; also read when present: description, resolved_at,
// closed_at, caused_by (a change), problem_id (a problem). `priority` is not imported: Faultline
// computes it from impact and urgency with the document's matrix; the plan warns where
// ServiceNow's differs (its matrix was customised). Impact left empty: suggested from the
// affected services, as for an incident raised in the app.
//
// problem columns: number, short_description, state, cmdb_ci (the root-cause CI), known_error
// (true: a known error), workaround, cause_notes (the known error's text), description,
// resolved_at / closed_at.
//
// Rules a row must meet (else it is rejected, naming its row and field): an INC / PRB number, a
// short description, a known state, readable times (opened_at required for an incident, and a
// resolution time for a resolved or closed one), impact and urgency 1–3, and for an incident at
// least one CI (cmdb_ci or business_service). Whether the CIs exist is for the plan
// (src/core/reconcile/incidents.ts), which knows the CMDB.
import type { IncidentStatus, ProblemStatus } from '../../../shared/incidents';
import type { BatchBuilder } from './builder';
import { field, lookup, serviceNowTime, written } from './servicenow-changes';
import type { SnRow } from './servicenow-rows';
import type { ImportedReference, SourceRef } from './types';

/** Column names (lower case) an incident or problem list export uses for its labels. */
export const INCIDENT_COLUMN_ALIASES: Readonly<Record<string, string>> = {
  service: 'business_service',
  'business service': 'business_service',
  opened: 'opened_at',
  resolved: 'resolved_at',
  closed: 'closed_at',
  'caused by change': 'caused_by',
  'caused by': 'caused_by',
  problem: 'problem_id',
  'incident state': 'incident_state',
  'known error': 'known_error',
  'cause notes': 'cause_notes',
};

export const INCIDENT_NUMBER = /^INC\d{4,}$/;
export const PROBLEM_NUMBER = /^PRB\d{4,}$/;

/** ServiceNow incident states, code and label: 1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled (closed in Faultline). */
const INCIDENT_STATES: Readonly<Record<string, IncidentStatus>> = {
  '1': 'new',
  new: 'new',
  '2': 'in_progress',
  'in progress': 'in_progress',
  active: 'in_progress',
  '3': 'on_hold',
  'on hold': 'on_hold',
  'awaiting user info': 'on_hold',
  '6': 'resolved',
  resolved: 'resolved',
  '7': 'closed',
  closed: 'closed',
  '8': 'closed',
  canceled: 'closed',
  cancelled: 'closed',
};

/**
 * ServiceNow problem states (the state model since Madrid, and the labels and codes of the older
 * one) → Faultline's: New, Assess and Root Cause Analysis (101–103; older 1 Open) are open; Fix in
 * Progress (104; older 2 Known Error, 3 Pending Change) is a known error; Resolved, Closed and
 * Canceled (106, 107; older 4 Closed/Resolved) are resolved. An open problem flagged
 * known_error is a known error.
 */
const PROBLEM_STATES: Readonly<Record<string, ProblemStatus>> = {
  '101': 'open',
  new: 'open',
  '102': 'open',
  assess: 'open',
  '103': 'open',
  'root cause analysis': 'open',
  '1': 'open',
  open: 'open',
  '104': 'known_error',
  'fix in progress': 'known_error',
  '2': 'known_error',
  'known error': 'known_error',
  '3': 'known_error',
  'pending change': 'known_error',
  '106': 'resolved',
  resolved: 'resolved',
  '107': 'resolved',
  closed: 'resolved',
  '4': 'resolved',
  'closed/resolved': 'resolved',
  canceled: 'resolved',
  cancelled: 'resolved',
};

const TRUE = new Set(['true', '1', 'yes']);

/** "1 - High", "2", "3 - Low" → 1…3; undefined when empty, null when unreadable. */
function level(text: string | undefined): 1 | 2 | 3 | undefined | null {
  if (!text) return undefined;
  const m = /^\s*([123])\b/.exec(text);
  if (m) return Number(m[1]) as 1 | 2 | 3;
  const named: Record<string, 1 | 2 | 3> = { high: 1, medium: 2, low: 3 };
  return named[text.trim().toLowerCase()] ?? null;
}

function referenceOf(row: SnRow, column: string): ImportedReference | undefined {
  const f = field(row, column);
  const refs = [...new Set([f.value, f.display].filter((r): r is string => Boolean(r)))];
  return refs.length > 0 ? { refs, field: column } : undefined;
}

/** Reads the named time columns: ISO UTC, undefined when empty; a rejection (and null) when one is unreadable. */
function times<C extends string>(row: SnRow, number: string, columns: readonly C[], reject: (field: string, reason: string) => void): Partial<Record<C, string>> | null {
  const out: Partial<Record<C, string>> = {};
  for (const column of columns) {
    const text = field(row, column).display ?? '';
    if (!text) continue;
    const time = serviceNowTime(text);
    if (time === null) {
      reject(column, `${number}: ${column} "${text}" is not a date and time (expected 2026-11-29 01:00:00, UTC)`);
      return null;
    }
    out[column] = time;
  }
  return out;
}

function rejecter(builder: BatchBuilder, ref: SourceRef, entity: 'incident' | 'problem', number: string) {
  return (fieldName: string, reason: string): void => builder.rejectAt(ref, entity, reason, { ...(number ? { key: number } : {}), field: fieldName });
}

/** Reads incident rows into the batch: each row an incident, or a rejection naming its row and field. */
export function readIncidents(rows: readonly SnRow[], builder: BatchBuilder, system: string): void {
  for (const row of rows) {
    const number = field(row, 'number').display ?? '';
    const reject = rejecter(builder, row.ref, 'incident', number);
    if (!INCIDENT_NUMBER.test(number)) {
      reject('number', number ? `the number "${number}" is not an incident number (INC followed by digits)` : 'the number is empty');
      continue;
    }
    const title = field(row, 'short_description').display ?? '';
    if (!title) {
      reject('short_description', `${number} has no short description`);
      continue;
    }
    const stateColumn = field(row, 'state').display || field(row, 'state').value ? 'state' : 'incident_state';
    const stateField = field(row, stateColumn);
    const status = lookup(INCIDENT_STATES, stateField);
    if (!status) {
      reject(stateColumn, stateField.display || stateField.value ? `${number}: the state "${written(stateField)}" is not an incident state Faultline knows` : `${number}: the state is empty`);
      continue;
    }
    const levels: Partial<Record<'impact' | 'urgency', 1 | 2 | 3>> = {};
    let badLevel = false;
    for (const column of ['impact', 'urgency'] as const) {
      const f = field(row, column);
      const read = level(f.display ?? f.value);
      if (read === null) {
        reject(column, `${number}: ${column} "${written(f)}" is not 1 (High), 2 (Medium) or 3 (Low)`);
        badLevel = true;
        break;
      }
      if (read !== undefined) levels[column] = read;
    }
    if (badLevel) continue;
    const read = times(row, number, ['opened_at', 'resolved_at', 'closed_at'] as const, reject);
    if (!read) continue;
    const { opened_at: openedAt, resolved_at: resolvedText, closed_at: closedText } = read;
    if (openedAt === undefined) {
      reject('opened_at', `${number} has no opened_at`);
      continue;
    }
    const done = status === 'resolved' || status === 'closed';
    const resolvedAt = done ? (resolvedText ?? closedText ?? null) : null;
    const closedAt = status === 'closed' ? (closedText ?? resolvedText ?? null) : null;
    if (done && resolvedAt === null) {
      reject('resolved_at', `${number} is ${written(stateField)} but has no resolved_at or closed_at`);
      continue;
    }
    const early = [['resolved_at', resolvedAt], ['closed_at', closedAt]].find(([, t]) => t !== null && Date.parse(t as string) < Date.parse(openedAt));
    if (early) {
      reject(early[0] as string, `${number}: ${early[0]} ${early[1]} is before opened_at ${openedAt}`);
      continue;
    }
    const cis = [referenceOf(row, 'cmdb_ci'), referenceOf(row, 'business_service')].filter((r): r is ImportedReference => r !== undefined);
    if (cis.length === 0) {
      reject('cmdb_ci', `${number} names no configuration item or business service`);
      continue;
    }
    const causedBy = referenceOf(row, 'caused_by');
    const problem = referenceOf(row, 'problem_id');
    const sourcePriority = priorityLevel(field(row, 'priority'));
    builder.addIncident({
      system,
      fields: {
        number,
        title,
        description: field(row, 'description').display ?? '',
        impact: levels.impact ?? null,
        urgency: levels.urgency ?? 2,
        status,
        openedAt,
        resolvedAt,
        closedAt,
      },
      cis,
      ...(causedBy ? { causedBy } : {}),
      ...(problem ? { problem } : {}),
      ...(sourcePriority !== undefined ? { sourcePriority } : {}),
      sourceRef: row.ref,
    });
  }
}

/** ServiceNow's priority (`1`, `1 - Critical`) as 1–5; anything else is not a priority it compares. */
function priorityLevel(f: { display?: string; value?: string }): 1 | 2 | 3 | 4 | 5 | undefined {
  const match = /^\s*([1-5])(?:\s*-.*)?\s*$/.exec(f.value || f.display || '');
  return match ? (Number(match[1]) as 1 | 2 | 3 | 4 | 5) : undefined;
}

/** Reads problem rows into the batch: each row a problem, or a rejection naming its row and field. */
export function readProblems(rows: readonly SnRow[], builder: BatchBuilder, system: string): void {
  for (const row of rows) {
    const number = field(row, 'number').display ?? '';
    const reject = rejecter(builder, row.ref, 'problem', number);
    if (!PROBLEM_NUMBER.test(number)) {
      reject('number', number ? `the number "${number}" is not a problem number (PRB followed by digits)` : 'the number is empty');
      continue;
    }
    const title = field(row, 'short_description').display ?? '';
    if (!title) {
      reject('short_description', `${number} has no short description`);
      continue;
    }
    const stateField = field(row, 'state');
    let status = lookup(PROBLEM_STATES, stateField);
    if (!status) {
      reject('state', stateField.display || stateField.value ? `${number}: the state "${written(stateField)}" is not a problem state Faultline knows` : `${number}: the state is empty`);
      continue;
    }
    const flagged = field(row, 'known_error');
    if (status === 'open' && TRUE.has((flagged.value ?? flagged.display ?? '').trim().toLowerCase())) status = 'known_error';
    const read = times(row, number, ['resolved_at', 'closed_at'] as const, reject);
    if (!read) continue;
    const rootCause = referenceOf(row, 'cmdb_ci');
    builder.addProblem({
      system,
      fields: {
        number,
        title,
        description: field(row, 'description').display ?? '',
        status,
        knownError: field(row, 'cause_notes').display ?? '',
        workaround: field(row, 'workaround').display ?? '',
        resolvedAt: status === 'resolved' ? (read.resolved_at ?? read.closed_at ?? null) : null,
      },
      ...(rootCause ? { rootCause } : {}),
      sourceRef: row.ref,
    });
  }
}

/** Which ServiceNow record table rows with a number come from: by the first number's prefix, else by columns only incidents or problems have. */
export function serviceNowTable(rows: readonly SnRow[], columns: ReadonlySet<string>): 'incident' | 'problem' | 'change_request' {
  for (const row of rows) {
    const number = (field(row, 'number').display ?? '').toUpperCase();
    if (number.startsWith('INC')) return 'incident';
    if (number.startsWith('PRB')) return 'problem';
    if (number.startsWith('CHG')) return 'change_request';
  }
  if (['urgency', 'caused_by', 'incident_state'].some((c) => columns.has(c))) return 'incident';
  if (['known_error', 'workaround', 'cause_notes'].some((c) => columns.has(c))) return 'problem';
  return 'change_request';
}
