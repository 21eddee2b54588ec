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
  const everyCi: ScheduleWindow[] = [];
  for (const window of windows) {
    if (window.kind !== kind) continue;
    if (window.ciIds.length === 0) everyCi.push(window);
    for (const ciId of window.ciIds) {
      const list = byCi.get(ciId);
      if (list) list.push(window);
      else byCi.set(ciId, [window]);
    }
  }
  return { byCi, everyCi };
}

function windowsFor(index: WindowIndex, ciId: string): ScheduleWindow[] {
  const own = index.byCi.get(ciId);
  return own ? [...own, ...index.everyCi] : index.everyCi;
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

function changeToChange(ctx: ConflictContext, change: Change, span: Interval, other: Change, otherSpan: Interval): Conflict[] {
  const name = (id: string) => ctx.graph.getCi(id)?.name ?? id;
  const link = { otherChangeId: other.id, otherChangeNumber: other.number };
  const when = `${other.state.replace('_', ' ')}, ${describeSpan(otherSpan)}`;
  const out: Conflict[] = [];
  const mine = new Set(change.targets.map((t) => t.ciId));
  const theirs = new Set(other.targets.map((t) => t.ciId));
  const same = [...mine].filter((id) => theirs.has(id));
  for (const ciId of same) {
    out.push({ kind: 'same_ci', severity: 'conflict', reason: `${name(ciId)} is also changed by ${changeName(other)} (${when})`, ciIds: [ciId], ...link });
  }
  let related = false;
  for (const ciId of mine) {
    if (theirs.has(ciId)) continue;
    for (const [neighbour, relation] of neighbours(ctx.graph, ciId)) {
      if (!theirs.has(neighbour) || mine.has(neighbour)) continue;
      related = true;
      out.push({
        kind: 'related_ci',
        severity: 'conflict',
        reason: `${name(neighbour)} is changed by ${changeName(other)} (${when}) and ${relation}`,
        ciIds: [ciId, neighbour],
        ...link,
      });
    }
  }
  const implementer = change.implementer.trim().toLowerCase();
  if (implementer !== '' && implementer === other.implementer.trim().toLowerCase()) {
    out.push({ kind: 'implementer', severity: 'conflict', reason: `${change.implementer} also implements ${changeName(other)} (${when})`, ciIds: [], ...link });
  }
  if (same.length === 0 && !related) {
    const theirServices = ctx.impactOf(other).serviceIds;
    const shared = ctx.impactOf(change).summary.services.filter((s) => theirServices.has(s.id));
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

function changeToWindows(graph: CmdbGraph, change: Change, span: Interval, maintenance: WindowIndex, blackout: WindowIndex): Conflict[] {
  const name = (id: string) => graph.getCi(id)?.name ?? id;
  const out: Conflict[] = [];
  const seenBlackouts = new Set<string>();
  for (const target of change.targets) {
    // The target itself, then the CIs directly related to it, each checked against its own windows.
    const checked: [string, string | null][] = [[target.ciId, null], ...[...neighbours(graph, target.ciId)].map(([id, rel]): [string, string] => [id, rel])];
    for (const [ciId, relation] of checked) {
      const who = relation === null ? name(ciId) : `${name(ciId)} (${relation})`;
      const ownMaintenance = windowsFor(maintenance, ciId);
      if (ownMaintenance.length > 0) {
        const occurrences = ownMaintenance.flatMap((w) => occurrenceIntervals(w, span));
        if (!coveredBy(span, occurrences)) {
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
      for (const window of windowsFor(blackout, ciId)) {
        if (seenBlackouts.has(window.id)) continue;
        const hit = occurrenceIntervals(window, span)[0];
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

/** The conflicts of `change` with the booked changes and the windows; none while it has no window. */
export function conflictsOf(ctx: ConflictContext, change: Change, indexes = windowIndexes(ctx.windows)): Conflict[] {
  if (change.window === null) return [];
  const span = intervalOf(change.window);
  const out: Conflict[] = [];
  for (const other of ctx.changes) {
    if (other.id === change.id || other.window === null || !BOOKED_STATES.has(other.state)) continue;
    const otherSpan = intervalOf(other.window);
    if (overlaps(span, otherSpan)) out.push(...changeToChange(ctx, change, span, other, otherSpan));
  }
  out.push(...changeToWindows(ctx.graph, change, span, indexes.maintenance, indexes.blackout));
  return out;
}

/** The change's conflicts with maintenance and blackout windows only. */
export function windowConflictsOf(graph: CmdbGraph, change: Change, windows: readonly ScheduleWindow[]): Conflict[] {
  if (change.window === null) return [];
  const { maintenance, blackout } = windowIndexes(windows);
  return changeToWindows(graph, change, intervalOf(change.window), maintenance, blackout);
}

export function windowIndexes(windows: readonly ScheduleWindow[]): { maintenance: WindowIndex; blackout: WindowIndex } {
  return { maintenance: indexWindows(windows, 'maintenance'), blackout: indexWindows(windows, 'blackout') };
}

/** Every change's conflicts at once, by change id (the windows indexed once). */
export function allConflicts(ctx: ConflictContext): Map<string, Conflict[]> {
  const indexes = windowIndexes(ctx.windows);
  return new Map(ctx.changes.map((change) => [change.id, conflictsOf(ctx, change, indexes)]));
}
