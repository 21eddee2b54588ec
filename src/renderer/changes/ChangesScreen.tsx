// The Changes screen: the filtered, sorted changes list on the left, the chosen change on the right.
import { useMemo } from 'react';
import { useViewStore } from '../state/view-store';
import { ChangeDetail } from './ChangeDetail';
import './changes.css';
import { ChangeFiltersBar } from './ChangeFiltersBar';
import { filterChanges, sortChanges } from './change-list-model';
import { ChangesTable } from './ChangesTable';
import { useChangesStore } from './changes-store';

export function ChangesScreen() {
  const { items, listError, filters, sort, selectedId, details, detailsError, setFilters, setSort, select } = useChangesStore();
  const openDialog = useViewStore((s) => s.openDialog);
  const shown = useMemo(() => (items ? sortChanges(filterChanges(items, filters), sort) : []), [items, filters, sort]);

  return (
    <main className="changes-screen" data-testid="changes-screen">
      <section className="changes-list-pane" aria-label="Change requests">
        <div className="screen-head">
          <h1>Change requests</h1>
          <button type="button" className="btn" data-testid="risk-settings" onClick={() => openDialog({ kind: 'risk-weights' })}>
            Risk settings…
          </button>
          <button type="button" className="btn btn-primary" data-testid="new-change" onClick={() => openDialog({ kind: 'change-create', targets: [] })}>
            + New change request
          </button>
        </div>
        <ChangeFiltersBar filters={filters} onChange={setFilters} shown={shown.length} total={items?.length ?? 0} />
        {listError && <div className="banner banner-error">{listError}</div>}
        {items === null ? <p className="muted changes-empty">Loading the changes…</p> : <ChangesTable items={shown} sort={sort} selectedId={selectedId} onSort={setSort} onSelect={select} />}
      </section>
      <section className="changes-detail-pane" aria-label="Change detail">
        {details ? (
          <ChangeDetail details={details} />
        ) : detailsError ? (
          <div className="banner banner-error">{detailsError}</div>
        ) : (
          <div className="empty-state">
            <h2>No change chosen</h2>
            <p className="muted">Choose a change in the list, or create one — from scratch, or with “Save as change request…” in a simulation.</p>
          </div>
        )}
      </section>
    </main>
  );
}
