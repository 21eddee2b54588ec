// Fetching from the core and acting on it: every read goes through here into the data store,
// every edit goes through `mutate`, which takes the new DocumentInfo so views refetch.
import type { DocumentInfo, MutationResult, OperationInput, OperationName, OperationOutput } from '../../shared/operations';
import { api } from '../api/client';
import { ApiError, errorMessage } from '../api/api-error';
import { useDataStore } from './data-store';
import { primarySelection, useViewStore, type ViewState } from './view-store';
import { useDataUi } from '../data/data-ui-store';

export function viewInputFromState(state: Pick<ViewState, 'filters' | 'neighbourhood'>): OperationInput<'view.graph'> {
  const { neighbourhood } = state;
  const focus =
    neighbourhood.enabled && neighbourhood.ciId
      ? { ciId: neighbourhood.ciId, depth: neighbourhood.depth, direction: neighbourhood.direction }
      : undefined;
  return { filters: state.filters, ...(focus ? { focus } : {}) };
}

let viewSeq = 0;
let detailsSeq = 0;

export async function loadInfo(): Promise<DocumentInfo> {
  const info = await api.call('doc.info', {});
  const current = useDataStore.getState().info;
  if (!current || current.revision !== info.revision || current.path !== info.path || current.recent.join() !== info.recent.join()) {
    useDataStore.getState().setInfo(info);
  }
  return info;
}

export async function loadView(): Promise<void> {
  const seq = ++viewSeq;
  const input = viewInputFromState(useViewStore.getState());
  const data = useDataStore.getState();
  data.setViewLoading(true);
  try {
    const view = await api.call('view.graph', input);
    if (seq !== viewSeq) return;
    data.setView(view, input.focus?.ciId ?? null);
  } catch (error) {
    if (seq !== viewSeq) return;
    if (error instanceof ApiError && error.code === 'not_found' && input.focus) {
      // The CI the neighbourhood was centred on is gone (deleted, undone): show everything again.
      useViewStore.getState().setNeighbourhood({ enabled: false, ciId: null });
      return;
    }
    data.setError(`Could not load the graph: ${errorMessage(error)}`);
  } finally {
    if (seq === viewSeq) data.setViewLoading(false);
  }
}

export async function loadFacets(): Promise<void> {
  try {
    useDataStore.getState().setFacets(await api.call('view.facets', {}));
  } catch (error) {
    useDataStore.getState().setError(`Could not load the filters: ${errorMessage(error)}`);
  }
}

export async function loadDetails(): Promise<void> {
  const seq = ++detailsSeq;
  const id = primarySelection(useViewStore.getState());
  const data = useDataStore.getState();
  if (!id) {
    data.setDetails(null);
    return;
  }
  try {
    const details = await api.call('ci.get', { id });
    if (seq === detailsSeq) data.setDetails(details);
  } catch (error) {
    if (seq !== detailsSeq) return;
    data.setDetails(null);
    if (error instanceof ApiError && error.code === 'not_found') {
      const view = useViewStore.getState();
      view.setSelection(view.selection.filter((s) => s !== id));
    } else {
      data.setError(`Could not load ${id}: ${errorMessage(error)}`);
    }
  }
}

/** Every operation that edits the document: it answers with the new DocumentInfo beside its value. */
type MutationName = { [N in OperationName]: OperationOutput<N> extends MutationResult<unknown> ? N : never }[OperationName];

/**
 * CIs this window deleted, by the revision each delete produced: undoing that step brings the CI
 * back, and it is selected again (history.undo does not say what it restored).
 */
const deletedAt = new Map<number, string>();

/** Runs an edit; resolves once the core has persisted it. Throws ApiError for forms to show. */
export async function mutate<N extends MutationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  const data = useDataStore.getState();
  data.setSaveStatus('saving');
  try {
    const result = await api.call(name, input);
    const info = (result as MutationResult<unknown>).info;
    if (name === 'ci.delete') deletedAt.set(info.revision, (input as OperationInput<'ci.delete'>).id);
    data.setInfo(info);
    data.setSaveStatus('saved');
    data.setError(null);
    return result;
  } catch (error) {
    data.setSaveStatus(error instanceof ApiError && error.code === 'io_error' ? 'failed' : 'idle');
    throw error;
  }
}

async function historyStep(name: Extract<OperationName, 'history.undo' | 'history.redo'>): Promise<void> {
  const data = useDataStore.getState();
  const restores = name === 'history.undo' ? deletedAt.get(data.info?.revision ?? -1) : undefined;
  data.setSaveStatus('saving');
  try {
    data.setInfo(await api.call(name, {}));
    data.setSaveStatus('saved');
    if (restores) {
      // The undone step was this window's delete of a CI: it is back, so select it and bring it on screen.
      const view = useViewStore.getState();
      view.setSelection([restores]);
      view.requestCentre(restores);
    }
  } catch (error) {
    data.setSaveStatus('failed');
    data.setError(errorMessage(error));
  }
}

export function undo(): Promise<void> {
  return useDataStore.getState().info?.canUndo ? historyStep('history.undo') : Promise.resolve();
}

export function redo(): Promise<void> {
  return useDataStore.getState().info?.canRedo ? historyStep('history.redo') : Promise.resolve();
}

/** New, Open or Save a copy; New and Open switch documents and reset the view. */
export async function documentCommand(command: 'doc.new' | 'doc.open' | 'doc.saveCopy', path: string): Promise<void> {
  if (command === 'doc.saveCopy') {
    await api.call('doc.saveCopy', { path });
    await loadInfo();
    return;
  }
  const info = await api.call(command, { path });
  useViewStore.getState().resetForDocument();
  const data = useDataStore.getState();
  data.setDetails(null);
  data.setError(null);
  data.setSaveStatus('idle');
  data.setInfo(info);
  useViewStore.getState().requestFit();
}

/**
 * Selects a CI and brings it on screen: centres on it, or, when the view does not hold it
 * (filters, neighbourhood, cap), switches to its neighbourhood (the focus CI always shows).
 */
export function focusCi(ciId: string): void {
  const view = useViewStore.getState();
  const graph = useDataStore.getState().view;
  view.setSelection([ciId]);
  const onScreen = graph?.nodes.some((node) => node.id === ciId) ?? false;
  // A diff or as-of view is not refetched around a CI: that would replace it with the live graph.
  if (!onScreen && !useDataUi.getState().overlay) view.setNeighbourhood({ enabled: true, ciId });
  view.requestCentre(ciId);
}

/** The Electron menu already switched documents (native dialog): refetch, and reset the view if the file changed. */
export async function reloadDocument(): Promise<void> {
  const before = useDataStore.getState().info?.path ?? null;
  const info = await api.call('doc.info', {});
  if (info.path !== before) {
    useViewStore.getState().resetForDocument();
    useDataStore.getState().setDetails(null);
    useViewStore.getState().requestFit();
  }
  useDataStore.getState().setInfo(info);
}
