// The incidents list's columns in the virtualized table, with a tick per incident for "Common cause".
import type { IncidentListItem } from '../../shared/operations';
import { VirtualTable, type TableColumn } from '../components/VirtualTable';
import { INCIDENT_STATUS_LABELS } from './incident-labels';
import { activeClock, type IncidentSortKey } from './incident-list-model';
import { useIncidentsStore } from './incidents-store';
import { PriorityChip, SlaChip } from './PriorityChip';

const opened = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

function Tick({ item }: { item: IncidentListItem }) {
  const checked = useIncidentsStore((s) => s.checked.includes(item.incident.id));
  const toggle = useIncidentsStore((s) => s.toggleChecked);
  return (
    <input
      type="checkbox"
      checked={checked}
      aria-label={`Include ${item.incident.number} in the common-cause question`}
      data-testid={`tick-${item.incident.number}`}
      onClick={(event) => event.stopPropagation()}
      onChange={() => toggle(item.incident.id)}
    />
  );
}

const COLUMNS: TableColumn<IncidentListItem, IncidentSortKey | 'tick' | 'services'>[] = [
  { key: 'tick', label: '', width: '22px', sortable: false, cell: (item) => <Tick item={item} /> },
  { key: 'number', label: 'Number', width: '72px', className: 'mono', cell: ({ incident }) => incident.number },
  { key: 'priority', label: 'Priority', width: '62px', cell: ({ incident }) => <PriorityChip priority={incident.priority} /> },
  { key: 'title', label: 'Title', width: 'minmax(120px, 1fr)', cell: ({ incident }) => incident.title, title: ({ incident }) => incident.title },
  {
    key: 'services',
    label: 'Services',
    sortable: false,
    width: 'minmax(80px, 0.6fr)',
    cell: ({ incident }) => incident.affectedServices.map((s) => s.name).join(', ') || '—',
    title: ({ incident }) => incident.affectedServices.map((s) => s.name).join(', '),
  },
  { key: 'status', label: 'Status', width: '84px', cell: ({ incident }) => INCIDENT_STATUS_LABELS[incident.status] },
  { key: 'opened', label: 'Opened', width: '118px', cell: ({ incident }) => opened.format(new Date(incident.openedAt)) },
  { key: 'sla', label: 'SLA', width: '168px', cell: (item) => <SlaChip clock={activeClock(item)} short /> },
];

interface IncidentsTableProps {
  items: readonly IncidentListItem[];
  sort: { key: IncidentSortKey; descending: boolean };
  selectedId: string | null;
  onSort(sort: { key: IncidentSortKey; descending: boolean }): void;
  onSelect(id: string): void;
}

export function IncidentsTable({ items, sort, selectedId, onSort, onSelect }: IncidentsTableProps) {
  return (
    <VirtualTable
      label="Incidents"
      testId="incidents-table"
      rows={items}
      columns={COLUMNS}
      rowId={(item) => item.incident.id}
      rowTestId={(item) => `incident-row-${item.incident.number}`}
      selectedId={selectedId}
      onSelect={onSelect}
      sort={sort}
      onSort={(next) => next.key !== 'tick' && next.key !== 'services' && onSort({ key: next.key, descending: next.descending })}
      empty="No incident matches these filters."
    />
  );
}
