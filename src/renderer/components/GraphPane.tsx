// The centre of the Explore screen: the graph with its fit and zoom controls and empty state, and below it
// (never over it, so a fit leaves the legend its room) the legend of the mode on screen.
import { GraphCanvas } from '../graph/GraphCanvas';
import { activeGraph } from '../graph/graph-controller';
import { useShownView } from '../hooks/useShownView';
import { useViewStore } from '../state/view-store';
import { Legend, LegendStrip, LegendToggle } from './Legend';
import { IncidentBadgeToggle } from '../incidents/IncidentBadgeToggle';
import { ImpactContextMenu } from '../impact/ImpactContextMenu';
import { ImpactLegend } from '../impact/ImpactLegend';
import { useImpactStore } from '../impact/impact-store';

export function GraphPane() {
  const view = useShownView();
  // While a change is simulated, its own legend (levels) takes the Explore legend's place.
  const simulating = useImpactStore((s) => s.active);
  const requestFit = useViewStore((s) => s.requestFit);
  const openDialog = useViewStore((s) => s.openDialog);
  const empty = view !== null && view.nodes.length === 0;
  return (
    <main className="graph-pane" aria-label="Graph">
      <div className="graph-stage">
        <GraphCanvas />
        <div className="graph-overlay graph-controls">
          <button type="button" className="btn" title="Fit the graph to the window (F)" aria-label="Fit" data-testid="fit" onClick={requestFit}>
            ⤢
          </button>
          <button type="button" className="btn" title="Zoom in" aria-label="Zoom in" data-testid="zoom-in" onClick={() => activeGraph()?.zoomBy(1.5)}>
            +
          </button>
          <button type="button" className="btn" title="Zoom out" aria-label="Zoom out" data-testid="zoom-out" onClick={() => activeGraph()?.zoomBy(1 / 1.5)}>
            −
          </button>
          <IncidentBadgeToggle />
          {view && view.nodes.length > 0 && <LegendToggle inControls />}
        </div>
        {empty && (
          <div className="graph-overlay empty-state" data-testid="empty-state">
            {view.totalCis === 0 ? (
              <>
                <p>This CMDB has no configuration items yet.</p>
                <button type="button" className="btn btn-primary" onClick={() => openDialog({ kind: 'ci-create' })}>
                  Create the first CI
                </button>
              </>
            ) : (
              <p>No CI matches the filters.</p>
            )}
          </div>
        )}
        <ImpactContextMenu />
      </div>
      {view && view.nodes.length > 0 && <LegendStrip>{simulating ? <ImpactLegend /> : <Legend />}</LegendStrip>}
    </main>
  );
}
