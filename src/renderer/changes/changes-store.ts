// The change screens' state: the changes list as the core answered it, the chosen change and its details, and the list's filters and
// sort. Data is replaced by what the API answers, never edited here (edits go through mutate).
import { create } from 'zustand';
import type { ChangeDetails, ChangeListItem } from '../../shared/operations';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { useWorkspaceStore } from '../state/workspace-store';
import { NO_FILTERS, type ChangeFilters, type ChangeSort } from './change-list-model';

export interface ChangesState {
  items: ChangeListItem[] | null;
  listError: string | null;
  filters: ChangeFilters;
  sort: ChangeSort;
  selectedId: string | null;
  details: ChangeDetails | null;
  detailsError: string | null;

  /** Shows change `id` in the Changes screen. */
  openChange(id: string): void;
  select(id: string | null): void;
  setFilters(patch: Partial<ChangeFilters>): void;
  setSort(sort: ChangeSort): void;
  /** Refetches the list and the chosen change's details (after any edit to the document). */
  refresh(): Promise<void>;
  /** Puts the details an edit answered with in place (no refetch needed for the detail pane). */
  showDetails(details: ChangeDetails): void;
}

let listSeq = 0;
let detailsSeq = 0;

export const useChangesStore = create<ChangesState>()((set, get) => ({
  items: null,
  listError: null,
  filters: NO_FILTERS,
  sort: { key: 'number', descending: true },
  selectedId: null,
  details: null,
  detailsError: null,

  openChange: (id) => {
    useWorkspaceStore.getState().setWorkspace('changes');
    get().select(id);
  },
  select: (id) => {
    if (id === get().selectedId) return;
    set({ selectedId: id, details: get().details?.change.id === id ? get().details : null, detailsError: null });
    void loadDetails(id, set);
  },
  setFilters: (patch) => set({ filters: { ...get().filters, ...patch } }),
  setSort: (sort) => set({ sort }),
  refresh: async () => {
    const seq = ++listSeq;
    try {
      const items = await api.call('change.list', {});
      if (seq === listSeq) set({ items, listError: null });
    } catch (error) {
      if (seq === listSeq) set({ listError: `Could not load the changes: ${errorMessage(error)}` });
    }
    await loadDetails(get().selectedId, set);
  },
  showDetails: (details) => set({ selectedId: details.change.id, details, detailsError: null }),
}));

async function loadDetails(id: string | null, set: (patch: Partial<ChangesState>) => void): Promise<void> {
  const seq = ++detailsSeq;
  if (!id) {
    set({ details: null });
    return;
  }
  try {
    const details = await api.call('change.get', { id });
    if (seq === detailsSeq) set({ details, detailsError: null });
  } catch (error) {
    if (seq === detailsSeq) set({ details: null, detailsError: `Could not load the change: ${errorMessage(error)}` });
  }
}
