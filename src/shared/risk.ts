// A change's risk, explained (ARCHITECTURE.md, "Risk"): every factor with what it counted and
// the points it added; the score is their sum and the band comes from the thresholds. The
// weights are one document setting (`risk.weights`) the user edits; README.md explains the
// defaults.
import { z } from 'zod';
import { IdSchema } from './model';

export const RISK_BANDS = ['low', 'medium', 'high', 'very_high'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

export const RISK_WEIGHTS_SETTING_ID = 'risk.weights';

const Points = z.number().min(0).max(1000);

export const RiskWeightsSchema = z
  .object({
    /** Points for the highest criticality among impacted services (1 = mission critical … 4 = low). */
    criticality: z.object({ '1': Points, '2': Points, '3': Points, '4': Points }).strict(),
    /** Points per impacted service, up to the cap. */
    perImpactedService: Points,
    impactedServicesCap: Points,
    /** Points per 100 impacted CIs, up to the cap. */
    perHundredImpactedCis: Points,
    impactedCisCap: Points,
    /** Redundancy headroom used up: points per group left at_risk and per group taken down. */
    perGroupAtRisk: Points,
    perGroupDown: Points,
    redundancyCap: Points,
    type: z.object({ standard: Points, normal: Points, emergency: Points }).strict(),
    /** Failed (or rolled back) changes and incidents on the targets and their impacted services within the lookback. */
    perFailedChange: Points,
    perIncident: Points,
    historyCap: Points,
    lookbackDays: z.number().int().min(1).max(3650),
    /** Points per conflict with another change, up to the cap. */
    perConflict: Points,
    conflictsCap: Points,
    outsideMaintenanceWindow: Points,
    inBlackout: Points,
    /** Lowest score of each band above low. */
    bands: z
      .object({ medium: Points, high: Points, very_high: Points })
      .strict()
      .refine((b) => b.medium < b.high && b.high < b.very_high, { message: 'must rise: medium < high < very_high' }),
  })
  .strict();
export type RiskWeights = z.infer<typeof RiskWeightsSchema>;

/** The defaults README.md explains ("Change risk"). */
export const DEFAULT_RISK_WEIGHTS: RiskWeights = {
  criticality: { '1': 30, '2': 20, '3': 10, '4': 5 },
  perImpactedService: 2,
  impactedServicesCap: 20,
  perHundredImpactedCis: 1,
  impactedCisCap: 10,
  perGroupAtRisk: 4,
  perGroupDown: 8,
  redundancyCap: 16,
  type: { standard: 0, normal: 5, emergency: 15 },
  perFailedChange: 8,
  perIncident: 4,
  historyCap: 16,
  lookbackDays: 90,
  perConflict: 5,
  conflictsCap: 15,
  outsideMaintenanceWindow: 10,
  inBlackout: 20,
  bands: { medium: 25, high: 50, very_high: 75 },
};

export const RISK_FACTOR_KEYS = [
  'criticality',
  'impacted_services',
  'impacted_cis',
  'redundancy',
  'type',
  'history',
  'conflicts',
  'maintenance',
  'blackout',
] as const;
export type RiskFactorKey = (typeof RISK_FACTOR_KEYS)[number];

export interface RiskFactor {
  key: RiskFactorKey;
  label: string;
  /** What was counted, in words ("3 services, highest criticality 1"). */
  detail: string;
  points: number;
}

export interface RiskAssessment {
  score: number;
  band: RiskBand;
  /** Every factor, in RISK_FACTOR_KEYS order, including those that added nothing; their points sum to `score`. */
  factors: RiskFactor[];
  /** Where the impact came from: the frozen snapshot the CAB saw, or computed now (a draft). */
  impactSource: 'snapshot' | 'now';
}

export const CONFLICT_KINDS = [
  'same_ci',
  'related_ci',
  'implementer',
  'shared_services',
  'outside_maintenance',
  'blackout',
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export interface Conflict {
  kind: ConflictKind;
  /** A sentence a CAB member reads: "orders-db is also changed by CHG0007 Rotate certs, 02:00–03:00". */
  reason: string;
  /** 'flag' for what is reported but allowed (an emergency change in a blackout). */
  severity: 'conflict' | 'flag';
  /** The other change, for change-to-change conflicts. */
  otherChangeId?: string;
  otherChangeNumber?: string;
  /** The window, for maintenance and blackout conflicts. */
  windowId?: string;
  windowName?: string;
  /** The CIs involved (this change's targets, or the shared impacted services for shared_services). */
  ciIds: string[];
}

export const ConflictSchema = z.object({
  kind: z.enum(CONFLICT_KINDS),
  reason: z.string(),
  severity: z.enum(['conflict', 'flag']),
  otherChangeId: IdSchema.optional(),
  otherChangeNumber: z.string().optional(),
  windowId: IdSchema.optional(),
  windowName: z.string().optional(),
  ciIds: z.array(IdSchema),
});
