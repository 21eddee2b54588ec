// A change request's life (ARCHITECTURE.md, "Change request"): draft → assessed → cab_review →
// approved | rejected → scheduled → implemented → reviewed; cancelled from any open state; sent
// back from cab_review to draft with a comment. A standard change is pre-approved (assessed →
// approved, no CAB); an emergency change may be approved by one emergency approver without a
// meeting (assessed → approved) and, like every change, is closed only by its post-
// implementation review.
import { CLOSED_CHANGE_STATES, type Change, type ChangeState } from '../../shared/changes';

const OPEN_MOVES: Readonly<Record<ChangeState, readonly ChangeState[]>> = {
  draft: ['assessed', 'cancelled'],
  assessed: ['cab_review', 'approved', 'draft', 'cancelled'],
  cab_review: ['approved', 'rejected', 'draft', 'cancelled'],
  approved: ['scheduled', 'cancelled'],
  scheduled: ['implemented', 'cancelled'],
  implemented: ['reviewed'],
  rejected: [],
  reviewed: [],
  cancelled: [],
};

/** The states a change can move to from where it is, given its type. */
export function allowedTransitions(change: Pick<Change, 'state' | 'type'>): ChangeState[] {
  return OPEN_MOVES[change.state].filter((to) => {
    if (change.state === 'assessed' && to === 'approved') return change.type !== 'normal';
    if (change.state === 'assessed' && to === 'cab_review') return change.type !== 'standard';
    return true;
  });
}

export function isClosedChange(change: Pick<Change, 'state'>): boolean {
  return CLOSED_CHANGE_STATES.includes(change.state);
}

/** Fields a user edits directly are editable until the change goes to the CAB (send it back to edit it then). */
export function isEditable(change: Pick<Change, 'state'>): boolean {
  return change.state === 'draft' || change.state === 'assessed';
}

/** "draft → assessed or cancelled" for a refusal: what is allowed from here, in words. */
export function describeAllowed(change: Pick<Change, 'state' | 'type'>): string {
  const allowed = allowedTransitions(change);
  if (allowed.length === 0) return `it is ${change.state} and closed: no move is allowed`;
  const list = allowed.length === 1 ? allowed[0] : `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`;
  return `from ${change.state} it can go to ${list}`;
}
