// The graph on the Explore screen: one GraphController (one Cytoscape instance) created on
// mount, fed by the stores: views, layout choice, selection, theme, fit and centre requests.
import { useEffect, useRef, useState } from 'react';
import { useDataStore } from '../state/data-store';
import { useViewStore } from '../state/view-store';
import { GraphController } from './graph-controller';
import { useImpactStore } from '../impact/impact-store';
import { useShownView } from '../hooks/useShownView';
import { rollUpEdgeLabels } from '../impact/roll-up';

export function GraphCanvas() {
  const containerRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<GraphController | null>(null);
  const [busy, setBusy] = useState(false);
  // While a change is simulated, its own view (impacted CIs plus context) is drawn instead.
  const simulationView = useImpactStore((s) => s.view);
  const rollUp = useImpactStore((s) => s.rollUp);
  const view = useShownView();
  const viewRequestedFocus = useDataStore((s) => s.viewRequestedFocus);
  const neighbourhood = useViewStore((s) => s.neighbourhood);
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
    const focusId = simulationView ? null : view.mode === 'neighbourhood' ? (viewRequestedFocus ? neighbourhood.ciId : view.focusCiId) : null;
    const decor = rollUp && simulationView ? { groupIds: new Set(rollUp.groups.map((g) => g.id)), edgeLabels: rollUpEdgeLabels(rollUp) } : undefined;
    controllerRef.current?.setView(view, layout, focusId, decor);
    // neighbourhood.ciId only marks the focus ring; any change to it brings a new view anyway.
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
