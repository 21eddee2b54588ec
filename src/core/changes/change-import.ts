// A change request as an import makes it (a ServiceNow change_request export, planned in
// src/core/reconcile): unlike a user's create or edit, the import sets the number and the state
// the source gives. The record gets one history event saying where it came from (the source's
// own state and risk as written), and an impact snapshot when its state is one the CAB has
// already seen (cab_review or later), frozen on the CMDB as it is at the import, so the CAB
// view and the change detail have what they show; a draft or assessed change has none.
import { ChangeSchema, ChangeTargetSchema, type Change, type ChangeState } from '../../shared/changes';
import { parseOrThrow } from '../graph/validation';
import type { RecordContext } from '../records/registry';
import { impactSnapshot } from './impact-snapshot';

/** What an import hands the change kind: the change's own fields, its resolved targets and the history note. */
export const ChangeImportSchema = ChangeSchema.pick({
  number: true,
  title: true,
  description: true,
  type: true,
  state: true,
  window: true,
  implementer: true,
  rollbackPlan: true,
})
  .extend({
    targets: ChangeSchema.shape.targets,
    review: ChangeSchema.shape.review.unwrap().pick({ outcome: true, notes: true }).nullable(),
    note: ChangeSchema.shape.description,
  })
  .strict();

/** The fields an import plan checks before it plans a change (targets are resolved by the plan itself). */
export const ImportedChangeFieldsSchema = ChangeImportSchema.omit({ targets: true });

/** States the CAB has seen (or that were approved without it): an imported change in one carries a snapshot. */
const SNAPSHOT_STATES: ReadonlySet<ChangeState> = new Set(['cab_review', 'approved', 'rejected', 'scheduled', 'implemented', 'reviewed']);

function sameTargets(a: Change['targets'], b: Change['targets']): boolean {
  return a.length === b.length && a.every((t, i) => t.ciId === b[i].ciId && t.mode === b[i].mode);
}

/** The change an import creates (`before` null) or leaves (`before` the change with the same number). */
export function importedChange(before: Change | null, input: Record<string, unknown>, id: string, context: RecordContext): Change {
  const fields = parseOrThrow(ChangeImportSchema, input);
  const { now, actor } = context;
  const targets = fields.targets.map((t) => parseOrThrow(ChangeTargetSchema, t));
  let snapshot: Change['impactSnapshot'] = null;
  if (SNAPSHOT_STATES.has(fields.state)) {
    const kept = before?.impactSnapshot && sameTargets(before.targets, targets) ? before.impactSnapshot : null;
    snapshot = kept ?? impactSnapshot(context.state.graph, targets, now);
  } else if (fields.state === 'cancelled') {
    snapshot = before?.impactSnapshot ?? null;
  }
  const previous = before?.review ?? null;
  const review = fields.review
    ? previous && previous.outcome === fields.review.outcome && previous.notes === fields.review.notes
      ? previous
      : { ...fields.review, at: now, actor }
    : previous;
  const moved = before !== null && before.state !== fields.state;
  const event: Change['events'][number] = { at: now, actor, kind: 'comment', text: fields.note };
  if (moved) {
    event.from = before.state;
    event.to = fields.state;
  }
  return {
    id,
    number: fields.number,
    title: fields.title,
    description: fields.description,
    type: fields.type,
    state: fields.state,
    targets,
    window: fields.window,
    implementer: fields.implementer,
    rollbackPlan: fields.rollbackPlan,
    events: [...(before?.events ?? []), event],
    impactSnapshot: snapshot,
    review,
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
  };
}

