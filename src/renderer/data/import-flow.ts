// The import steps: read the file as text (async, never blocking), ask the server for a
// dry-run preview, re-preview when the user corrects the CSV mapping or the format, apply
// (one transaction, one undo step) and refetch through the new DocumentInfo.
import type { CsvMapping, ImportFormat } from '../../shared/data-types';
import { formatBytes } from './import-progress-label';
import { MAX_IMPORT_CHARS, type OperationInput } from '../../shared/operations';
import { api } from '../api/client';
import { ApiError, errorMessage } from '../api/api-error';
import { useDataStore } from '../state/data-store';
import { useDataUi } from './data-ui-store';

/** The text of the file being imported, kept for re-previews (not in the store: it can be large). */
let content: string | null = null;
let seq = 0;
/** The job id of the preview running now (for import.progress / import.cancel), else null. */
let runningJob: string | null = null;

/** How often the dialog asks for the running preview's progress. */
export const PROGRESS_POLL_MS = 200;

function newJobId(): string {
  const random = Math.floor(Math.random() * 0x100000000).toString(36);
  return `job_${Date.now().toString(36)}_${random}`;
}

/** Polls import.progress for `jobId` until `stop` is called; each answer goes to the store while the job is current. */
function pollProgress(jobId: string): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const tick = async (): Promise<void> => {
    try {
      const progress = await api.call('import.progress', { jobId });
      if (stopped || runningJob !== jobId) return;
      if (progress.phase !== 'unknown') useDataUi.getState().patchImport({ progress });
    } catch {
      // A missed poll only delays the bar; the preview call itself reports failures.
    }
    if (!stopped) timer = setTimeout(() => void tick(), PROGRESS_POLL_MS);
  };
  timer = setTimeout(() => void tick(), PROGRESS_POLL_MS);
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
  };
}

/** The job the user cancelled: its result is dropped even if it finished before the cancel reached the service. */
let cancelledJob: string | null = null;

/**
 * Asks the service to stop the running preview (terminating its worker); the preview call then
 * fails as cancelled. The service may not know the job yet (its request still on the way): ask
 * again a few times until it does, or until the job has ended.
 */
function cancelRunningJob(): void {
  const jobId = runningJob;
  if (jobId === null) return;
  runningJob = null;
  cancelledJob = jobId;
  const attempt = async (left: number): Promise<void> => {
    try {
      const { cancelled } = await api.call('import.cancel', { jobId });
      if (cancelled || left <= 0) return;
      const { phase } = await api.call('import.progress', { jobId });
      if (phase === 'unknown' || phase === 'starting') setTimeout(() => void attempt(left - 1), PROGRESS_POLL_MS);
    } catch {
      // The preview call reports what happened.
    }
  };
  void attempt(25);
}

/** Opens the import dialog on this file: reads it, then previews. */
export async function importFile(file: File): Promise<void> {
  const ui = useDataUi.getState();
  const my = ++seq;
  content = null;
  ui.resetImport();
  ui.openDialog('import');
  ui.patchImport({ phase: 'reading', fileName: file.name, fileSize: file.size });
  if (file.size > MAX_IMPORT_CHARS) {
    ui.patchImport({ phase: 'choose', error: `${file.name} is ${formatBytes(file.size)}; files up to ${formatBytes(MAX_IMPORT_CHARS)} can be imported.` });
    return;
  }
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    if (my === seq) ui.patchImport({ phase: 'choose', error: `Could not read ${file.name}: ${errorMessage(error)}` });
    return;
  }
  if (my !== seq) return;
  content = text;
  await preview({});
}

/** Asks for a (new) preview of the file read last, with the user's format and CSV mapping if given, or of its readable part. */
export async function preview(options: { format?: ImportFormat | null; csvMapping?: CsvMapping; skipUnreadable?: boolean }): Promise<void> {
  const ui = useDataUi.getState();
  const state = ui.import;
  if (content === null || !state.fileName) return;
  const my = ++seq;
  cancelRunningJob();
  const format = options.format === undefined ? state.format : options.format;
  const skipUnreadable = options.skipUnreadable ?? state.skipUnreadable;
  const jobId = newJobId();
  runningJob = jobId;
  ui.patchImport({ phase: 'previewing', error: null, notice: null, format, skipUnreadable, canSkipUnreadable: false, progress: { jobId, phase: 'starting', fraction: 0 } });
  const input: OperationInput<'import.preview'> = { fileName: state.fileName, content, jobId };
  if (format) input.format = format;
  if (skipUnreadable) input.skipUnreadable = true;
  if (options.csvMapping) input.csvMapping = options.csvMapping;
  const stopPolling = pollProgress(jobId);
  try {
    const result = await api.call('import.preview', input);
    if (my !== seq) return;
    if (cancelledJob === jobId) {
      showCancelled(`The import of ${input.fileName} was cancelled; nothing was imported.`);
      return;
    }
    useDataUi.getState().patchImport({ phase: 'ready', preview: result, progress: null });
  } catch (error) {
    if (my !== seq) return;
    if (error instanceof ApiError && error.code === 'cancelled') {
      showCancelled(error.message);
      return;
    }
    // Keep the last preview on screen (its mapping step) but do not let it be applied.
    const last = useDataUi.getState().import.preview;
    useDataUi.getState().patchImport({
      phase: 'ready',
      error: errorMessage(error),
      canSkipUnreadable: error instanceof ApiError && error.issues.some((issue) => issue.path === 'skipUnreadable'),
      progress: null,
      preview: last ? { ...last, previewId: null, ...(options.csvMapping && last.csv ? { csv: { ...last.csv, mapping: options.csvMapping } } : {}) } : null,
    });
  } finally {
    stopPolling();
    if (runningJob === jobId) runningJob = null;
  }
}

/** Stopped by the user: back to where the preview started (the last preview, or the file choice); nothing changed. */
function showCancelled(message: string): void {
  const last = useDataUi.getState().import.preview;
  useDataUi.getState().patchImport({ phase: last ? 'ready' : 'choose', progress: null, notice: message, ...(last ? {} : { fileName: null, fileSize: 0 }) });
  if (!last) content = null;
}

/** The Cancel button beside the progress bar: stops the running preview and keeps the dialog open. */
export function cancelPreview(): void {
  if (useDataUi.getState().import.phase !== 'previewing') return;
  cancelRunningJob();
}

export async function applyImport(): Promise<void> {
  const ui = useDataUi.getState();
  const previewId = ui.import.preview?.previewId;
  if (!previewId) return;
  ui.patchImport({ phase: 'applying', error: null });
  const data = useDataStore.getState();
  data.setSaveStatus('saving');
  try {
    const result = await api.call('import.apply', { previewId });
    data.setInfo(result.info);
    data.setSaveStatus('saved');
    content = null;
    useDataUi.getState().patchImport({ phase: 'done', applied: result.value });
  } catch (error) {
    data.setSaveStatus('idle');
    useDataUi.getState().patchImport({ phase: 'ready', error: errorMessage(error), preview: { ...ui.import.preview!, previewId: null } });
  }
}

export function cancelImport(): void {
  cancelRunningJob();
  seq++;
  content = null;
  useDataUi.getState().resetImport();
  useDataUi.getState().closeDialog();
}

/** Whether the file read last is still held (a re-preview is possible). */
export function hasContent(): boolean {
  return content !== null;
}

/** Opens the import dialog at its first step (or where a running import is). */
export function openImport(): void {
  const ui = useDataUi.getState();
  if (!['reading', 'previewing', 'applying'].includes(ui.import.phase)) {
    seq++;
    content = null;
    ui.resetImport();
  }
  ui.openDialog('import');
}
