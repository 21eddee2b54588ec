// A virtualized table: only the rows in view are in the DOM, so a thousand records scroll as
// smoothly as ten. Headers sort (when given a sort); arrow keys, Home and End move the selection.
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import './virtual-table.css';

export interface TableColumn<T, K extends string> {
  key: K;
  label: string;
  /** The column's track in the row's grid ("80px", "minmax(120px, 1fr)"). */
  width: string;
  cell(row: T): ReactNode;
  /** The cell's tooltip, when its content may be cut. */
  title?(row: T): string;
  className?: string;
  /** False for a column the list cannot be sorted by. */
  sortable?: boolean;
}

export interface TableSort<K extends string> {
  key: K;
  descending: boolean;
}

interface VirtualTableProps<T, K extends string> {
  label: string;
  rows: readonly T[];
  columns: readonly TableColumn<T, K>[];
  rowId(row: T): string;
  /** data-testid of a row, for tests and for the user's browser tools. */
  rowTestId(row: T): string;
  selectedId: string | null;
  onSelect(id: string): void;
  sort?: TableSort<K>;
  onSort?(sort: TableSort<K>): void;
  empty: string;
  testId?: string;
}

const ROW_HEIGHT = 34;

export function VirtualTable<T, K extends string>({ label, rows, columns, rowId, rowTestId, selectedId, onSelect, sort, onSort, empty, testId }: VirtualTableProps<T, K>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const selectedIndex = rows.findIndex((row) => rowId(row) === selectedId);
  const template = columns.map((c) => c.width).join(' ');

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    if (rows.length === 0) return;
    const last = rows.length - 1;
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? last : Math.min(last, Math.max(0, selectedIndex + (event.key === 'ArrowDown' ? 1 : -1)));
    onSelect(rowId(rows[next]));
    virtualizer.scrollToIndex(next);
  };

  return (
    <div className="vtable" role="table" aria-label={label} aria-rowcount={rows.length + 1} data-testid={testId}>
      <div role="rowgroup">
        <div className="vtable-row vtable-head" role="row" style={{ gridTemplateColumns: template }}>
          {columns.map((column) => {
            const active = sort?.key === column.key;
            return (
              <span key={column.key} role="columnheader" aria-sort={active ? (sort?.descending ? 'descending' : 'ascending') : 'none'}>
                {onSort && column.sortable !== false ? (
                  <button type="button" className="sort-button" onClick={() => onSort({ key: column.key, descending: active ? !sort?.descending : false })}>
                    {column.label}
                    <span aria-hidden="true">{active ? (sort?.descending ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                ) : (
                  <span className="sort-button">{column.label || <span className="visually-hidden">Tick</span>}</span>
                )}
              </span>
            );
          })}
        </div>
      </div>
      <div ref={scrollRef} role="rowgroup" className="vtable-body" tabIndex={0} onKeyDown={onKeyDown} aria-label={`${label}, arrow keys move`}>
        {rows.length === 0 ? (
          <p className="muted vtable-empty" role="row">
            <span role="cell">{empty}</span>
          </p>
        ) : (
          <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              const id = rowId(row);
              const selected = id === selectedId;
              return (
                <div
                  key={id}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={selected}
                  data-testid={rowTestId(row)}
                  className={`vtable-row${selected ? ' selected' : ''}`}
                  style={{ gridTemplateColumns: template, position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  onClick={() => onSelect(id)}
                >
                  {columns.map((column) => (
                    <span key={column.key} role="cell" className={column.className} title={column.title?.(row)}>
                      {column.cell(row)}
                    </span>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
