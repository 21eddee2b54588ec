// The centre of the Explore screen: the graph, its zoom/fit controls, legend and empty state.
import { GraphCanvas } from '../graph/GraphCanvas';
import { useDataStore } from '../state/data-store';
import { useViewStore } from '../state/view-store';
import { Legend } from './Legend';
import { ImpactContextMenu } from '../impact/ImpactContextMenu';
import { ImpactLegend } from '../impact/ImpactLegend';
import { useImpactStore } from '../impact/impact-store';

export function GraphPane() {
  const view = useDataStore((s) => s.view);
  // While a change is simulated, its own legend (levels) takes the Explore legend's place.
  const simulating = useImpactStore((s) => s.active);
  const requestFit = useViewStore((s) => s.requestFit);
  const openDialog = useViewStore((s) => s.openDialog);
  const empty = view !== null && view.nodes.length === 0;
  return (
    <main className="graph-pane" aria-label="Graph">
      <GraphCanvas />
      <div className="graph-overlay graph-controls">
        <button type="button" className="btn" title="Fit the graph to the window (F)" aria-label="Fit" data-testid="fit" onClick={requestFit}>
          ⤢
        </button>
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
      {!simulating && <Legend />}
      <ImpactLegend />
      <ImpactContextMenu />
    </main>
  );
}
