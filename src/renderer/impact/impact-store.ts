// The change simulation's view state and its queries. A simulation is a view, not an edit: it only
// calls read operations (impact.*, view.subgraph) and leaving it drops everything held here.
import { create } from 'zustand';
import { DEFAULT_VIEW_CAP, type GraphView } from '../../shared/operations';
import type { BlastRadiusResult, DependenciesResult, SpofResult } from '../../shared/impact-types';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { useDataStore } from '../state/data-store';
import { useViewStore } from '../state/view-store';
import { buildRollUp, needsRollUp, rollUpView, type RollUp } from './roll-up';
import { chosenExplanation, viewCiIds, viewContextHops, type ImpactTab, type SimulationTarget, type TargetMode } from './impact-model';

/**
 * 'impact' (the default): draw the impacted CIs plus one hop of context, within the view cap, so the
 * change reads at a glance on any CMDB size; 'whole': recolour the Explore view as it is.
 */
export type ImpactScope = 'whole' | 'impact';

export interface ImpactState {
  active: boolean;
  targets: SimulationTarget[];
  result: BlastRadiusResult | null;
  loading: boolean;
  error: string | null;
  tab: ImpactTab;
  dependencies: DependenciesResult | null;
  chosenId: string | null;
  spof: SpofResult | null;
  scope: ImpactScope;
  /** The graph drawn while simulating in 'impact' scope; null shows the Explore view. */
  view: GraphView | null;
  /** Bumped to ask the graph to bring these CIs into view once laid out. */
  fitRequest: { ids: string[]; nonce: number } | null;
  contextMenu: { ciId: string; x: number; y: number } | null;
  /** The roll-up drawn instead of a blast radius too big for the view cap ('impact' scope), if any. */
  rollUp: RollUp | null;
  /** Roll-up groups the user expanded to their members. */
  expandedGroups: string[];

  simulate(ciIds: string[], mode?: TargetMode): Promise<void>;
  /** Simulates targets each with its own mode (a change request's), replacing any running simulation's. */
  simulateTargets(targets: readonly SimulationTarget[]): Promise<void>;
  setTargetMode(ciId: string, mode: TargetMode): Promise<void>;
  removeTarget(ciId: string): Promise<void>;
  /** Recomputes everything shown (after an edit elsewhere changed the CMDB). */
  refresh(): Promise<void>;
  choose(ciId: string | null): void;
  showTab(tab: ImpactTab, ciId?: string | null): Promise<void>;
  showSpof(serviceId: string): Promise<void>;
  /**
   * What a CI stands on, or a service's SPOFs, from Explore: the panel opens on them with no change
   * target (nothing is assumed to fail); within a simulation it is the same as showTab / showSpof.
   */
  inspect(what: 'dependencies' | 'spof', ciId: string): Promise<void>;
  clearSpof(): void;
  setScope(scope: ImpactScope): Promise<void>;
  openContextMenu(menu: { ciId: string; x: number; y: number }): void;
  closeContextMenu(): void;
  /** Expands a roll-up group to its members (up to a cap), or folds it back. */
  toggleGroup(groupId: string): Promise<void>;
  exit(): void;
}

let seq = 0;

/** The state with no simulation running (everything but the user's scope choice). */
const NO_SIMULATION = {
  active: false,
  targets: [],
  result: null,
  loading: false,
  error: null,
  tab: 'impact',
  dependencies: null,
  chosenId: null,
  spof: null,
  view: null,
  fitRequest: null,
  contextMenu: null,
  rollUp: null,
  expandedGroups: [],
} satisfies Partial<ImpactState>;

