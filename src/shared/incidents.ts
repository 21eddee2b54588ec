// Incidents and problems as the contract sees them (ARCHITECTURE.md, "Incident"): registered
// record kinds (src/core/incidents registers their behaviour), with the priority matrix and the
// SLA targets as document settings.
import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from './model';

export const INCIDENT_STATUSES = ['new', 'in_progress', 'on_hold', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
/** Statuses in which an incident is still hurting someone. */
export const OPEN_INCIDENT_STATUSES: readonly IncidentStatus[] = ['new', 'in_progress', 'on_hold'];

export const PROBLEM_STATUSES = ['open', 'known_error', 'resolved'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** 1 = high … 3 = low, as ITIL counts impact and urgency. */
const LevelSchema = z.number().int().min(1).max(3);
/** P1 … P5. */
export const PrioritySchema = z.number().int().min(1).max(5);
export type Priority = z.infer<typeof PrioritySchema>;

const TextSchema = z.string().max(10_000);

export const AffectedServiceSchema = z.object({
  id: IdSchema,
  name: z.string(),
  level: z.enum(['down', 'degraded', 'at_risk']),
  criticality: z.number().int().min(1).max(4),
});
export type AffectedService = z.infer<typeof AffectedServiceSchema>;

export const IncidentSchema = z.object({
  id: IdSchema,
  number: z.string().regex(/^INC\d{4,}$/, 'must be INC followed by at least four digits'),
  title: z.string().trim().min(1, 'must not be empty').max(200),
  description: TextSchema,
  affectedCiIds: z.array(IdSchema).min(1, 'must name at least one affected CI').max(1000),
  /** The services the affected CIs take down (taken as down, redundancy respected), computed when saved. */
  affectedServices: z.array(AffectedServiceSchema),
  impact: LevelSchema,
  /** The impact the affected services suggest (their highest criticality); `impact` differs when the user overrode it. */
  suggestedImpact: LevelSchema,
  urgency: LevelSchema,
  priority: PrioritySchema,
  status: z.enum(INCIDENT_STATUSES),
  openedAt: IsoTimeSchema,
  /** First moved out of `new`: when the response target is met. */
  respondedAt: IsoTimeSchema.nullable(),
  resolvedAt: IsoTimeSchema.nullable(),
  closedAt: IsoTimeSchema.nullable(),
  causedByChangeId: IdSchema.nullable(),
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
});
export type Incident = z.infer<typeof IncidentSchema>;

export const IncidentInputSchema = z
  .object({
    title: IncidentSchema.shape.title,
    description: TextSchema.default(''),
    affectedCiIds: IncidentSchema.shape.affectedCiIds,
    /** Left out: suggested from the affected services. */
    impact: LevelSchema.optional(),
    urgency: LevelSchema.default(2),
    /** Left out: now. An import or a late record gives the true time. */
    openedAt: IsoTimeSchema.optional(),
    causedByChangeId: IdSchema.nullable().default(null),
  })
  .strict();
export type IncidentInput = z.input<typeof IncidentInputSchema>;

export const IncidentPatchSchema = z
  .object({
    title: IncidentSchema.shape.title,
    description: TextSchema,
    affectedCiIds: IncidentSchema.shape.affectedCiIds,
    /** null: back to the suggested impact. */
    impact: LevelSchema.nullable(),
    urgency: LevelSchema,
    causedByChangeId: IdSchema.nullable(),
  })
  .partial()
  .strict();

/** A problem links its incidents (`incidentIds`, the one place the link is kept): an incident's problem is the one that lists it. */
export const ProblemSchema = z.object({
  id: IdSchema,
  number: z.string().regex(/^PRB\d{4,}$/, 'must be PRB followed by at least four digits'),
  title: z.string().trim().min(1, 'must not be empty').max(200),
  description: TextSchema,
  incidentIds: z.array(IdSchema).max(10_000),
  rootCauseCiId: IdSchema.nullable(),
  status: z.enum(PROBLEM_STATUSES),
  knownError: TextSchema,
  workaround: TextSchema,
  resolvedAt: IsoTimeSchema.nullable(),
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
});
export type Problem = z.infer<typeof ProblemSchema>;

export const ProblemInputSchema = z
  .object({
    title: ProblemSchema.shape.title,
    description: TextSchema.default(''),
    incidentIds: ProblemSchema.shape.incidentIds.default([]),
    rootCauseCiId: IdSchema.nullable().default(null),
    knownError: TextSchema.default(''),
    workaround: TextSchema.default(''),
  })
  .strict();
export type ProblemInput = z.input<typeof ProblemInputSchema>;

export const ProblemPatchSchema = ProblemInputSchema.partial().strict();

/** priority[impact - 1][urgency - 1]. */
export const PriorityMatrixSchema = z.array(z.array(PrioritySchema).length(3)).length(3);
export type PriorityMatrix = z.infer<typeof PriorityMatrixSchema>;

/** The common ITIL matrix: impact 1 × urgency 1 is P1, 3 × 3 is P5. */
export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = [
  [1, 2, 3],
  [2, 3, 4],
  [3, 4, 5],
];

const Minutes = z.number().int().min(1).max(525_600);
export const SlaTargetsSchema = z.object({
  '1': z.object({ responseMinutes: Minutes, resolutionMinutes: Minutes }).strict(),
  '2': z.object({ responseMinutes: Minutes, resolutionMinutes: Minutes }).strict(),
  '3': z.object({ responseMinutes: Minutes, resolutionMinutes: Minutes }).strict(),
  '4': z.object({ responseMinutes: Minutes, resolutionMinutes: Minutes }).strict(),
  '5': z.object({ responseMinutes: Minutes, resolutionMinutes: Minutes }).strict(),
});
export type SlaTargets = z.infer<typeof SlaTargetsSchema>;

export const DEFAULT_SLA_TARGETS: SlaTargets = {
  '1': { responseMinutes: 15, resolutionMinutes: 240 },
  '2': { responseMinutes: 30, resolutionMinutes: 480 },
  '3': { responseMinutes: 120, resolutionMinutes: 1440 },
  '4': { responseMinutes: 480, resolutionMinutes: 4320 },
  '5': { responseMinutes: 1440, resolutionMinutes: 10080 },
};

export const IncidentSettingsSchema = z.object({ priorityMatrix: PriorityMatrixSchema, sla: SlaTargetsSchema }).strict();
export type IncidentSettings = z.infer<typeof IncidentSettingsSchema>;
export const INCIDENT_SETTINGS_ID = 'incident.settings';
export const DEFAULT_INCIDENT_SETTINGS: IncidentSettings = { priorityMatrix: DEFAULT_PRIORITY_MATRIX, sla: DEFAULT_SLA_TARGETS };

/** One SLA clock of an incident. */
export interface SlaClock {
  dueAt: string;
  /** Met (the incident responded or resolved), in time or late, or still running. */
  state: 'running' | 'met' | 'breached';
  /** Positive while running in time; negative once late. Null when met. */
  leftMs: number | null;
}

export interface IncidentSla {
  response: SlaClock;
  resolution: SlaClock;
  breached: boolean;
}

/** A change that probably caused an incident: implemented within the lookback on a CI the affected CIs stand on (or one of them). */
export interface ProbableCause {
  changeId: string;
  changeNumber: string;
  title: string;
  implementedAt: string;
  /** Hops from the change's target to the affected CI (0: the target is affected itself). */
  distance: number;
  targetId: string;
  affectedCiId: string;
  /** CI ids from the change's target to the affected CI, in the direction failure travels. */
  path: string[];
}

/** An open incident on a CI the affected CIs stand on, or on the same CIs: probably the same outage. */
export interface SameOutage {
  incidentId: string;
  number: string;
  title: string;
  distance: number;
  path: string[];
}

export interface CommonCauseCandidate {
  ciId: string;
  name: string;
  /** The incidents its failure explains, and those it does not. */
  explains: string[];
  leftOver: string[];
  /** Services its failure reaches besides those of the incidents, and of those the ones it leaves only at risk. */
  otherServices: number;
  atRiskOtherServices: number;
  /** Per explained incident, the path from this CI to one of its affected CIs. */
  paths: { incidentId: string; path: string[] }[];
}

export interface CommonCauseResult {
  incidentIds: string[];
  candidates: CommonCauseCandidate[];
  /** "explains 5 of 6 incidents". */
  summary: string;
  /** How many CIs' failures were worked out; false when the budget ran out before the ranking was settled. */
  checked: number;
  complete: boolean;
}
