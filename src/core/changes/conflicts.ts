// A change's conflicts (ARCHITECTURE.md, "Conflicts"), each with its reason and a link to the
// other change or the window. Change against change, when their planned windows overlap (an
// edge that only touches is no overlap): the same CI; a CI directly related to the other's
// target (parent or child); the same implementer; and a transitive collision — the impacted
// services overlap though the targets share nothing. Change against windows: a target, or a
// CI directly related to it, outside its maintenance windows or inside a blackout; an
// emergency change in a blackout is flagged, not refused.
import type { Change } from '../../shared/changes';
import type { Conflict } from '../../shared/risk';
import { WEEKDAY_NAMES, type ScheduleWindow } from '../../shared/schedule-windows';
import type { CmdbGraph } from '../graph/cmdb-graph';
import type { ChangeImpactOf } from './change-impact';
import { coveredBy, intervalOf, occurrenceIntervals, overlaps, type Interval } from './occurrences';

/** The states in which a change holds its window: decided or on its way to the CAB, not a draft and not closed. */
export const BOOKED_STATES: ReadonlySet<Change['state']> = new Set(['assessed', 'cab_review', 'approved', 'scheduled', 'implemented']);

export interface ConflictContext {
  graph: CmdbGraph;
  changes: readonly Change[];
  windows: readonly ScheduleWindow[];
  impactOf: ChangeImpactOf;
}

/** Windows by the CIs they cover, and those that cover every CI. */
interface WindowIndex {
  byCi: Map<string, ScheduleWindow[]>;
  everyCi: ScheduleWindow[];
}

function indexWindows(windows: readonly ScheduleWindow[], kind: ScheduleWindow['kind']): WindowIndex {
  const byCi = new Map<string, ScheduleWindow[]>();
  const everyCi = windows.filter((w) => w.kind === kind && w.ciIds.length === 0);
  for (const window of windows) {
    if (window.kind !== kind) continue;
    for (const ciId of window.ciIds) {
      const list = byCi.get(ciId);
      if (list) list.push(window);
      else byCi.set(ciId, [window, ...everyCi]);
    }
  }
  return { byCi, everyCi };
}

/** The windows covering `ciId` (its own and those covering every CI); the same array for the same CI. */
function windowsFor(index: WindowIndex, ciId: string): ScheduleWindow[] {
  return index.byCi.get(ciId) ?? index.everyCi;
}

const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** "2026-12-06 02:00–03:00 UTC" or "2026-12-06 22:00 – 2026-12-07 01:00 UTC". */
export function describeSpan(span: Interval): string {
  const [a, b] = [fmt(span.start), fmt(span.end)];
  return a.slice(0, 10) === b.slice(0, 10) ? `${a}–${b.slice(11)} UTC` : `${a} – ${b} UTC`;
}

/** "Sundays 01:00–05:00 Europe/Paris" or the one-off span. */
export function describeWindowSchedule(window: ScheduleWindow): string {
  const s = window.schedule;
  if (s.type === 'once') return describeSpan(intervalOf(s));
  const days = [...s.weekdays].sort((a, b) => a - b).map((d) => `${WEEKDAY_NAMES[d]}s`);
  return `${days.join(', ')} ${s.startTime}–${s.endTime} ${window.timeZone}`;
}

function changeName(change: Change): string {
  return `${change.number} ${change.title}`;
}

/** The CIs one relationship away from `ciId`, each with the relationship read in its direction. */
function neighbours(graph: CmdbGraph, ciId: string): Map<string, string> {
  const out = new Map<string, string>();
  const name = (id: string) => graph.getCi(id)?.name ?? id;
  for (const rel of graph.relationshipsOf(ciId)) {
    const other = rel.source === ciId ? rel.target : rel.source;
    if (other !== ciId && !out.has(other)) out.set(other, `${name(rel.source)} ${rel.type.replace(/_/g, ' ')} ${name(rel.target)}`);
  }
  return out;
}

/** What conflict detection needs of the change being checked, worked out once per check. */
interface Subject {
  change: Change;
  span: Interval;
  targets: ReadonlySet<string>;
  /** Per target, the CIs directly related to it and the relationship in words. */
  neighbours: ReadonlyMap<string, ReadonlyMap<string, string>>;
  implementer: string;
}

