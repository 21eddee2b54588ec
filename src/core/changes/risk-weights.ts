// The risk weights of a document: one setting record (`risk.weights`, journaled, so an edit can
// be undone and seen in history), the defaults while nobody has set it.
import { DEFAULT_RISK_WEIGHTS, RISK_WEIGHTS_SETTING_ID, RiskWeightsSchema, type RiskWeights } from '../../shared/risk';
import type { Setting } from '../../shared/record-kinds';
import type { Cmdb, Transaction } from '../graph/cmdb';
import { parseOrThrow } from '../graph/validation';
import type { CmdbState } from '../records/registry';

const SETTING = 'setting';

export function riskWeightsOf(state: CmdbState): { weights: RiskWeights; isDefault: boolean } {
  const setting = state.records.get(SETTING, RISK_WEIGHTS_SETTING_ID) as Setting | undefined;
  if (!setting) return { weights: DEFAULT_RISK_WEIGHTS, isDefault: true };
  const parsed = RiskWeightsSchema.safeParse(setting.value);
  // A stored value that no longer fits the schema (written by another version) reads as the defaults.
  return parsed.success ? { weights: parsed.data, isDefault: false } : { weights: DEFAULT_RISK_WEIGHTS, isDefault: true };
}

/** Stores the weights (null: back to the defaults) as one journaled edit; null when nothing changes. */
export function setRiskWeights(cmdb: Cmdb, weights: unknown): Transaction | null {
  const exists = cmdb.records.has(SETTING, RISK_WEIGHTS_SETTING_ID);
  if (weights === null) return exists ? cmdb.deleteRecord(SETTING, RISK_WEIGHTS_SETTING_ID).tx : null;
  const value = parseOrThrow(RiskWeightsSchema, weights);
  const setting: Setting = { id: RISK_WEIGHTS_SETTING_ID, value, updatedAt: cmdb.context().now };
  if (!exists) return cmdb.createRecord(SETTING, setting).tx;
  return cmdb.replaceRecord(SETTING, RISK_WEIGHTS_SETTING_ID, setting, () => 'Edit the risk weights').tx;
}
