// The Explore neighbourhood with its crowded buckets grouped (neighbourhood-groups.ts), or null
// when it is drawn as it is: while simulating, outside neighbourhood mode, or with no crowd.
// One result per (view, focus, expanded groups), shared by the canvas, the legend and the status bar.
import type { GraphView } from '../../shared/operations';
import { useImpactStore } from '../impact/impact-store';
import { useDataStore } from '../state/data-store';
import { groupNeighbourhood, neighbourhoodFocus, type GroupedNeighbourhood } from './neighbourhood-groups';
import { useNeighbourhoodGroups } from './neighbourhood-group-store';

let last: { view: GraphView; focusId: string; expanded: ReadonlySet<string>; result: GroupedNeighbourhood | null } | null = null;

function grouped(view: GraphView, focusId: string, expanded: ReadonlySet<string>): GroupedNeighbourhood | null {
  if (last && last.view === view && last.focusId === focusId && last.expanded === expanded) return last.result;
  const result = groupNeighbourhood(view, focusId, expanded);
  last = { view, focusId, expanded, result };
  return result;
}

/** The drawn neighbourhood's centre: the CI its view was asked for, or the one the server chose. */
export function useNeighbourhoodFocus(): string | null {
  const view = useDataStore((s) => s.view);
  const requested = useDataStore((s) => s.viewRequestedFocus);
  return neighbourhoodFocus(view, requested);
}

export function useGroupedNeighbourhood(): GroupedNeighbourhood | null {
  const view = useDataStore((s) => s.view);
  const simulating = useImpactStore((s) => s.view !== null);
  const focusId = useNeighbourhoodFocus();
  const expanded = useNeighbourhoodGroups((s) => (focusId && s.focusId === focusId ? s.expanded : null));
  if (!view || simulating || !focusId) return null;
  return grouped(view, focusId, expanded ?? NO_GROUPS);
}

const NO_GROUPS: ReadonlySet<string> = new Set();
