// What the simulation's colours mean, in the legend strip below the graph while simulating.
import { useViewStore } from '../state/view-store';
import { IMPACT_PALETTES } from './impact-styles';
import { useImpactStore } from './impact-store';
import './impact.css';

function Swatch({ fill, border, outline, dim }: { fill: string; border?: string; outline?: string; dim?: boolean }) {
  return (
    <span
      className="impact-swatch"
      style={{
        background: fill,
        borderColor: border ?? fill,
        outline: outline ? `3px solid ${outline}` : undefined,
        outlineOffset: outline ? 2 : undefined,
        opacity: dim ? 0.25 : 1,
      }}
    />
  );
}

export function ImpactLegend() {
  const active = useImpactStore((s) => s.active);
  const tab = useImpactStore((s) => s.tab);
  const chosenId = useImpactStore((s) => s.chosenId);
  const spof = useImpactStore((s) => s.spof);
  const theme = useViewStore((s) => s.theme);
  if (!active) return null;
  const p = IMPACT_PALETTES[theme];
  return (
    <section className="legend impact-legend" aria-label="Impact legend" data-testid="impact-legend">
      <h3>{tab === 'dependencies' ? 'Dependencies' : spof ? 'Single points of failure' : 'Change impact'}</h3>
      {tab === 'dependencies' ? (
        <>
          <span className="legend-item">
            <Swatch fill="var(--surface-2)" border="var(--border-strong)" outline={p.target} /> Asked-about CI
          </span>
          <span className="legend-item">
            <Swatch fill={p.dependency} /> Needed by it
          </span>
        </>
      ) : spof ? (
        <span className="legend-item">
          <Swatch fill="var(--surface-2)" border="var(--border-strong)" outline={p.spof} /> Single point of failure
        </span>
      ) : (
        <>
          <span className="legend-item">
            <Swatch fill="var(--surface-2)" border="var(--border-strong)" outline={p.target} /> Change target
          </span>
          <span className="legend-item">
            <Swatch fill={p.fill.down} border={p.border.down} /> Down
          </span>
          <span className="legend-item">
            <Swatch fill={p.fill.degraded} border={p.border.degraded} /> Degraded
          </span>
          <span className="legend-item">
            <Swatch fill={p.fill.at_risk} border={p.border.at_risk} /> At risk
          </span>
        </>
      )}
      {(chosenId || spof) && (
        <span className="legend-item">
          <span className="impact-legend-path" style={{ background: p.path }} /> {spof ? 'The service, and how each reaches it' : 'Explanation path'}
        </span>
      )}
      <span className="legend-item">
        <Swatch fill="var(--text-faint)" dim /> {spof || chosenId ? 'Everything else (faded)' : 'Unaffected (dimmed)'}
      </span>
    </section>
  );
}