export const useImpactStore = create<ImpactState>()((set, get) => {
  /** Fetches the drawn view for the current results ('impact' scope) and asks the graph to frame them. */
  async function refreshView(token: number, frame?: string[]): Promise<void> {
    const state = get();
    const ids = viewCiIds(state);
    if (state.scope === 'impact' && state.tab === 'impact' && !state.spof && state.result && needsRollUp(state.result)) {
      const rollUp = buildRollUp(state.result, new Set(state.expandedGroups));
      const drawn = await api.call('view.subgraph', { ciIds: rollUp.ciIds, contextHops: 0, nodeCap: DEFAULT_VIEW_CAP });
      if (token !== seq) return;
      const view = rollUpView(drawn, rollUp, state.result.impacted.count);
      set({ view, rollUp, fitRequest: { ids: frame ?? view.nodes.map((n) => n.id), nonce: (get().fitRequest?.nonce ?? 0) + 1 } });
      return;
    }
    if (state.rollUp) set({ rollUp: null });
    if (state.scope === 'impact' && ids.length > 0) {
      const view = await api.call('view.subgraph', { ciIds: ids, contextHops: viewContextHops(state), nodeCap: DEFAULT_VIEW_CAP });
      if (token !== seq) return;
      set({ view });
    } else if (state.view !== null) {
      set({ view: null });
    }
    set({ fitRequest: { ids: frame ?? ids, nonce: (get().fitRequest?.nonce ?? 0) + 1 } });
  }

  /** Runs `work` as the latest request; errors land in the panel. */
  async function run(work: (token: number) => Promise<void>): Promise<void> {
    const token = ++seq;
    set({ loading: true, error: null });
    try {
      await work(token);
    } catch (error) {
      if (token === seq) set({ error: errorMessage(error) });
    } finally {
      if (token === seq) set({ loading: false });
    }
  }

  async function computeBlastRadius(token: number): Promise<void> {
    const targets = get().targets;
    // Dependencies or SPOFs asked for from Explore: no change, so no blast radius.
    if (targets.length === 0) return;
    const result = await api.call('impact.blastRadius', { targets });
    if (token !== seq) return;
    const chosen = get().chosenId;
    const keepChosen = chosen !== null && (result.impacted.pages.some((page) => page.id.includes(chosen)) || result.targets.some((t) => t.ciId === chosen));
    set({ result, chosenId: keepChosen ? chosen : null, spof: null });
  }

  async function computeDependencies(token: number, ciId: string): Promise<void> {
    const dependencies = await api.call('impact.dependencies', { ciId });
    if (token !== seq) return;
    set({ dependencies, chosenId: null });
  }

  return {
    ...NO_SIMULATION,
    scope: 'impact',

    simulate: (ciIds, mode = 'down') => get().simulateTargets([...new Set(ciIds)].map((ciId) => ({ ciId, mode }))),

    simulateTargets: async (targets) => {
      if (targets.length === 0) return;
      const wasActive = get().active;
      set({
        active: true,
        targets: [...targets],
        tab: 'impact',
        chosenId: null,
        spof: null,
        dependencies: null,
        contextMenu: null,
        expandedGroups: [],
        ...(wasActive ? {} : { scope: 'impact', result: null }),
      });
      await run(async (token) => {
        await computeBlastRadius(token);
        if (token === seq) await refreshView(token);
      });
    },

    setTargetMode: async (ciId, mode) => {
      set({ targets: get().targets.map((t) => (t.ciId === ciId ? { ...t, mode } : t)) });
      await get().refresh();
    },

    removeTarget: async (ciId) => {
      const targets = get().targets.filter((t) => t.ciId !== ciId);
      if (targets.length === 0) {
        get().exit();
        return;
      }
      set({ targets });
      await get().refresh();
    },

    refresh: async () => {
      if (!get().active) return;
      await run(async (token) => {
        await computeBlastRadius(token);
        const deps = get().dependencies;
        if (token === seq && get().tab === 'dependencies' && deps) await computeDependencies(token, deps.ciId);
        if (token === seq) await refreshView(token);
      });
    },

    choose: (id) => {
      const chosenId = get().chosenId === id ? null : id;
      set({ chosenId, spof: null });
      // Frame the explanation path (or, when un-chosen, the whole simulation again).
      const ids = chosenExplanation(get())?.path ?? viewCiIds(get());
      set({ fitRequest: { ids, nonce: (get().fitRequest?.nonce ?? 0) + 1 } });
    },

    showTab: async (tab, ciId) => {
      set({ tab, chosenId: null, spof: null });
      await run(async (token) => {
        if (tab === 'dependencies') {
          const root = ciId ?? get().dependencies?.ciId ?? get().targets[0]?.ciId;
          if (!root) return;
          await computeDependencies(token, root);
        }
        if (token === seq) await refreshView(token);
      });
    },

    showSpof: async (serviceId) => {
      set({ tab: 'impact', chosenId: null });
      await run(async (token) => {
        const spof = await api.call('impact.spof', { serviceId });
        if (token !== seq) return;
        set({ spof });
        await refreshView(token, [serviceId, ...spof.singlePointsOfFailure.map((e) => e.id)]);
      });
    },

    inspect: async (what, ciId) => {
      if (!get().active) set({ ...NO_SIMULATION, active: true });
      if (what === 'dependencies') await get().showTab('dependencies', ciId);
      else await get().showSpof(ciId);
    },

    clearSpof: () => {
      // With no change target, the SPOFs were all there was to show.
      if (get().targets.length === 0) {
        get().exit();
        return;
      }
      set({ spof: null });
      void run((token) => refreshView(token));
    },

    setScope: async (scope) => {
      set({ scope });
      await run((token) => refreshView(token));
    },

    toggleGroup: async (groupId) => {
      const expanded = get().expandedGroups;
      set({ expandedGroups: expanded.includes(groupId) ? expanded.filter((g) => g !== groupId) : [...expanded, groupId] });
      await run((token) => refreshView(token));
    },

    openContextMenu: (contextMenu) => set({ contextMenu }),
    closeContextMenu: () => set({ contextMenu: null }),

    exit: () => {
      seq++;
      const hadView = get().view !== null;
      // The chosen scope (impact + 1 hop or whole view) is kept for the next simulation.
      set(NO_SIMULATION);
      // The Explore view comes back as it was; frame it again (a new view is re-laid out and fitted anyway).
      if (!hadView) useViewStore.getState().requestFit();
    },
  };
});

/** Simulates the current selection (toolbar, shortcut); says what to do when nothing is selected. */
export function simulateSelection(mode: TargetMode = 'down'): void {
  const selection = useViewStore.getState().selection;
  if (selection.length === 0) {
    useDataStore.getState().setError('Select one or more CIs on the graph (or search with Ctrl+K) to simulate a change.');
    return;
  }
  useDataStore.getState().setError(null);
  void useImpactStore.getState().simulate(selection, mode);
}
