// View state only: what the user is looking at and how. Data the core owns lives in data-store.ts.
import { create } from 'zustand';
import type { ChangeState, ChangeTarget } from '../../shared/changes';
import type { Direction, ViewFilters } from '../../shared/operations';

export type LayoutAlgorithm = 'layered' | 'force';
export type LayoutDirection = 'DOWN' | 'RIGHT';
export type Theme = 'light' | 'dark';

export interface Neighbourhood {
  enabled: boolean;
  /** The CI the neighbourhood is centred on (set when the view is switched on or re-focused). */
  ciId: string | null;
  depth: number;
  direction: Direction;
}

export type DialogState =
  | { kind: 'search' }
  | { kind: 'ci-create' }
  | { kind: 'ci-edit'; ciId: string }
  | { kind: 'ci-delete'; ciId: string }
  | { kind: 'rel-create'; ciId: string }
  | { kind: 'rel-edit'; relationshipId: string }
  | { kind: 'rel-delete'; relationshipId: string }
  | { kind: 'doc-path'; command: 'doc.new' | 'doc.open' | 'doc.saveCopy' }
  | { kind: 'change-create'; targets: { ciId: string; mode: ChangeTarget['mode']; name: string | null }[] }
  | { kind: 'change-edit'; changeId: string }
  | { kind: 'change-move'; changeId: string; to: ChangeState; comment?: string }
  | { kind: 'incident-create'; affected: { ciId: string; mode: ChangeTarget['mode']; name: string | null }[] }
  | { kind: 'incident-edit'; incidentId: string }
  | { kind: 'risk-weights' }
  | { kind: 'incident-settings' }
  | { kind: 'windows' };

export interface ViewState {
  /** Selected CI ids; the last one is the one the inspector shows. */
  selection: string[];
  filters: ViewFilters;
  neighbourhood: Neighbourhood;
  layout: { algorithm: LayoutAlgorithm; direction: LayoutDirection };
  panels: { filters: boolean; inspector: boolean; legend: boolean };
  dialog: DialogState | null;
  theme: Theme;
  /** Ask the graph to centre on a CI once it is on screen; the nonce repeats a request for the same CI. */
  centreRequest: { ciId: string; nonce: number } | null;
  /** Bumped to ask the graph to fit everything in view. */
  fitRequest: number;

  setSelection(ids: string[]): void;
  setFilters(filters: ViewFilters): void;
  toggleFilterValue<K extends keyof ViewFilters>(key: K, value: NonNullable<ViewFilters[K]>[number]): void;
  clearFilters(): void;
  setNeighbourhood(patch: Partial<Neighbourhood>): void;
  setLayout(patch: Partial<ViewState['layout']>): void;
  togglePanel(panel: keyof ViewState['panels']): void;
  openDialog(dialog: DialogState): void;
  closeDialog(): void;
  setTheme(theme: Theme): void;
  requestCentre(ciId: string): void;
  requestFit(): void;
  /** After New/Open: forget what belonged to the previous document. */
  resetForDocument(): void;
}

const initialNeighbourhood: Neighbourhood = { enabled: false, ciId: null, depth: 1, direction: 'both' };

export const useViewStore = create<ViewState>()((set, get) => ({
  selection: [],
  filters: {},
  neighbourhood: initialNeighbourhood,
  layout: { algorithm: 'layered', direction: 'RIGHT' },
  panels: { filters: true, inspector: true, legend: true },
  dialog: null,
  theme: 'light',
  centreRequest: null,
  fitRequest: 0,

  setSelection: (ids) => {
    const current = get().selection;
    if (current.length === ids.length && current.every((id, i) => id === ids[i])) return;
    set({ selection: ids });
  },
  setFilters: (filters) => set({ filters }),
  toggleFilterValue: (key, value) => {
    const list = (get().filters[key] ?? []) as unknown[];
    const next = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
    const filters = { ...get().filters, [key]: next.length ? next : undefined };
    set({ filters });
  },
  clearFilters: () => set({ filters: {} }),
  setNeighbourhood: (patch) => set({ neighbourhood: { ...get().neighbourhood, ...patch } }),
  setLayout: (patch) => set({ layout: { ...get().layout, ...patch } }),
  togglePanel: (panel) => set({ panels: { ...get().panels, [panel]: !get().panels[panel] } }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  setTheme: (theme) => set({ theme }),
  requestCentre: (ciId) => set({ centreRequest: { ciId, nonce: (get().centreRequest?.nonce ?? 0) + 1 } }),
  requestFit: () => set({ fitRequest: get().fitRequest + 1 }),
  resetForDocument: () =>
    set({ selection: [], filters: {}, neighbourhood: initialNeighbourhood, dialog: null, centreRequest: null }),
}));

/** The CI the inspector shows: the most recently selected one. */
export function primarySelection(state: Pick<ViewState, 'selection'>): string | null {
  return state.selection.length ? state.selection[state.selection.length - 1] : null;
}
