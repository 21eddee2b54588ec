// The Incidents screen's state: incidents and problems as the core answered them, the chosen one,
// the incidents ticked for a common-cause question and its answer, filters and sort.
import { create } from 'zustand';
import type { Problem } from '../../shared/incidents';
import type { CommonCauseAnswer, IncidentDetails, IncidentListItem, ProblemDetails } from '../../shared/operations';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { NO_INCIDENT_FILTERS, type IncidentFilters, type IncidentSortKey } from './incident-list-model';

export type IncidentsTab = 'incidents' | 'problems';

export interface IncidentsState {
  tab: IncidentsTab;
  items: IncidentListItem[] | null;
  problems: Problem[] | null;
  listError: string | null;
  filters: IncidentFilters;
  sort: { key: IncidentSortKey; descending: boolean };
  selectedId: string | null;
  details: IncidentDetails | null;
  selectedProblemId: string | null;
  problem: ProblemDetails | null;
  /** Incidents ticked for "Common cause". */
  checked: string[];
  commonCause: CommonCauseAnswer | null;
  commonCauseError: string | null;
  /** Whether the graph badges the CIs with open incidents. */
  badgesOn: boolean;

  toggleBadges(): void;
  setTab(tab: IncidentsTab): void;
  setFilters(patch: Partial<IncidentFilters>): void;
  setSort(sort: IncidentsState['sort']): void;
  select(id: string | null): void;
  selectProblem(id: string | null): void;
  toggleChecked(id: string): void;
  /** Asks which CI would explain the ticked incidents (or, with none ticked, those open in the last 6 hours). */
  findCommonCause(): Promise<void>;
  clearCommonCause(): void;
  refresh(): Promise<void>;
  showDetails(details: IncidentDetails): void;
  showProblem(problem: ProblemDetails): void;
}

let listSeq = 0;

export const useIncidentsStore = create<IncidentsState>()((set, get) => {
  async function loadDetails(): Promise<void> {
    const id = get().selectedId;
    if (!id) return set({ details: null });
    try {
      const details = await api.call('incident.get', { id });
      if (get().selectedId === id) set({ details });
    } catch {
      if (get().selectedId === id) set({ details: null, selectedId: null });
    }
  }
  async function loadProblem(): Promise<void> {
    const id = get().selectedProblemId;
    if (!id) return set({ problem: null });
    try {
      const problem = await api.call('problem.get', { id });
      if (get().selectedProblemId === id) set({ problem });
    } catch {
      if (get().selectedProblemId === id) set({ problem: null, selectedProblemId: null });
    }
  }
  return {
    tab: 'incidents',
    items: null,
    problems: null,
    listError: null,
    filters: NO_INCIDENT_FILTERS,
    sort: { key: 'opened', descending: true },
    selectedId: null,
    details: null,
    selectedProblemId: null,
    problem: null,
    checked: [],
    commonCause: null,
    commonCauseError: null,
    badgesOn: true,

    toggleBadges: () => set({ badgesOn: !get().badgesOn }),
    setTab: (tab) => set({ tab }),
    setFilters: (patch) => set({ filters: { ...get().filters, ...patch } }),
    setSort: (sort) => set({ sort }),
    select: (id) => {
      set({ selectedId: id, details: get().details?.incident.id === id ? get().details : null, tab: 'incidents' });
      void loadDetails();
    },
    selectProblem: (id) => {
      set({ selectedProblemId: id, problem: get().problem?.problem.id === id ? get().problem : null, tab: 'problems' });
      void loadProblem();
    },
    toggleChecked: (id) => {
      const checked = get().checked;
      set({ checked: checked.includes(id) ? checked.filter((c) => c !== id) : [...checked, id] });
    },
    findCommonCause: async () => {
      const checked = get().checked;
      set({ commonCauseError: null });
      try {
        const commonCause = await api.call('incident.commonCause', checked.length ? { incidentIds: checked } : {});
        set({ commonCause });
      } catch (error) {
        set({ commonCause: null, commonCauseError: errorMessage(error) });
      }
    },
    clearCommonCause: () => set({ commonCause: null, commonCauseError: null }),
    refresh: async () => {
      const seq = ++listSeq;
      try {
        const [items, problems] = await Promise.all([api.call('incident.list', {}), api.call('problem.list', {})]);
        if (seq !== listSeq) return;
        const known = new Set(items.map((i) => i.incident.id));
        set({ items, problems, listError: null, checked: get().checked.filter((id) => known.has(id)) });
      } catch (error) {
        if (seq === listSeq) set({ listError: `Could not load the incidents: ${errorMessage(error)}` });
      }
      await Promise.all([loadDetails(), loadProblem()]);
    },
    showDetails: (details) => set({ selectedId: details.incident.id, details }),
    showProblem: (problem) => set({ selectedProblemId: problem.problem.id, problem, tab: 'problems' }),
  };
});
