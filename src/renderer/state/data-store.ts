// A cache of query results from the core: the document, the current graph view, facets and
// the inspected CI. Nothing here is edited locally; it is replaced by what the API answers.
import { create } from 'zustand';
import type { CiDetails, DocumentInfo, Facets, GraphView } from '../../shared/operations';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'failed';

export interface DataState {
  info: DocumentInfo | null;
  view: GraphView | null;
  /** The CI the cached view was asked to centre on (null: none; the server chose any neighbourhood itself). */
  viewRequestedFocus: string | null;
  viewLoading: boolean;
  facets: Facets | null;
  details: CiDetails | null;
  saveStatus: SaveStatus;
  /** A message for the user about the last failed action that no form could show. */
  error: string | null;
  /** Could not reach the API at all (first load). */
  fatal: string | null;

  setInfo(info: DocumentInfo): void;
  setView(view: GraphView, requestedFocus: string | null): void;
  setViewLoading(loading: boolean): void;
  setFacets(facets: Facets): void;
  setDetails(details: CiDetails | null): void;
  setSaveStatus(status: SaveStatus): void;
  setError(error: string | null): void;
  setFatal(fatal: string | null): void;
}

export const useDataStore = create<DataState>()((set) => ({
  info: null,
  view: null,
  viewRequestedFocus: null,
  viewLoading: false,
  facets: null,
  details: null,
  saveStatus: 'idle',
  error: null,
  fatal: null,

  setInfo: (info) => set({ info }),
  setView: (view, viewRequestedFocus) => set({ view, viewRequestedFocus }),
  setViewLoading: (viewLoading) => set({ viewLoading }),
  setFacets: (facets) => set({ facets }),
  setDetails: (details) => set({ details }),
  setSaveStatus: (saveStatus) => set({ saveStatus }),
  setError: (error) => set({ error }),
  setFatal: (fatal) => set({ fatal }),
}));

/** A shared empty list for selectors: returning a fresh [] from a selector re-renders forever. */
export const NONE: readonly never[] = Object.freeze([]);
