// Right panel: the selected CI — fields, attributes and relationships — with its edit actions.
import { useDataStore } from '../state/data-store';
import { focusCi } from '../state/sync';
import { primarySelection, useViewStore } from '../state/view-store';
import { classLabel } from '../graph/class-style';
import { CiFields } from './CiFields';
import { ClassIcon } from './ClassIcon';
import { RelationshipList } from './RelationshipList';
import { CiActivitySection } from '../incidents/CiActivitySection';

function MultiSelection({ ids }: { ids: string[] }) {
  const nodes = useDataStore((s) => s.view?.nodes);
  const setSelection = useViewStore((s) => s.setSelection);
  const names = new Map(nodes?.map((n) => [n.id, n.name]));
  return (
    <section className="panel-section" data-testid="multi-selection">
      <h3>
        {ids.length} CIs selected
        <button type="button" className="link" onClick={() => setSelection([])}>
          Clear
        </button>
      </h3>
      <div className="stack" style={{ gap: 2 }}>
        {ids.map((id) => (
          <button key={id} type="button" className="link" style={{ textAlign: 'left' }} onClick={() => focusCi(id)}>
            {names.get(id) ?? id}
          </button>
        ))}
      </div>
    </section>
  );
}

export function Inspector() {
  const selection = useViewStore((s) => s.selection);
  const primary = useViewStore(primarySelection);
  const details = useDataStore((s) => s.details);
  const openDialog = useViewStore((s) => s.openDialog);
  const setNeighbourhood = useViewStore((s) => s.setNeighbourhood);
  const shown = details && details.ci.id === primary ? details : null;

  return (
    <aside className="panel panel-right" aria-label="Inspector" data-testid="inspector">
      {selection.length > 1 && <MultiSelection ids={selection} />}
      {!primary && (
        <section className="panel-section">
          <h2>Inspector</h2>
          <p className="muted">Select a CI on the graph, or search with Ctrl+K, to see its details and relationships.</p>
          <p className="faint">Shift- or Ctrl-click adds to the selection; Shift-drag selects a box.</p>
        </section>
      )}
      {primary && !shown && (
        <section className="panel-section">
          <p className="muted">Loading…</p>
        </section>
      )}
      {shown && (
        <>
          <section className="panel-section">
            <div className="inspector-head">
              <ClassIcon ciClass={shown.ci.class} large />
              <div>
                <h2 data-testid="inspector-name">{shown.ci.name}</h2>
                <div className="muted">{classLabel(shown.ci.class)}</div>
              </div>
            </div>
            <div className="inspector-actions">
              <button type="button" className="btn btn-small" data-testid="edit-ci" onClick={() => openDialog({ kind: 'ci-edit', ciId: shown.ci.id })}>
                Edit
              </button>
              <button type="button" className="btn btn-small" data-testid="add-relationship" onClick={() => openDialog({ kind: 'rel-create', ciId: shown.ci.id })}>
                Add relationship
              </button>
              <button
                type="button"
                className="btn btn-small"
                data-testid="show-neighbourhood"
                onClick={() => setNeighbourhood({ enabled: true, ciId: shown.ci.id })}
              >
                Neighbourhood
              </button>
              <button type="button" className="btn btn-small" data-testid="delete-ci" onClick={() => openDialog({ kind: 'ci-delete', ciId: shown.ci.id })}>
                Delete
              </button>
            </div>
          </section>
          <CiFields ci={shown.ci} />
          <CiActivitySection ci={shown.ci} />
          <RelationshipList key={`out-${shown.ci.id}`} title="Outgoing" direction="outgoing" items={shown.outgoing} />
          <RelationshipList key={`in-${shown.ci.id}`} title="Incoming" direction="incoming" items={shown.incoming} />
        </>
      )}
    </aside>
  );
}
