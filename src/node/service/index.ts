export { startFaultlineService, ServiceError, describeOpenError, type FaultlineService, type FaultlineServiceOptions } from './service';
export { createEnvironment, currentActor } from './environment';
export { loadSettings, saveSettings, settingsPath, pushRecent, writeFileAtomic, RECENT_LIMIT, type AppSettings } from './settings';
