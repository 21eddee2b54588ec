export { ImportSourceError, readImportSource, type ImportSource, type ImportSourceCsv, type ImportSourceOptions } from './read-source';
export {
  ImportCancelledError,
  ImportWorkerError,
  startParseJob,
  workerEntry,
  BUILT_WORKER_FILE,
  type ParseJob,
  type WorkerParseRequest,
  type WorkerProgress,
} from './client';
