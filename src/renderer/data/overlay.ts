// Showing something other than the live CMDB on the graph: a snapshot diff (marked added,
// removed, changed) or the CMDB as of a past time (read-only). The overlay's view goes into the
// data store's view cache, so the graph shows it like any view; any live refetch (an edit,
// undo, a filter change) replaces it, which ends the overlay. Leaving refetches the live view.
import type { GraphView, SnapshotDiffResult, AsOfView } from '../../shared/operations';
import { useDataStore } from '../state/data-store';
import { loadView } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { useDataUi } from './data-ui-store';
import { diffMarks } from './diff-export';
import { setDiffMarks } from './graph-access';

function setReadOnly(readOnly: boolean): void {
  if (readOnly) document.documentElement.dataset.viewMode = 'as-of';
  else delete document.documentElement.dataset.viewMode;
}

export function showDiff(result: SnapshotDiffResult): void {
  const view: GraphView = {
    nodes: result.nodes,
    edges: result.edges,
    totalCis: result.nodes.length,
    matchingCis: result.nodes.length,
    truncated: result.truncated,
    mode: 'all',
    notice: null,
    focusCiId: null,
  };
  setReadOnly(false);
  setDiffMarks(diffMarks(result.diff));
  useDataUi.getState().setOverlay({ mode: 'diff', result, view });
  useViewStore.getState().setSelection([]);
  useDataStore.getState().setView(view, null);
  useViewStore.getState().requestFit();
}

export function showAsOf(result: AsOfView): void {
  const view: GraphView = { ...result, notice: null };
  setDiffMarks(new Map());
  setReadOnly(true);
  useDataUi.getState().setOverlay({ mode: 'asOf', result, view });
  useViewStore.getState().setSelection([]);
  useDataStore.getState().setView(view, null);
  useViewStore.getState().requestFit();
}

/** Forgets the overlay (marks, read-only) without refetching: the live view already replaced it. */
export function dropOverlay(): void {
  setDiffMarks(new Map());
  setReadOnly(false);
  useDataUi.getState().setOverlay(null);
}

/** Back to the live graph. */
export function leaveOverlay(): void {
  if (!useDataUi.getState().overlay) return;
  dropOverlay();
  useViewStore.getState().setSelection([]);
  void loadView().then(() => useViewStore.getState().requestFit());
}

/** Ends the overlay when something else (a live refetch) replaces its view. Returns the unsubscribe. */
export function watchOverlay(): () => void {
  return useDataStore.subscribe((state) => {
    const overlay = useDataUi.getState().overlay;
    if (overlay && state.view !== overlay.view) dropOverlay();
  });
}
