// Bottom bar: CIs shown / matching / total, relationships shown, layout and save status.
import { useShownView } from '../hooks/useShownView';
import { useDataStore } from '../state/data-store';
import { useViewStore } from '../state/view-store';
import { useImpactStore } from '../impact/impact-store';
import { useDataUi } from '../data/data-ui-store';
import { FORCE_LAYOUT_LIMIT, effectiveAlgorithm } from '../graph/layout-input';

/** Which mode owns the canvas, in words (null for the plain Explore view). */
function useModeLabel(neighbourhood: boolean): string | null {
  const simulating = useImpactStore((s) => s.active);
  const tab = useImpactStore((s) => s.tab);
  const spof = useImpactStore((s) => s.spof !== null);
  const drawsOwnView = useImpactStore((s) => s.view !== null);
  const overlay = useDataUi((s) => s.overlay?.mode ?? null);
  if (simulating) {
    const what = tab === 'dependencies' ? 'Dependencies' : spof ? 'Single points of failure' : 'Change simulation';
    return drawsOwnView ? what : `${what} over the Explore view`;
  }
  if (overlay === 'asOf') return 'As of a past time (read-only)';
  if (overlay === 'diff') return 'Snapshot diff';
  return neighbourhood ? 'Neighbourhood view' : null;
}

const SAVE_TEXT = { idle: 'All changes saved', saving: 'Saving…', saved: 'Saved', failed: 'Not saved' } as const;

export function StatusBar() {
  const view = useShownView();
  const info = useDataStore((s) => s.info);
  const saveStatus = useDataStore((s) => s.saveStatus);
  const selected = useViewStore((s) => s.selection.length);
  const algorithm = useViewStore((s) => s.layout.algorithm);
  const forceFellBack = view !== null && algorithm === 'force' && effectiveAlgorithm(algorithm, view.nodes.length) !== 'force';
  const fmt = (n: number) => n.toLocaleString('en');
  const modeLabel = useModeLabel(view?.mode === 'neighbourhood');
  return (
    <footer className="statusbar" data-testid="status-bar">
      <span>
        CIs shown <strong data-testid="status-shown">{view ? fmt(view.nodes.length) : '–'}</strong>
        {' / matching '}
        <strong data-testid="status-matching">{view ? fmt(view.matchingCis) : '–'}</strong>
        {' / total '}
        <strong data-testid="status-total">{view ? fmt(view.totalCis) : '–'}</strong>
      </span>
      <span>
        Relationships shown <strong data-testid="status-edges">{view ? fmt(view.edges.length) : '–'}</strong>
        {info ? ` of ${fmt(info.relationshipCount)}` : ''}
      </span>
      {modeLabel && <span data-testid="status-mode">{modeLabel}</span>}
      {selected > 0 && <span>{selected} selected</span>}
      {forceFellBack && <span>Layered layout: force is used up to {FORCE_LAYOUT_LIMIT.toLocaleString('en')} CIs</span>}
      <span className="spacer" />
      {info && (
        <span className={`save-status ${saveStatus}`} data-testid="save-status" title={info.path}>
          {SAVE_TEXT[saveStatus]}
        </span>
      )}
    </footer>
  );
}
