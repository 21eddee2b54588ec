// Maintenance and blackout windows (ARCHITECTURE.md, "Conflicts"): a registered record kind
// (src/core/changes/window-kind.ts). A window is once (a start and an end in UTC) or weekly
// (weekdays and wall-clock times in a named IANA time zone, so "Sundays 01:00–05:00
// Europe/Paris" stays 01:00–05:00 local across a daylight-saving change).
import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from './model';

export const WINDOW_KINDS = ['maintenance', 'blackout'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

/** 0 = Sunday … 6 = Saturday, as Date.getDay counts. */
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const WallTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');
const LocalDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

/** An IANA time zone name the platform knows ("Europe/Paris", "UTC"). */
export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be an IANA time zone name such as Europe/Paris or UTC' },
  );

export const OnceScheduleSchema = z
  .object({ type: z.literal('once'), start: IsoTimeSchema, end: IsoTimeSchema })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), { message: 'must end after it starts', path: ['end'] });

/**
 * Every listed weekday from `startTime` to `endTime` local time in the window's zone; an end at
 * or before the start ends on the next day (Saturday 22:00–02:00). `from`/`until` bound the
 * local dates on which an occurrence starts (both inclusive).
 */
export const WeeklyScheduleSchema = z.object({
  type: z.literal('weekly'),
  weekdays: z.array(z.number().int().min(0).max(6)).min(1, 'must name at least one weekday').max(7),
  startTime: WallTimeSchema,
  endTime: WallTimeSchema,
  from: LocalDateSchema.nullable().default(null),
  until: LocalDateSchema.nullable().default(null),
});

export const WindowScheduleSchema = z.union([OnceScheduleSchema, WeeklyScheduleSchema]);
export type WindowSchedule = z.infer<typeof WindowScheduleSchema>;

export const ScheduleWindowSchema = z.object({
  id: IdSchema,
  name: z.string().trim().min(1, 'must not be empty').max(200),
  kind: z.enum(WINDOW_KINDS),
  /** The CIs it covers; empty covers every CI (a company-wide blackout, a default maintenance window). */
  ciIds: z.array(IdSchema).max(10_000),
  timeZone: TimeZoneSchema,
  schedule: WindowScheduleSchema,
  description: z.string().max(10_000),
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
});
export type ScheduleWindow = z.infer<typeof ScheduleWindowSchema>;

export const ScheduleWindowInputSchema = z
  .object({
    name: ScheduleWindowSchema.shape.name,
    kind: z.enum(WINDOW_KINDS),
    ciIds: z.array(IdSchema).max(10_000).default([]),
    timeZone: TimeZoneSchema.default('UTC'),
    schedule: WindowScheduleSchema,
    description: z.string().max(10_000).default(''),
  })
  .strict();
export type ScheduleWindowInput = z.input<typeof ScheduleWindowInputSchema>;

export const ScheduleWindowPatchSchema = z
  .object({
    name: ScheduleWindowSchema.shape.name,
    kind: z.enum(WINDOW_KINDS),
    ciIds: z.array(IdSchema).max(10_000),
    timeZone: TimeZoneSchema,
    schedule: WindowScheduleSchema,
    description: z.string().max(10_000),
  })
  .partial()
  .strict();

/** One occurrence of a window, in UTC. */
export interface WindowOccurrence {
  windowId: string;
  start: string;
  end: string;
}
