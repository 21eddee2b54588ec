// The Incidents screen: incidents (filters, list, detail, common cause of the ticked ones) and
// problems (list and detail), side by side like the Changes screen.
import { useMemo } from 'react';
import { INCIDENT_STATUSES } from '../../shared/incidents';
import { useViewStore } from '../state/view-store';
import { CommonCausePanel } from './CommonCausePanel';
import { IncidentDetail } from './IncidentDetail';
import { INCIDENT_STATUS_LABELS, PROBLEM_STATUS_LABELS } from './incident-labels';
import { filterIncidents, NO_INCIDENT_FILTERS, servicesOf, sortIncidents } from './incident-list-model';
import { IncidentsTable } from './IncidentsTable';
import { useIncidentsStore } from './incidents-store';
import { ProblemDetail } from './ProblemDetail';
import { VirtualTable } from '../components/VirtualTable';
import type { Problem } from '../../shared/incidents';
import '../changes/changes.css';
import './incidents.css';

const PRIORITIES = [1, 2, 3, 4, 5];

function IncidentFiltersBar() {
  const filters = useIncidentsStore((s) => s.filters);
  const setFilters = useIncidentsStore((s) => s.setFilters);
  const items = useIncidentsStore((s) => s.items);
  const services = useMemo(() => servicesOf(items ?? []), [items]);
  const toggle = <T,>(list: readonly T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  return (
    <div className="change-filters" data-testid="incident-filters">
      <div className="row" style={{ gap: 8 }}>
        <input className="input" type="search" placeholder="Filter by number, title or service…" aria-label="Filter incidents by words" value={filters.text} onChange={(e) => setFilters({ text: e.target.value })} style={{ flex: 1, minWidth: 0 }} />
        <select className="select" aria-label="Affected service" data-testid="filter-service" value={filters.serviceId ?? ''} onChange={(e) => setFilters({ serviceId: e.target.value || null })}>
          <option value="">Any service</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <label className="row muted">
          <input type="checkbox" data-testid="filter-breached" checked={filters.breachedOnly} onChange={(e) => setFilters({ breachedOnly: e.target.checked })} /> SLA breached
        </label>
      </div>
      <div className="row" style={{ gap: 16, flexWrap: 'wrap' }}>
        <div className="toggle-group" role="group" aria-label="Status">
          <span className="toggle-group-label">Status</span>
          {INCIDENT_STATUSES.map((status) => (
            <button key={status} type="button" className={`toggle${filters.statuses.includes(status) ? ' on' : ''}`} aria-pressed={filters.statuses.includes(status)} data-testid={`filter-${status}`} onClick={() => setFilters({ statuses: toggle(filters.statuses, status) })}>
              {INCIDENT_STATUS_LABELS[status]}
            </button>
          ))}
        </div>
        <div className="toggle-group" role="group" aria-label="Priority">
          <span className="toggle-group-label">Priority</span>
          {PRIORITIES.map((p) => (
            <button key={p} type="button" className={`toggle${filters.priorities.includes(p) ? ' on' : ''}`} aria-pressed={filters.priorities.includes(p)} data-testid={`filter-p${p}`} onClick={() => setFilters({ priorities: toggle(filters.priorities, p) })}>
              P{p}
            </button>
          ))}
        </div>
        {JSON.stringify(filters) !== JSON.stringify(NO_INCIDENT_FILTERS) && (
          <button type="button" className="btn btn-small" onClick={() => setFilters(NO_INCIDENT_FILTERS)}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}

function ProblemsList() {
  const problems = useIncidentsStore((s) => s.problems) ?? [];
  const selected = useIncidentsStore((s) => s.selectedProblemId);
  const select = useIncidentsStore((s) => s.selectProblem);
  return (
    <VirtualTable<Problem, 'number' | 'title' | 'status' | 'incidents'>
      label="Problems"
      testId="problems-table"
      rows={problems}
      columns={[
        { key: 'number', label: 'Number', width: '80px', className: 'mono', cell: (p) => p.number },
        { key: 'title', label: 'Title', width: 'minmax(140px, 1fr)', cell: (p) => p.title, title: (p) => p.title },
        { key: 'status', label: 'Status', width: '110px', cell: (p) => PROBLEM_STATUS_LABELS[p.status] },
        { key: 'incidents', label: 'Incidents', width: '80px', cell: (p) => p.incidentIds.length },
      ]}
      rowId={(p) => p.id}
      rowTestId={(p) => `problem-row-${p.number}`}
      selectedId={selected}
      onSelect={select}
      empty="No problem recorded yet. Tick incidents and ask for their common cause to open one."
    />
  );
}

export function IncidentsScreen() {
  const { tab, items, listError, filters, sort, selectedId, details, problem, checked, commonCause, commonCauseError, setTab, setSort, select, findCommonCause } = useIncidentsStore();
  const openDialog = useViewStore((s) => s.openDialog);
  const shown = useMemo(() => (items ? sortIncidents(filterIncidents(items, filters), sort) : []), [items, filters, sort]);
  const open = (items ?? []).filter((i) => i.incident.status !== 'resolved' && i.incident.status !== 'closed').length;
  const breached = (items ?? []).filter((i) => i.sla.breached).length;

  return (
    <main className="changes-screen" data-testid="incidents-screen">
      <section className="changes-list-pane" aria-label={tab === 'incidents' ? 'Incidents' : 'Problems'}>
        <div className="screen-head">
          <h1>{tab === 'incidents' ? 'Incidents' : 'Problems'}</h1>
          <span className="segmented" role="group" aria-label="Incidents or problems">
            <button type="button" aria-pressed={tab === 'incidents'} data-testid="tab-incident-list" onClick={() => setTab('incidents')}>
              Incidents
            </button>
            <button type="button" aria-pressed={tab === 'problems'} data-testid="tab-problem-list" onClick={() => setTab('problems')}>
              Problems
            </button>
          </span>
          {tab === 'incidents' && (
            <>
              <button type="button" className="btn" data-testid="incident-settings-button" title="Priority matrix and SLA targets" onClick={() => openDialog({ kind: 'incident-settings' })}>
                Settings…
              </button>
              <button type="button" className="btn" data-testid="common-cause-button" title="Which CI would explain the ticked incidents (none ticked: those open in the last 6 hours)" onClick={() => void findCommonCause()}>
                Common cause{checked.length ? ` of ${checked.length}` : ''}
              </button>
              <button type="button" className="btn btn-primary" data-testid="new-incident" onClick={() => openDialog({ kind: 'incident-create', affected: [] })}>
                + New incident
              </button>
            </>
          )}
        </div>
        {tab === 'incidents' ? (
          <>
            <IncidentFiltersBar />
            <p className="muted" style={{ margin: 0 }} data-testid="incidents-count">
              {shown.length} of {items?.length ?? 0} incidents · {open} open · {breached} SLA breached
            </p>
            {listError && <div className="banner banner-error">{listError}</div>}
            {commonCauseError && <div className="banner banner-error">Could not find a common cause: {commonCauseError}</div>}
            {items === null ? <p className="muted">Loading the incidents…</p> : <IncidentsTable items={shown} sort={sort} selectedId={selectedId} onSort={setSort} onSelect={select} />}
          </>
        ) : (
          <ProblemsList />
        )}
      </section>
      <section className="changes-detail-pane" aria-label="Detail">
        {commonCause && tab === 'incidents' && <CommonCausePanel answer={commonCause} />}
        {tab === 'incidents' ? (
          details ? (
            <IncidentDetail details={details} />
          ) : (
            !commonCause && (
              <div className="empty-state">
                <h2>No incident chosen</h2>
                <p className="muted">Choose an incident in the list, or tick several and ask for their common cause.</p>
              </div>
            )
          )
        ) : problem ? (
          <ProblemDetail key={`${problem.problem.id}:${problem.problem.updatedAt}`} details={problem} />
        ) : (
          <div className="empty-state">
            <h2>No problem chosen</h2>
          </div>
        )}
      </section>
    </main>
  );
}
