// A change's conflicts and risk together, over the open document: what change.get, the changes
// list and the CAB packet show.
import type { Change } from '../../shared/changes';
import type { Conflict, RiskAssessment } from '../../shared/risk';
import type { ScheduleWindow } from '../../shared/schedule-windows';
import type { Cmdb } from '../graph/cmdb';
import type { ChangeImpactOf } from './change-impact';
import { CHANGE_KIND_NAME } from './change-kind';
import { isClosedChange } from './lifecycle';
import { conflictIndex, conflictsOf, type ConflictContext } from './conflicts';
import { assessRisk, failedChangesNear } from './risk';
import { riskWeightsOf } from './risk-weights';
import { WINDOW_KIND_NAME } from './window-kind';

export interface ChangeAssessment {
  risk: RiskAssessment;
  conflicts: Conflict[];
}

export function allChanges(cmdb: Cmdb): Change[] {
  return [...cmdb.records.list(CHANGE_KIND_NAME)] as Change[];
}

export function allWindows(cmdb: Cmdb): ScheduleWindow[] {
  return [...cmdb.records.list(WINDOW_KIND_NAME)] as ScheduleWindow[];
}

/** Assesses each of `changes` (all of the document's by default) against every other change and window; `now` dates the history lookback. */
export function assessChanges(cmdb: Cmdb, impactOf: ChangeImpactOf, now: number, changes?: readonly Change[]): Map<string, ChangeAssessment> {
  const ctx: ConflictContext = { graph: cmdb.graph, changes: allChanges(cmdb), windows: allWindows(cmdb), impactOf };
  const { weights } = riskWeightsOf(cmdb);
  const index = conflictIndex(ctx.changes, ctx.windows);
  const out = new Map<string, ChangeAssessment>();
  for (const change of changes ?? ctx.changes) {
    // A closed change holds no window any more: it conflicts with nothing.
    const conflicts = isClosedChange(change) ? [] : conflictsOf(ctx, change, index);
    const impact = impactOf(change);
    const history = { failedChanges: failedChangesNear(change, impact, ctx.changes, now, weights.lookbackDays), incidents: 0 };
    out.set(change.id, { risk: assessRisk(change, impact, conflicts, history, weights), conflicts });
  }
  return out;
}
