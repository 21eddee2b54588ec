// The CAB meeting's agenda and vote tally. Pure: unit-tested in test/unit/renderer/change-list-model.test.ts.
import type { Change, ChangeEvent } from '../../shared/changes';
import type { ChangeListItem } from '../../shared/operations';

/** The changes waiting for the CAB, soonest planned window first (those without one last). */
export function cabAgenda(items: readonly ChangeListItem[]): ChangeListItem[] {
  const start = (item: ChangeListItem) => (item.change.window ? Date.parse(item.change.window.start) : Number.POSITIVE_INFINITY);
  return items.filter((item) => item.change.state === 'cab_review').sort((a, b) => start(a) - start(b) || a.change.number.localeCompare(b.change.number));
}

export interface VoteTally {
  approve: string[];
  reject: string[];
  abstain: string[];
}

/**
 * Each member's latest vote since the change last entered cab_review (a change sent back and
 * submitted again is voted on afresh).
 */
export function voteTally(change: Pick<Change, 'events'>): VoteTally {
  let since = 0;
  change.events.forEach((event, i) => {
    if (event.kind === 'transition' && event.to === 'cab_review') since = i;
  });
  const latest = new Map<string, NonNullable<ChangeEvent['vote']>>();
  for (const event of change.events.slice(since)) if (event.kind === 'vote' && event.vote) latest.set(event.actor, event.vote);
  const tally: VoteTally = { approve: [], reject: [], abstain: [] };
  for (const [member, vote] of latest) tally[vote].push(member);
  return tally;
}

/** Everyone who has voted on any change: the names the CAB view offers for "member". */
export function knownMembers(items: readonly ChangeListItem[]): string[] {
  const names = new Set<string>();
  for (const { change } of items) for (const event of change.events) if (event.kind === 'vote' && event.actor) names.add(event.actor);
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** Whether the change's planned window starts before the meeting (the CAB meets too late for it). */
export function windowBeforeMeeting(change: Pick<Change, 'window'>, meetingDate: string): boolean {
  return change.window !== null && Date.parse(change.window.start) < Date.parse(`${meetingDate}T00:00:00`);
}
