// The changes list as rows and columns, for the CSV and Excel writers (like table.ts for CIs):
// number, title, type, state, risk band and score, the planned window in ISO UTC, implementer,
// the targets by name and how many conflicts the change has. Cells are raw values; each writer
// neutralises formula text (neutralize.ts), so a title "=HYPERLINK(…)" stays text. Rows in
// change-number order.
import type { ChangeListItem } from '../../../shared/operations';
import { compareIds } from './scope';
import { TAG_SEPARATOR, type Table } from './table';

export const CHANGE_COLUMNS = [
  'number',
  'title',
  'type',
  'state',
  'risk_band',
  'risk_score',
  'window_start',
  'window_end',
  'implementer',
  'targets',
  'conflicts',
] as const;

/** `ciName` names a target (a CI, or a deleted one's tombstone), falling back to its id. */
export function changeTable(items: readonly ChangeListItem[], ciName: (id: string) => string | undefined): Table {
  const rows = [...items]
    .sort((a, b) => compareIds(a.change.number, b.change.number))
    .map(({ change, risk, conflictCount }) => [
      change.number,
      change.title,
      change.type,
      change.state,
      risk.band,
      risk.score,
      change.window?.start ?? null,
      change.window?.end ?? null,
      change.implementer,
      change.targets.map((t) => ciName(t.ciId) ?? t.ciId).join(TAG_SEPARATOR),
      conflictCount,
    ]);
  return { columns: [...CHANGE_COLUMNS], rows };
}
