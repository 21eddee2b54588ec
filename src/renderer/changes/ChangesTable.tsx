// The changes list as a virtualized table: only the rows in view are in the DOM, so 1,000
// changes scroll as smoothly as ten. Headers sort; arrow keys move the selection.
import { useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ChangeListItem } from '../../shared/operations';
import { STATE_LABELS, TYPE_LABELS } from './change-labels';
import { formatWindow, formatWindowShort, type ChangeSort, type ChangeSortKey } from './change-list-model';
import { RiskChip, StateChip } from './RiskChip';

const COLUMNS: { key: ChangeSortKey; label: string }[] = [
  { key: 'number', label: 'Number' },
  { key: 'title', label: 'Title' },
  { key: 'state', label: 'State' },
  { key: 'type', label: 'Type' },
  { key: 'risk', label: 'Risk' },
  { key: 'window', label: 'Planned window' },
  { key: 'conflicts', label: 'Conflicts' },
];

const ROW_HEIGHT = 34;

interface ChangesTableProps {
  items: readonly ChangeListItem[];
  sort: ChangeSort;
  selectedId: string | null;
  onSort(sort: ChangeSort): void;
  onSelect(id: string): void;
}

export function ChangesTable({ items, sort, selectedId, onSort, onSelect }: ChangesTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const selectedIndex = items.findIndex((item) => item.change.id === selectedId);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    if (items.length === 0) return;
    const last = items.length - 1;
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? last : Math.min(last, Math.max(0, selectedIndex + (event.key === 'ArrowDown' ? 1 : -1)));
    onSelect(items[next].change.id);
    virtualizer.scrollToIndex(next);
  };

  return (
    <div className="changes-table" role="table" aria-label="Change requests" aria-rowcount={items.length + 1} data-testid="changes-table">
      <div role="rowgroup">
      <div className="changes-row changes-head" role="row">
        {COLUMNS.map((column) => {
          const active = sort.key === column.key;
          return (
            <span key={column.key} role="columnheader" className={`col-${column.key}`} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
              <button type="button" className="sort-button" onClick={() => onSort({ key: column.key, descending: active ? !sort.descending : false })}>
                {column.label}
                <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
              </button>
            </span>
          );
        })}
      </div>
      </div>
      <div ref={scrollRef} role="rowgroup" className="changes-body" tabIndex={0} onKeyDown={onKeyDown} aria-label="Change requests, arrow keys move">
        {items.length === 0 ? (
          <p className="muted changes-empty" role="row">
            <span role="cell">No change request matches these filters.</span>
          </p>
        ) : (
          <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((row) => {
              const { change, risk, conflictCount } = items[row.index];
              const selected = change.id === selectedId;
              return (
                <div
                  key={change.id}
                  role="row"
                  aria-rowindex={row.index + 2}
                  aria-selected={selected}
                  data-testid={`change-row-${change.number}`}
                  className={`changes-row${selected ? ' selected' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
                  onClick={() => onSelect(change.id)}
                >
                  <span role="cell" className="col-number mono">{change.number}</span>
                  <span role="cell" className="col-title" title={change.title}>{change.title}</span>
                  <span role="cell" className="col-state"><StateChip state={change.state} label={STATE_LABELS[change.state]} /></span>
                  <span role="cell" className="col-type">{TYPE_LABELS[change.type]}</span>
                  <span role="cell" className="col-risk"><RiskChip band={risk.band} score={risk.score} /></span>
                  <span role="cell" className="col-window" title={formatWindow(change.window)}>{formatWindowShort(change.window)}</span>
                  <span role="cell" className={`col-conflicts${conflictCount ? ' has-conflicts' : ''}`}>{conflictCount || '—'}</span>
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
