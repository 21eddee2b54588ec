// The import steps: read the file as text (async, never blocking), ask the server for a
// dry-run preview, re-preview when the user corrects the CSV mapping or the format, apply
// (one transaction, one undo step) and refetch through the new DocumentInfo.
import type { CsvMapping, ImportFormat } from '../../shared/data-types';
import { MAX_IMPORT_CHARS, type OperationInput } from '../../shared/operations';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { useDataStore } from '../state/data-store';
import { useDataUi } from './data-ui-store';

/** The text of the file being imported, kept for re-previews (not in the store: it can be large). */
let content: string | null = null;
let seq = 0;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
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

/** Asks for a (new) preview of the file read last, with the user's format and CSV mapping if given. */
export async function preview(options: { format?: ImportFormat | null; csvMapping?: CsvMapping }): Promise<void> {
  const ui = useDataUi.getState();
  const state = ui.import;
  if (content === null || !state.fileName) return;
  const my = ++seq;
  const format = options.format === undefined ? state.format : options.format;
  ui.patchImport({ phase: 'previewing', error: null, format });
  const input: OperationInput<'import.preview'> = { fileName: state.fileName, content };
  if (format) input.format = format;
  if (options.csvMapping) input.csvMapping = options.csvMapping;
  try {
    const result = await api.call('import.preview', input);
    if (my !== seq) return;
    useDataUi.getState().patchImport({ phase: 'ready', preview: result });
  } catch (error) {
    if (my !== seq) return;
    // Keep the last preview on screen (its mapping step) but do not let it be applied.
    const last = useDataUi.getState().import.preview;
    useDataUi.getState().patchImport({
      phase: 'ready',
      error: errorMessage(error),
      preview: last ? { ...last, previewId: null, ...(options.csvMapping && last.csv ? { csv: { ...last.csv, mapping: options.csvMapping } } : {}) } : null,
    });
  }
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
