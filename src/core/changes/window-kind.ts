// Maintenance and blackout windows as a record kind (src/shared/schedule-windows.ts): journaled
// like every edit; the CIs a window covers must exist, and while it names a CI that CI cannot
// be deleted (edit the window first).
import { ScheduleWindowInputSchema, ScheduleWindowPatchSchema, ScheduleWindowSchema, type ScheduleWindow } from '../../shared/schedule-windows';
import { parseOrThrow } from '../graph/validation';
import { defineStoredKind } from '../records/define';

export const WINDOW_KIND_NAME = 'window';

export const WINDOW_KIND = defineStoredKind<ScheduleWindow>({
  name: WINDOW_KIND_NAME,
  label: 'window',
  plural: 'windows',
  idPrefix: 'win',
  schema: ScheduleWindowSchema,
  title: (window) => `${window.kind} window ${window.name}`,
  references: (window) => window.ciIds.map((ciId, i) => ({ kind: 'ci', id: ciId, field: `ciIds[${i}]` })),
  prepareCreate(input, id, context) {
    const { id: _id, ...fields } = input;
    const parsed = parseOrThrow(ScheduleWindowInputSchema, fields);
    return { ...parsed, id, createdAt: context.now, updatedAt: context.now } satisfies ScheduleWindow;
  },
  prepareUpdate(before, patch, context) {
    const { id: _id, ...fields } = patch;
    const parsed = parseOrThrow(ScheduleWindowPatchSchema, fields);
    return { ...before, ...parsed, updatedAt: context.now } satisfies ScheduleWindow;
  },
});
