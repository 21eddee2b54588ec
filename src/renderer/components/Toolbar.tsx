// Top bar: file menu and title, search, undo/redo, new CI, layout choice, panel toggles.
import { useDataStore } from '../state/data-store';
import { useViewStore, type LayoutAlgorithm, type LayoutDirection } from '../state/view-store';
import { runCommand } from '../hooks/commands';
import { FORCE_LAYOUT_LIMIT } from '../graph/layout-input';
import { DocumentMenu } from './DocumentMenu';
import { SimulateButton } from '../impact/SimulateButton';

const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = IS_MAC ? '⌘' : 'Ctrl+';

type LayoutValue = `${LayoutAlgorithm}:${LayoutDirection}`;

export function Toolbar() {
  const info = useDataStore((s) => s.info);
  const layout = useViewStore((s) => s.layout);
  const setLayout = useViewStore((s) => s.setLayout);
  const openDialog = useViewStore((s) => s.openDialog);
  const panels = useViewStore((s) => s.panels);
  const togglePanel = useViewStore((s) => s.togglePanel);
  const layoutValue: LayoutValue = `${layout.algorithm}:${layout.direction}`;

  return (
    <header className="toolbar" data-testid="toolbar">
      <span className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Faultline
      </span>
      {!window.faultline && <DocumentMenu />}
      <span className="doc-title" data-testid="doc-title" title={info?.path}>
        {info?.title ?? ''}
      </span>
      <span className="toolbar-sep" />
      <button type="button" className="btn search-trigger" data-testid="open-search" onClick={() => runCommand('search')}>
        <span>Search CIs…</span>
        <span className="kbd">{MOD}K</span>
      </button>
      <button
        type="button"
        className="btn"
        data-testid="undo"
        disabled={!info?.canUndo}
        title={`${info?.undoLabel ? `Undo ${info.undoLabel}` : 'Nothing to undo'} (${MOD}Z)`}
        onClick={() => runCommand('undo')}
      >
        <span className="btn-label">↶ Undo{info?.undoLabel ? ` ${info.undoLabel}` : ''}</span>
      </button>
      <button
        type="button"
        className="btn"
        data-testid="redo"
        disabled={!info?.canRedo}
        title={`${info?.redoLabel ? `Redo ${info.redoLabel}` : 'Nothing to redo'} (${MOD}Shift+Z)`}
        onClick={() => runCommand('redo')}
      >
        <span className="btn-label">↷ Redo{info?.redoLabel ? ` ${info.redoLabel}` : ''}</span>
      </button>
      <span className="toolbar-sep" />
      <button type="button" className="btn btn-primary" data-testid="new-ci" onClick={() => openDialog({ kind: 'ci-create' })}>
        + New CI
      </button>
      <SimulateButton />
      <span className="spacer" />
      <label className="row muted">
        Layout
        <select
          className="select"
          data-testid="layout-choice"
          value={layoutValue}
          onChange={(event) => {
            const [algorithm, direction] = event.target.value.split(':') as [LayoutAlgorithm, LayoutDirection];
            setLayout({ algorithm, direction });
          }}
        >
          <option value="layered:DOWN">Layered, top to bottom</option>
          <option value="layered:RIGHT">Layered, left to right</option>
          <option value={`force:${layout.direction}`}>Force (stress, up to {FORCE_LAYOUT_LIMIT} CIs)</option>
        </select>
      </label>
      <button type="button" className="btn" aria-pressed={panels.filters} onClick={() => togglePanel('filters')} title="Show or hide the filters">
        Filters
      </button>
      <button type="button" className="btn" aria-pressed={panels.inspector} onClick={() => togglePanel('inspector')} title="Show or hide the inspector">
        Inspector
      </button>
    </header>
  );
}
