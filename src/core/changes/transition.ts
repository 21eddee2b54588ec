// Moving a change along its life cycle (lifecycle.ts), and the CAB's votes. Each move is one
// journal record with its actor; a refused move names the allowed ones.
import type { Change, ChangeTransition } from '../../shared/changes';
import type { ScheduleWindow } from '../../shared/schedule-windows';
import type { Cmdb, Transaction } from '../graph/cmdb';
import { CmdbError } from '../graph/errors';
import { CHANGE_KIND_NAME } from './change-kind';
import { allowedTransitions, describeAllowed } from './lifecycle';
import { windowConflictsOf } from './conflicts';
import { impactSnapshot } from './impact-snapshot';
import { WINDOW_KIND_NAME } from './window-kind';

export function requireChange(cmdb: Cmdb, id: string): Change {
  const change = cmdb.records.get(CHANGE_KIND_NAME, id) as Change | undefined;
  if (!change) throw new CmdbError('not_found', `id: no change request with id ${id}`, 'id');
  return change;
}

function refuse(field: string, message: string): never {
  throw new CmdbError('invalid_input', `${field}: ${message}`, field);
}

export function transitionChange(cmdb: Cmdb, id: string, input: ChangeTransition): { change: Change; tx: Transaction } {
  const before = requireChange(cmdb, id);
  const { to } = input;
  if (!allowedTransitions(before).includes(to)) {
    throw new CmdbError('conflict', `to: ${before.number} cannot go to ${to}: ${describeAllowed(before)}`, 'to');
  }
  const comment = input.comment?.trim() ?? '';
  if (before.state === 'draft' && to === 'assessed') {
    if (before.targets.length === 0) refuse('targets', `${before.number} has no target CI to assess`);
    if (before.window === null) refuse('window', `${before.number} has no planned window to assess`);
  }
  if (before.state === 'cab_review' && to === 'draft' && comment === '') refuse('comment', 'say why the change is sent back');
  if (to === 'reviewed' && !input.review) refuse('review', 'give the post-implementation review (outcome and notes)');
  // A blackout refuses the approval and the scheduling of all but emergency changes (those are flagged in their conflicts).
  if ((to === 'approved' || to === 'scheduled') && before.type !== 'emergency') {
    const windows = [...cmdb.records.list(WINDOW_KIND_NAME)] as ScheduleWindow[];
    const blackout = windowConflictsOf(cmdb.graph, before, windows).find((c) => c.kind === 'blackout');
    if (blackout) {
      throw new CmdbError('conflict', `window: ${before.number} cannot be ${to}: its window falls in blackout ${blackout.windowName}; move the window, or raise it as an emergency change`, 'window');
    }
  }

  const { now, actor } = cmdb.context();
  let snapshot = before.impactSnapshot;
  // Frozen when the CAB gets it, or when a standard or emergency change is approved without one.
  if (to === 'cab_review' || (to === 'approved' && before.state === 'assessed')) snapshot = impactSnapshot(cmdb.graph, before.targets, now);
  if (to === 'draft') snapshot = null;
  const events = [...before.events, { at: now, actor, kind: 'transition' as const, from: before.state, to, text: comment }];
  // An emergency approval without a meeting is one approver's vote.
  if (before.type === 'emergency' && before.state === 'assessed' && to === 'approved') {
    events.push({ at: now, actor, kind: 'vote', vote: 'approve', text: comment || 'emergency approval' });
  }
  const next: Change = {
    ...before,
    state: to,
    events,
    impactSnapshot: snapshot,
    review: to === 'reviewed' && input.review ? { ...input.review, at: now, actor } : before.review,
    updatedAt: now,
  };
  const { record, tx } = cmdb.replaceRecord(CHANGE_KIND_NAME, id, next, () => `${before.number}: ${before.state} → ${to}`);
  return { change: record as Change, tx };
}

/**
 * A CAB member's vote on a change under review, recorded with who cast it: `member` when the
 * meeting's secretary records another member's vote (the journal still names the secretary),
 * else the user. A member's later vote replaces nothing: the history keeps every vote cast.
 */
export function voteOnChange(cmdb: Cmdb, id: string, vote: 'approve' | 'reject' | 'abstain', comment = '', member?: string): { change: Change; tx: Transaction } {
  const before = requireChange(cmdb, id);
  if (before.state !== 'cab_review') throw new CmdbError('conflict', `vote: ${before.number} is ${before.state}; votes are cast while it is in cab_review`, 'vote');
  const { now, actor } = cmdb.context();
  const voter = member?.trim() || actor;
  const next: Change = { ...before, events: [...before.events, { at: now, actor: voter, kind: 'vote', vote, text: comment.trim() }], updatedAt: now };
  const { record, tx } = cmdb.replaceRecord(CHANGE_KIND_NAME, id, next, () => `${before.number}: ${voter} votes ${vote}`);
  return { change: record as Change, tx };
}
