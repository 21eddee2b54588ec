// Top bar: file menu and title, search, undo/redo, new CI, layout choice, panel toggles.
import { useDataStore } from '../state/data-store';
import { useViewStore, type LayoutAlgorithm, type LayoutDirection } from '../state/view-store';
import { runCommand } from '../hooks/commands';
import { FORCE_LAYOUT_LIMIT } from '../graph/layout-input';
import { DocumentMenu } from './DocumentMenu';
import { useDataUi } from '../data/data-ui-store';
import { SimulateButton } from '../impact/SimulateButton';
import { WorkspaceTabs } from './WorkspaceTabs';
import { useWorkspaceStore } from '../state/workspace-store';

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
  // As of a past time the graph is read-only: nothing to create, undo or redo.
  const readOnly = useDataUi((s) => s.overlay?.mode === 'asOf');
  // The simulation, the layout and the panel toggles belong to the graph: shown on Explore only.
  const exploring = useWorkspaceStore((s) => s.workspace === 'explore');
  const layoutValue: LayoutValue = `${layout.algorithm}:${layout.direction}`;

  const undoTitle = `${info?.undoLabel ? `Undo ${info.undoLabel}` : 'Nothing to undo'} (${MOD}Z)`;
  const redoTitle = `${info?.redoLabel ? `Redo ${info.redoLabel}` : 'Nothing to redo'} (${MOD}Shift+Z)`;

  // Every label past the brand can shrink or fold to its icon (app.css, "Toolbar"): the bar keeps
  // one line whatever the document's name or the last edit is called; tooltips say it in full.
  return (
    <header className="toolbar" data-testid="toolbar">
      <span className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Faultline</span>
      </span>
      {!window.faultline && <DocumentMenu />}
      <WorkspaceTabs />
      <span className="doc-title" data-testid="doc-title" title={info?.path}>
        {info?.title ?? ''}
      </span>
      <span className="toolbar-sep" />
      <button type="button" className="btn search-trigger" data-testid="open-search" title={`Search CIs (${MOD}K)`} onClick={() => runCommand('search')}>
        <span className="tb-text">Search CIs…</span>
        <span className="kbd">{MOD}K</span>
      </button>
      <button type="button" className="btn tb-button" data-testid="undo" disabled={readOnly || !info?.canUndo} title={undoTitle} aria-label={undoTitle} onClick={() => runCommand('undo')}>
        <span aria-hidden="true">↶</span>
        <span className="tb-text btn-label">Undo{info?.undoLabel ? ` ${info.undoLabel}` : ''}</span>
      </button>
      <button type="button" className="btn tb-button" data-testid="redo" disabled={readOnly || !info?.canRedo} title={redoTitle} aria-label={redoTitle} onClick={() => runCommand('redo')}>
        <span aria-hidden="true">↷</span>
        <span className="tb-text btn-label">Redo{info?.redoLabel ? ` ${info.redoLabel}` : ''}</span>
      </button>
      <span className="toolbar-sep" />
      <button type="button" className="btn btn-primary tb-button" data-testid="new-ci" disabled={readOnly} title="New CI" aria-label="New CI" onClick={() => openDialog({ kind: 'ci-create' })}>
        <span aria-hidden="true">+</span>
        <span className="tb-text">New CI</span>
      </button>
      {exploring && <SimulateButton />}
      <span className="spacer" />
      {exploring && (
        <>
          <label className="row muted toolbar-layout" title="Layout">
            <span className="tb-text">Layout</span>
            <select
              className="select"
              data-testid="layout-choice"
              aria-label="Layout"
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
          <button type="button" className="btn tb-button" aria-pressed={panels.filters} onClick={() => togglePanel('filters')} title="Show or hide the filters" aria-label="Filters">
            <svg className="tb-icon" viewBox="0 0 16 16" aria-hidden="true">
              <path d="M2 3h12l-4.5 5.5V13l-3 1.5v-6z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
            </svg>
            <span className="tb-text">Filters</span>
          </button>
          <button type="button" className="btn tb-button" aria-pressed={panels.inspector} onClick={() => togglePanel('inspector')} title="Show or hide the inspector" aria-label="Inspector">
            <svg className="tb-icon" viewBox="0 0 16 16" aria-hidden="true">
              <rect x="1.75" y="2.75" width="12.5" height="10.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
              <path d="M10 3v10" stroke="currentColor" strokeWidth="1.5" />
            </svg>
            <span className="tb-text">Inspector</span>
          </button>
        </>
      )}
    </header>
  );
}
