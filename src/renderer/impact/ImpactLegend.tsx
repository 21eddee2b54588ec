// What the simulation's colours mean, in the legend strip below the graph while simulating
// (one line, as the Explore legend: components/LegendLine.tsx).
import { LegendLine, type LegendEntry } from '../components/LegendLine';
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
  const ring = (colour: string) => <Swatch fill="var(--surface-2)" border="var(--border-strong)" outline={colour} />;
  const entries: LegendEntry[] = [
    { key: 'head', heading: true, content: tab === 'dependencies' ? 'Dependencies' : spof ? 'Single points of failure' : 'Change impact' },
  ];
  if (tab === 'dependencies') {
    entries.push({ key: 'root', content: <>{ring(p.target)} Asked-about CI</> }, { key: 'dep', content: <><Swatch fill={p.dependency} /> Needed by it</> });
  } else if (spof) {
    entries.push({ key: 'spof', content: <>{ring(p.spof)} Single point of failure</> });
  } else {
    entries.push(
      { key: 'target', content: <>{ring(p.target)} Change target</> },
      { key: 'down', content: <><Swatch fill={p.fill.down} border={p.border.down} /> Down</> },
      { key: 'degraded', content: <><Swatch fill={p.fill.degraded} border={p.border.degraded} /> Degraded</> },
      { key: 'at_risk', content: <><Swatch fill={p.fill.at_risk} border={p.border.at_risk} /> At risk</> },
    );
  }
  if (chosenId || spof) {
    entries.push({
      key: 'path',
      content: <><span className="impact-legend-path" style={{ background: p.path }} /> {spof ? 'The service, and how each reaches it' : 'Explanation path'}</>,
    });
  }
  entries.push({ key: 'rest', content: <><Swatch fill="var(--text-faint)" dim /> {spof || chosenId ? 'Everything else (faded)' : 'Unaffected (dimmed)'}</> });
  return <LegendLine entries={entries} label="Impact legend" testId="impact-legend" className="impact-legend" />;
}
