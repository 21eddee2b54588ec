// The graph on the Explore screen: one GraphController (one Cytoscape instance) created on
// mount, fed by the stores: views, layout choice, selection, theme, fit and centre requests.
import { useEffect, useRef, useState } from 'react';
import { useDataStore } from '../state/data-store';
import { useViewStore } from '../state/view-store';
import { GraphController } from './graph-controller';
import { useImpactStore } from '../impact/impact-store';
import { useShownView } from '../hooks/useShownView';
import { rollUpEdgeLabels } from '../impact/roll-up';
import { useGroupedNeighbourhood, useNeighbourhoodFocus } from './useGroupedNeighbourhood';
import { useNeighbourhoodGroups } from './neighbourhood-group-store';
import { isHoodGroupId } from './neighbourhood-groups';

export function GraphCanvas() {
  const containerRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<GraphController | null>(null);
  const [busy, setBusy] = useState(false);
  // While a change is simulated, its own view (impacted CIs plus context) is drawn instead.
  const simulationView = useImpactStore((s) => s.view);
  const rollUp = useImpactStore((s) => s.rollUp);
  const view = useShownView();
  const neighbourhoodFocus = useNeighbourhoodFocus();
  const grouped = useGroupedNeighbourhood();
  const focusRef = useRef<string | null>(null);
  focusRef.current = neighbourhoodFocus;
  const layout = useViewStore((s) => s.layout);
  const selection = useViewStore((s) => s.selection);
  const theme = useViewStore((s) => s.theme);
  const fitRequest = useViewStore((s) => s.fitRequest);
  const centreRequest = useViewStore((s) => s.centreRequest);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const controller = new GraphController(container, useViewStore.getState().theme, {
      onSelectionChange: (ids) => useViewStore.getState().setSelection(ids),
      onLayoutBusy: setBusy,
      onLayoutError: (message) => useDataStore.getState().setError(message),
      onGroupTap: (id) => {
        if (isHoodGroupId(id) && focusRef.current) useNeighbourhoodGroups.getState().toggle(focusRef.current, id);
      },
    });
    controllerRef.current = controller;
    const observer = new ResizeObserver(() => controller.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      controller.destroy();
      controllerRef.current = null;
    };
  }, []);

  useEffect(() => {
    controllerRef.current?.setTheme(theme);
  }, [theme]);

  useEffect(() => {
    if (!view) return;
    const focusId = simulationView ? null : neighbourhoodFocus;
    const decor = rollUp && simulationView ? { groupIds: new Set(rollUp.groups.map((g) => g.id)), edgeLabels: rollUpEdgeLabels(rollUp) } : grouped?.decor;
    controllerRef.current?.setView(view, layout, focusId, decor);
    // The focus only marks the focus ring, and the groups come with their view; any change to either brings a new view anyway.
  }, [view, layout]);

  useEffect(() => {
    controllerRef.current?.setSelection(selection);
  }, [selection]);

  useEffect(() => {
    if (fitRequest > 0) controllerRef.current?.fit();
  }, [fitRequest]);

  useEffect(() => {
    if (centreRequest) controllerRef.current?.centreOn(centreRequest.ciId);
  }, [centreRequest]);

  return (
    <>
      <div ref={containerRef} className="graph-canvas" data-testid="graph-canvas" role="img" aria-label="CI graph" />
      {busy && (
        <div className="graph-overlay layout-indicator" role="status" data-testid="layout-indicator">
          <span className="spinner" /> Laying out…
        </div>
      )}
    </>
  );
}
