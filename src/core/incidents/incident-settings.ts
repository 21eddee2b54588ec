// The priority matrix and the SLA targets of a document: one setting record
// (`incident.settings`, journaled), the ITIL defaults while nobody has set it.
import { DEFAULT_INCIDENT_SETTINGS, INCIDENT_SETTINGS_ID, IncidentSettingsSchema, type IncidentSettings } from '../../shared/incidents';
import type { Setting } from '../../shared/record-kinds';
import type { Cmdb, Transaction } from '../graph/cmdb';
import { parseOrThrow } from '../graph/validation';
import type { CmdbState } from '../records/registry';

export function incidentSettingsOf(state: CmdbState): { settings: IncidentSettings; isDefault: boolean } {
  const setting = state.records.get('setting', INCIDENT_SETTINGS_ID) as Setting | undefined;
  const parsed = setting ? IncidentSettingsSchema.safeParse(setting.value) : null;
  // A stored value that no longer fits the schema (written by another version) reads as the defaults.
  return parsed?.success ? { settings: parsed.data, isDefault: false } : { settings: DEFAULT_INCIDENT_SETTINGS, isDefault: true };
}

/** Stores the settings (null: back to the defaults) as one journaled edit; null when nothing changes. */
export function setIncidentSettings(cmdb: Cmdb, settings: unknown): Transaction | null {
  const exists = cmdb.records.has('setting', INCIDENT_SETTINGS_ID);
  if (settings === null) return exists ? cmdb.deleteRecord('setting', INCIDENT_SETTINGS_ID).tx : null;
  const value = parseOrThrow(IncidentSettingsSchema, settings);
  const record: Setting = { id: INCIDENT_SETTINGS_ID, value, updatedAt: cmdb.context().now };
  if (!exists) return cmdb.createRecord('setting', record).tx;
  return cmdb.replaceRecord('setting', INCIDENT_SETTINGS_ID, record, () => 'Edit the priority matrix and SLA targets').tx;
}

export function priorityOf(settings: IncidentSettings, impact: number, urgency: number): 1 | 2 | 3 | 4 | 5 {
  return settings.priorityMatrix[impact - 1][urgency - 1] as 1 | 2 | 3 | 4 | 5;
}
