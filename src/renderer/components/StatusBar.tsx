// Bottom bar: CIs shown / matching / total, relationships shown, layout and save status.
import { useDataStore } from '../state/data-store';
import { useViewStore } from '../state/view-store';
import { FORCE_LAYOUT_LIMIT, effectiveAlgorithm } from '../graph/layout-input';

const SAVE_TEXT = { idle: 'All changes saved', saving: 'Saving…', saved: 'Saved', failed: 'Not saved' } as const;

export function StatusBar() {
  const view = useDataStore((s) => s.view);
  const info = useDataStore((s) => s.info);
  const saveStatus = useDataStore((s) => s.saveStatus);
  const selected = useViewStore((s) => s.selection.length);
  const algorithm = useViewStore((s) => s.layout.algorithm);
  const forceFellBack = view !== null && algorithm === 'force' && effectiveAlgorithm(algorithm, view.nodes.length) !== 'force';
  const fmt = (n: number) => n.toLocaleString('en');
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
      {view?.mode === 'neighbourhood' && <span>Neighbourhood view</span>}
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
