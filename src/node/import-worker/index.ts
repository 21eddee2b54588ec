export { ImportSourceError, readImportSource, type ImportSource, type ImportSourceCsv, type ImportSourceOptions } from './read-source';
export { decodeImportFile } from './decode';
export {
  ImportCancelledError,
  ImportWorkerError,
  startParseJob,
  workerEntry,
  BUILT_WORKER_FILE,
  DEFAULT_PROGRESS_INTERVAL_MS,
  type ParseJob,
  type WorkerParseRequest,
  type WorkerProgress,
} from './client';
export { readBackstageCatalog, MAX_LOCATION_FILES, type BackstageCatalogOptions } from './backstage-locations';
