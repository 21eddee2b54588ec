// The risk weights as the settings form lays them out: one row per number, with its path in the
// weights object. Pure: unit-tested in test/unit/renderer/change-screens.test.ts.
import type { RiskWeights } from '../../shared/risk';

export interface WeightRow {
  path: readonly string[];
  label: string;
  group: string;
}

export const WEIGHT_ROWS: readonly WeightRow[] = [
  { group: 'Impact', path: ['criticality', '1'], label: 'Most critical service: criticality 1' },
  { group: 'Impact', path: ['criticality', '2'], label: 'Most critical service: criticality 2' },
  { group: 'Impact', path: ['criticality', '3'], label: 'Most critical service: criticality 3' },
  { group: 'Impact', path: ['criticality', '4'], label: 'Most critical service: criticality 4' },
  { group: 'Impact', path: ['perImpactedService'], label: 'Per impacted service' },
  { group: 'Impact', path: ['impactedServicesCap'], label: 'Impacted services, at most' },
  { group: 'Impact', path: ['perHundredImpactedCis'], label: 'Per 100 impacted CIs' },
  { group: 'Impact', path: ['impactedCisCap'], label: 'Impacted CIs, at most' },
  { group: 'Redundancy', path: ['perGroupAtRisk'], label: 'Per group left with no spare' },
  { group: 'Redundancy', path: ['perGroupDown'], label: 'Per group taken down' },
  { group: 'Redundancy', path: ['redundancyCap'], label: 'Redundancy, at most' },
  { group: 'Change type', path: ['type', 'standard'], label: 'Standard' },
  { group: 'Change type', path: ['type', 'normal'], label: 'Normal' },
  { group: 'Change type', path: ['type', 'emergency'], label: 'Emergency' },
  { group: 'History', path: ['perFailedChange'], label: 'Per failed change' },
  { group: 'History', path: ['perIncident'], label: 'Per incident' },
  { group: 'History', path: ['historyCap'], label: 'History, at most' },
  { group: 'History', path: ['lookbackDays'], label: 'Look back (days)' },
  { group: 'Schedule', path: ['perConflict'], label: 'Per conflict' },
  { group: 'Schedule', path: ['conflictsCap'], label: 'Conflicts, at most' },
  { group: 'Schedule', path: ['outsideMaintenanceWindow'], label: 'Outside maintenance windows' },
  { group: 'Schedule', path: ['inBlackout'], label: 'In a blackout window' },
  { group: 'Bands', path: ['bands', 'medium'], label: 'Medium from score' },
  { group: 'Bands', path: ['bands', 'high'], label: 'High from score' },
  { group: 'Bands', path: ['bands', 'very_high'], label: 'Very high from score' },
];

/** The number at `path` in the weights. */
export function weightAt(weights: RiskWeights, path: readonly string[]): number {
  let value: unknown = weights;
  for (const key of path) value = (value as Record<string, unknown>)[key];
  return value as number;
}

/** The weights with the number at `path` replaced, never in place. */
export function withWeight(weights: RiskWeights, path: readonly string[], value: number): RiskWeights {
  const [head, ...rest] = path;
  const current = (weights as unknown as Record<string, unknown>)[head];
  const next = rest.length === 0 ? value : withWeight(current as RiskWeights, rest, value);
  return { ...weights, [head]: next } as RiskWeights;
}
