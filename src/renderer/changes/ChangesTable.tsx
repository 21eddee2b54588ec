// The changes list's columns in the virtualized table.
import type { ChangeListItem } from '../../shared/operations';
import { VirtualTable, type TableColumn } from '../components/VirtualTable';
import { STATE_LABELS, TYPE_LABELS } from './change-labels';
import { formatWindow, formatWindowShort, type ChangeSort, type ChangeSortKey } from './change-list-model';
import { RiskChip, StateChip } from './RiskChip';

const COLUMNS: TableColumn<ChangeListItem, ChangeSortKey>[] = [
  { key: 'number', label: 'Number', width: '76px', className: 'mono', cell: ({ change }) => change.number },
  { key: 'title', label: 'Title', width: 'minmax(120px, 1fr)', cell: ({ change }) => change.title, title: ({ change }) => change.title },
  { key: 'state', label: 'State', width: '100px', cell: ({ change }) => <StateChip state={change.state} label={STATE_LABELS[change.state]} /> },
  { key: 'type', label: 'Type', width: '78px', cell: ({ change }) => TYPE_LABELS[change.type] },
  { key: 'risk', label: 'Risk', width: '100px', cell: ({ risk }) => <RiskChip band={risk.band} score={risk.score} /> },
  { key: 'window', label: 'Planned window', width: '168px', cell: ({ change }) => formatWindowShort(change.window), title: ({ change }) => formatWindow(change.window) },
  {
    key: 'conflicts',
    label: 'Conflicts',
    width: '60px',
    cell: ({ conflictCount }) => (conflictCount ? <span className="has-conflicts">{conflictCount}</span> : '—'),
  },
];

interface ChangesTableProps {
  items: readonly ChangeListItem[];
  sort: ChangeSort;
  selectedId: string | null;
  onSort(sort: ChangeSort): void;
  onSelect(id: string): void;
}

export function ChangesTable({ items, sort, selectedId, onSort, onSelect }: ChangesTableProps) {
  return (
    <VirtualTable
      label="Change requests"
      testId="changes-table"
      rows={items}
      columns={COLUMNS}
      rowId={(item) => item.change.id}
      rowTestId={(item) => `change-row-${item.change.number}`}
      selectedId={selectedId}
      onSelect={onSelect}
      sort={sort}
      onSort={onSort}
      empty="No change request matches these filters."
    />
  );
}
