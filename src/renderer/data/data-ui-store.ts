// View state of data in and out: which data dialog is open, the import in progress, and the
// overlay on the graph (a snapshot diff, or the CMDB as of a past time, read-only).
import { create } from 'zustand';
import type { ImportFormat, ImportJobProgress } from '../../shared/data-types';
import type { AsOfView, GraphView, ImportApplied, ImportPreview, SnapshotDiffResult } from '../../shared/operations';

export type DataDialog = 'import' | 'export' | 'snapshots';

export type ImportPhase = 'choose' | 'reading' | 'previewing' | 'ready' | 'applying' | 'done';

export interface ImportState {
  phase: ImportPhase;
  fileName: string | null;
  fileSize: number;
  preview: ImportPreview | null;
  /** The format the user chose instead of the detected one. */
  format: ImportFormat | null;
  applied: ImportApplied | null;
  error: string | null;
  /** The running preview's last reported progress (polled from `import.progress`), null when none runs. */
  progress: ImportJobProgress | null;
  /** Set when the user cancelled a running preview (shown instead of an error). */
  notice: string | null;
  /** The last preview failed on an unreadable part of the file: its readable part can be previewed. */
  canSkipUnreadable: boolean;
  /** Previews ask for the readable part only (the user chose it after a refusal). */
  skipUnreadable: boolean;
}

export type Overlay =
  | { mode: 'diff'; result: SnapshotDiffResult; view: GraphView }
  | { mode: 'asOf'; result: AsOfView; view: GraphView };

export interface DataUiState {
  dialog: DataDialog | null;
  import: ImportState;
  overlay: Overlay | null;
  /** A file is being dragged over the window. */
  dropping: boolean;

  openDialog(dialog: DataDialog): void;
  closeDialog(): void;
  patchImport(patch: Partial<ImportState>): void;
  resetImport(): void;
  setOverlay(overlay: Overlay | null): void;
  setDropping(dropping: boolean): void;
}

export const initialImport: ImportState = {
  phase: 'choose',
  fileName: null,
  fileSize: 0,
  preview: null,
  format: null,
  applied: null,
  error: null,
  progress: null,
  notice: null,
  canSkipUnreadable: false,
  skipUnreadable: false,
};

export const useDataUi = create<DataUiState>()((set, get) => ({
  dialog: null,
  import: initialImport,
  overlay: null,
  dropping: false,

  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  patchImport: (patch) => set({ import: { ...get().import, ...patch } }),
  resetImport: () => set({ import: initialImport }),
  setOverlay: (overlay) => set({ overlay }),
  setDropping: (dropping) => set({ dropping }),
}));