function subjectOf(graph: CmdbGraph, change: Change, span: Interval): Subject {
  const targets = new Set(change.targets.map((t) => t.ciId));
  return {
    change,
    span,
    targets,
    neighbours: new Map([...targets].map((id) => [id, neighbours(graph, id)])),
    implementer: change.implementer.trim().toLowerCase(),
  };
}

function changeToChange(ctx: ConflictContext, subject: Subject, other: Change, otherSpan: Interval): Conflict[] {
  const name = (id: string) => ctx.graph.getCi(id)?.name ?? id;
  const link = { otherChangeId: other.id, otherChangeNumber: other.number };
  const when = `${other.state.replace('_', ' ')}, ${describeSpan(otherSpan)}`;
  const out: Conflict[] = [];
  const theirs = new Set(other.targets.map((t) => t.ciId));
  let sharesCis = false;
  for (const ciId of theirs) {
    if (!subject.targets.has(ciId)) continue;
    sharesCis = true;
    out.push({ kind: 'same_ci', severity: 'conflict', reason: `${name(ciId)} is also changed by ${changeName(other)} (${when})`, ciIds: [ciId], ...link });
  }
  for (const [ciId, around] of subject.neighbours) {
    if (theirs.has(ciId)) continue;
    // The smaller side is walked: a hub target has thousands of neighbours, a change a few targets.
    for (const neighbour of theirs) {
      const relation = around.get(neighbour);
      if (relation === undefined || subject.targets.has(neighbour)) continue;
      sharesCis = true;
      out.push({
        kind: 'related_ci',
        severity: 'conflict',
        reason: `${name(neighbour)} is changed by ${changeName(other)} (${when}) and ${relation}`,
        ciIds: [ciId, neighbour],
        ...link,
      });
    }
  }
  if (subject.implementer !== '' && subject.implementer === other.implementer.trim().toLowerCase()) {
    out.push({ kind: 'implementer', severity: 'conflict', reason: `${subject.change.implementer} also implements ${changeName(other)} (${when})`, ciIds: [], ...link });
  }
  if (!sharesCis) {
    const theirServices = ctx.impactOf(other).serviceIds;
    const shared = ctx.impactOf(subject.change).summary.services.filter((s) => theirServices.has(s.id));
    if (shared.length > 0) {
      const names = shared.slice(0, 3).map((s) => s.name).join(', ') + (shared.length > 3 ? ` and ${shared.length - 3} more` : '');
      out.push({
        kind: 'shared_services',
        severity: 'conflict',
        reason: `${changeName(other)} (${when}) also impacts ${names}, though the two changes share no CI: both outages would hit ${shared.length === 1 ? 'this service' : 'these services'} at once`,
        ciIds: shared.map((s) => s.id),
        ...link,
      });
    }
  }
  return out;
}

function changeToWindows(graph: CmdbGraph, subject: Subject, index: ConflictIndex): Conflict[] {
  const name = (id: string) => graph.getCi(id)?.name ?? id;
  const { change, span } = subject;
  const { maintenance, blackout } = index;
  const out: Conflict[] = [];
  const seenBlackouts = new Set<string>();
  const occurrencesOf = (w: ScheduleWindow) => index.occurrences(w, span);
  const covered = new Map<ScheduleWindow[], boolean>();
  for (const [targetId, around] of subject.neighbours) {
    // The target itself, then the CIs directly related to it, each checked against its own windows.
    const checked: [string, string | null][] = [[targetId, null], ...around];
    for (const [ciId, relation] of checked) {
      const ownMaintenance = windowsFor(maintenance, ciId);
      const ownBlackouts = windowsFor(blackout, ciId);
      if (ownMaintenance.length === 0 && ownBlackouts.length === 0) continue;
      const who = relation === null ? name(ciId) : `${name(ciId)} (${relation})`;
      if (ownMaintenance.length > 0) {
        let inside = covered.get(ownMaintenance);
        if (inside === undefined) covered.set(ownMaintenance, (inside = coveredBy(span, ownMaintenance.flatMap(occurrencesOf))));
        if (!inside) {
          const first = ownMaintenance[0];
          const names = ownMaintenance.map((w) => `${w.name} (${describeWindowSchedule(w)})`).join('; ');
          out.push({
            kind: 'outside_maintenance',
            severity: 'conflict',
            reason: `${who} is changed outside its maintenance window${ownMaintenance.length > 1 ? 's' : ''} ${names}`,
            windowId: first.id,
            windowName: first.name,
            ciIds: [ciId],
          });
        }
      }
      for (const window of ownBlackouts) {
        if (seenBlackouts.has(window.id)) continue;
        const hit = occurrencesOf(window)[0];
        if (!hit) continue;
        seenBlackouts.add(window.id);
        const emergency = change.type === 'emergency';
        const scope = window.ciIds.length === 0 ? 'every CI' : who;
        out.push({
          kind: 'blackout',
          severity: emergency ? 'flag' : 'conflict',
          reason: `${emergency ? 'Emergency change allowed in' : 'Falls in'} blackout ${window.name} (${describeSpan(hit)}), which covers ${scope}`,
          windowId: window.id,
          windowName: window.name,
          ciIds: [ciId],
        });
      }
    }
  }
  return out;
}

