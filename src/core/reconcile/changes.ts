// Reconciling imported change requests (a ServiceNow change_request export) with the CMDB's:
// each becomes a create, or an update of the change with the same number, or is unchanged or
// rejected. Its CI is resolved like a relationship end (a CI of the same import, an existing
// CI's id, externalIds[system] — a ServiceNow sys_id — or its name); a CI that resolves to
// nothing rejects the row, naming its row and field, since a change imported without its CI
// would show no impact and no risk. A number used twice in the file rejects every row using it.
//
// An update never clears what the source did not say: an empty description, rollback plan,
// implementer, window or review leaves the change's own, and the imported CI is added to the
// change's targets (mode down) when it is not among them; other targets stay.
import type { Change } from '../../shared/changes';
import type { ImportedChangeFields, PlanEndpoint, PlanFieldChange, PlannedChangeCreate, PlannedChangeTarget, PlannedChangeUnchanged, PlannedChangeUpdate, Rejection } from '../../shared/data-types';
import { ImportedChangeFieldsSchema } from '../changes/change-import';
import type { ImportedChange } from '../formats/import/types';

/** What a CI reference resolves to (plan.ts's resolver). */
export type ResolvedReference = { kind: 'endpoint'; endpoint: PlanEndpoint } | { kind: 'rejected'; reason: string } | { kind: 'missing' } | { kind: 'ambiguous'; count: number };

export interface PlannedChanges {
  create: PlannedChangeCreate[];
  update: PlannedChangeUpdate[];
  unchanged: PlannedChangeUnchanged[];
  rejected: Rejection[];
}

function sameEndpoint(a: PlanEndpoint, b: PlanEndpoint): boolean {
  return a.kind === 'existing' ? b.kind === 'existing' && a.id === b.id : b.kind === 'new' && a.index === b.index;
}

function targetNames(targets: readonly PlannedChangeTarget[]): string[] {
  return targets.map((t) => `${t.endpoint.name} (${t.mode})`);
}

/** The fields the change has after the import: the file's, with what it leaves empty kept from `before`. */
function mergedFields(before: Change, fields: ImportedChangeFields): ImportedChangeFields {
  return {
    ...fields,
    description: fields.description || before.description,
    rollbackPlan: fields.rollbackPlan || before.rollbackPlan,
    implementer: fields.implementer || before.implementer,
    window: fields.window ?? before.window,
    review: fields.review ?? (before.review ? { outcome: before.review.outcome, notes: before.review.notes } : null),
  };
}

function differences(before: Change, after: ImportedChangeFields, beforeTargets: readonly PlannedChangeTarget[], afterTargets: readonly PlannedChangeTarget[]): PlanFieldChange[] {
  const changes: PlanFieldChange[] = [];
  for (const name of ['title', 'description', 'type', 'state', 'implementer', 'rollbackPlan'] as const) {
    if (before[name] !== after[name]) changes.push({ field: name, before: before[name], after: after[name] });
  }
  for (const end of ['start', 'end'] as const) {
    const was = before.window?.[end] ?? null;
    const now = after.window?.[end] ?? null;
    if (was !== now) changes.push({ field: `window.${end}`, before: was, after: now });
  }
  if (afterTargets.length !== beforeTargets.length) changes.push({ field: 'targets', before: targetNames(beforeTargets), after: targetNames(afterTargets) });
  const outcome = before.review?.outcome ?? null;
  if ((after.review?.outcome ?? null) !== outcome) changes.push({ field: 'review.outcome', before: outcome, after: after.review?.outcome ?? null });
  else if (after.review && before.review && after.review.notes !== before.review.notes) {
    changes.push({ field: 'review.notes', before: before.review.notes, after: after.review.notes });
  }
  return changes;
}

export function planChanges(
  incoming: readonly ImportedChange[],
  existing: readonly Change[],
  resolve: (system: string, ref: string) => ResolvedReference,
  ciName: (id: string) => string,
): PlannedChanges {
  const out: PlannedChanges = { create: [], update: [], unchanged: [], rejected: [] };
  const byNumber = new Map(existing.map((c) => [c.number, c]));
  const uses = new Map<string, number>();
  for (const change of incoming) uses.set(change.fields.number, (uses.get(change.fields.number) ?? 0) + 1);

  for (const change of incoming) {
    const { fields, sourceRef } = change;
    const reject = (reason: string, field?: string): void => {
      out.rejected.push({ ...sourceRef, entity: 'change', key: fields.number, ...(field !== undefined ? { field } : {}), reason });
    };
    const times = uses.get(fields.number) ?? 0;
    if (times > 1) {
      reject(`the number ${fields.number} appears ${times} times in the import`, 'number');
      continue;
    }
    const checked = ImportedChangeFieldsSchema.safeParse(fields);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const path = issue.path.map(String).join('.');
      reject(`${fields.number}: ${path ? `${path}: ` : ''}${issue.message}`, path || undefined);
      continue;
    }
    let imported: PlannedChangeTarget | null = null;
    if (change.target) {
      let result: ResolvedReference = { kind: 'missing' };
      for (const ref of change.target.refs) {
        result = resolve(change.system, ref);
        if (result.kind !== 'missing') break;
      }
      const named = change.target.refs.map((r) => `"${r}"`).join(' / ');
      if (result.kind === 'missing') {
        reject(`${fields.number}: ${change.target.field} ${named} is no CI in this file or the CMDB (by sys_id or name); import the CI first`, change.target.field);
        continue;
      }
      if (result.kind === 'ambiguous') {
        reject(`${fields.number}: ${change.target.field} ${named} names ${result.count} CIs; export it by sys_id`, change.target.field);
        continue;
      }
      if (result.kind === 'rejected') {
        reject(`${fields.number}: ${change.target.field} ${named} was rejected: ${result.reason}`, change.target.field);
        continue;
      }
      imported = { endpoint: result.endpoint, mode: 'down' };
    }
    const before = byNumber.get(fields.number);
    if (!before) {
      out.create.push({ sourceRef, fields, targets: imported ? [imported] : [] });
      continue;
    }
    const own: PlannedChangeTarget[] = before.targets.map((t) => ({ endpoint: { kind: 'existing', id: t.ciId, name: ciName(t.ciId) }, mode: t.mode }));
    const targets = imported && !own.some((t) => sameEndpoint(t.endpoint, imported.endpoint)) ? [...own, imported] : own;
    const after = mergedFields(before, fields);
    const changes = differences(before, after, own, targets);
    if (changes.length === 0) out.unchanged.push({ sourceRef, id: before.id, number: before.number });
    else out.update.push({ sourceRef, id: before.id, number: before.number, changes, fields: after, targets });
  }
  return out;
}
