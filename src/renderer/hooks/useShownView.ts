// The view the canvas draws: the simulation's own (impacted CIs plus context, dependencies, SPOFs)
// while one is drawn, else the Explore view (or the diff / as-of overlay in its place). The status
// bar and the legend read this, so they always describe what is on screen. A crowded neighbourhood
// is shown with its groups (graph/neighbourhood-groups.ts).
import type { GraphView } from '../../shared/operations';
import { useImpactStore } from '../impact/impact-store';
import { useDataStore } from '../state/data-store';
import { useGroupedNeighbourhood } from '../graph/useGroupedNeighbourhood';

export function useShownView(): GraphView | null {
  const exploreView = useDataStore((s) => s.view);
  const simulationView = useImpactStore((s) => s.view);
  const grouped = useGroupedNeighbourhood();
  return simulationView ?? grouped?.view ?? exploreView;
}