const DAY = 86_400_000;

/** What every check over the same changes and windows shares: the booked changes in start order, the windows by CI, their occurrences by day. */
export interface ConflictIndex {
  booked: { change: Change; span: Interval }[];
  /** The longest booked window: a change overlapping `span` starts after span.start minus this. */
  longestMs: number;
  maintenance: WindowIndex;
  blackout: WindowIndex;
  /** A window's occurrences meeting `span` (laid out per whole UTC days and kept: luxon's zone arithmetic is the costly part). */
  occurrences(window: ScheduleWindow, span: Interval): Interval[];
}

export function conflictIndex(changes: readonly Change[], windows: readonly ScheduleWindow[]): ConflictIndex {
  const booked = changes
    .filter((c) => c.window !== null && BOOKED_STATES.has(c.state))
    .map((change) => ({ change, span: intervalOf(change.window as { start: string; end: string }) }))
    .sort((a, b) => a.span.start - b.span.start);
  const memo = new Map<string, Interval[]>();
  return {
    booked,
    longestMs: booked.reduce((m, b) => Math.max(m, b.span.end - b.span.start), 0),
    maintenance: indexWindows(windows, 'maintenance'),
    blackout: indexWindows(windows, 'blackout'),
    occurrences(window, span) {
      if (window.schedule.type === 'once') return occurrenceIntervals(window, span);
      const days = { start: Math.floor(span.start / DAY) * DAY, end: Math.ceil(span.end / DAY) * DAY };
      const key = `${window.id}|${days.start}|${days.end}`;
      let all = memo.get(key);
      if (!all) memo.set(key, (all = occurrenceIntervals(window, days)));
      return all.filter((o) => overlaps(o, span));
    },
  };
}

/** The first booked change that may overlap a span starting at `from`. */
function firstCandidate(index: ConflictIndex, from: number): number {
  let lo = 0;
  let hi = index.booked.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index.booked[mid].span.start < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The conflicts of `change` with the booked changes and the windows; none while it has no window. */
export function conflictsOf(ctx: ConflictContext, change: Change, index = conflictIndex(ctx.changes, ctx.windows)): Conflict[] {
  if (change.window === null) return [];
  const span = intervalOf(change.window);
  const subject = subjectOf(ctx.graph, change, span);
  const out: Conflict[] = [];
  for (let i = firstCandidate(index, span.start - index.longestMs); i < index.booked.length; i++) {
    const { change: other, span: otherSpan } = index.booked[i];
    if (otherSpan.start >= span.end) break;
    if (other.id !== change.id && overlaps(span, otherSpan)) out.push(...changeToChange(ctx, subject, other, otherSpan));
  }
  out.push(...changeToWindows(ctx.graph, subject, index));
  return out;
}

/** The change's conflicts with maintenance and blackout windows only. */
export function windowConflictsOf(graph: CmdbGraph, change: Change, windows: readonly ScheduleWindow[]): Conflict[] {
  if (change.window === null) return [];
  return changeToWindows(graph, subjectOf(graph, change, intervalOf(change.window)), conflictIndex([], windows));
}

/** Every change's conflicts at once, by change id (the index built once). */
export function allConflicts(ctx: ConflictContext): Map<string, Conflict[]> {
  const index = conflictIndex(ctx.changes, ctx.windows);
  return new Map(ctx.changes.map((change) => [change.id, conflictsOf(ctx, change, index)]));
}
