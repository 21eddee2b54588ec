// One incident: its priority and SLA clocks, what it hurts, the changes that probably caused it,
// open incidents probably of the same outage, its problem, and the moves it can make.
import { useState } from 'react';
import type { IncidentStatus } from '../../shared/incidents';
import type { IncidentDetails } from '../../shared/operations';
import { errorMessage } from '../api/api-error';
import { useChangesStore } from '../changes/changes-store';
import { LEVEL_LABELS } from '../impact/impact-model';
import { useImpactStore } from '../impact/impact-store';
import { mutate } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { useWorkspaceStore } from '../state/workspace-store';
import { INCIDENT_MOVE_LABELS, INCIDENT_STATUS_LABELS, LEVEL_WORDS } from './incident-labels';
import { useIncidentsStore } from './incidents-store';
import { PriorityChip, SlaChip } from './PriorityChip';

const when = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "orders-db → Order API → Checkout": a path of ids in the names the core gave with it. */
export function pathText(path: readonly string[], names: Readonly<Record<string, string>>): string {
  return path.map((id) => names[id] ?? id).join(' → ');
}

export function IncidentDetail({ details }: { details: IncidentDetails }) {
  const { incident, sla, allowed, probableCauses, sameOutage, causedBy, problem, names } = details;
  const openDialog = useViewStore((s) => s.openDialog);
  const [error, setError] = useState<string | null>(null);

  const move = async (to: IncidentStatus) => {
    setError(null);
    try {
      useIncidentsStore.getState().showDetails((await mutate('incident.transition', { id: incident.id, to })).value);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const showOnGraph = () => {
    void useImpactStore.getState().simulate(incident.affectedCiIds, 'down');
    useWorkspaceStore.getState().setWorkspace('explore');
  };

  return (
    <article className="change-detail" data-testid="incident-detail" aria-label={`${incident.number} ${incident.title}`}>
      <header className="change-detail-head">
        <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
          <span className="mono change-number">{incident.number}</span>
          <PriorityChip priority={incident.priority} />
          <span className={`state-chip incident-${incident.status}`}>{INCIDENT_STATUS_LABELS[incident.status]}</span>
          <SlaChip clock={sla.response} label="Response" />
          <SlaChip clock={sla.resolution} label="Resolution" />
        </div>
        <h2 className="change-title">{incident.title}</h2>
        <div className="row change-actions" style={{ gap: 6, flexWrap: 'wrap' }}>
          {allowed.map((to) => (
            <button key={to} type="button" className={`btn btn-small${to === 'resolved' ? ' btn-primary' : ''}`} data-testid={`incident-move-${to}`} onClick={() => void move(to)}>
              {INCIDENT_MOVE_LABELS[to]}
            </button>
          ))}
          <span className="spacer" />
          <button type="button" className="btn btn-small" data-testid="incident-on-graph" onClick={showOnGraph}>
            Show on graph
          </button>
          <button type="button" className="btn btn-small" data-testid="edit-incident" onClick={() => openDialog({ kind: 'incident-edit', incidentId: incident.id })}>
            Edit
          </button>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </header>

      <section className="detail-section">
        <dl className="fields">
          <dt>Affected CIs</dt>
          <dd data-testid="incident-cis">{incident.affectedCiIds.map((id) => names[id] ?? id).join(', ')}</dd>
          <dt>Opened</dt>
          <dd>{when.format(new Date(incident.openedAt))}</dd>
          {incident.resolvedAt && (
            <>
              <dt>Resolved</dt>
              <dd>{when.format(new Date(incident.resolvedAt))}</dd>
            </>
          )}
          <dt>Impact × urgency</dt>
          <dd data-testid="incident-impact">
            impact {LEVEL_WORDS[incident.impact]}
            {incident.impact !== incident.suggestedImpact && <span className="muted"> (suggested {LEVEL_WORDS[incident.suggestedImpact]}, overridden)</span>} × urgency {LEVEL_WORDS[incident.urgency]} → P
            {incident.priority}
          </dd>
          <dt>Caused by</dt>
          <dd>
            {causedBy ? (
              <button type="button" className="link" onClick={() => useChangesStore.getState().openChange(causedBy.id)}>
                {causedBy.number} {causedBy.title}
              </button>
            ) : (
              <span className="muted">not recorded</span>
            )}
          </dd>
          <dt>Problem</dt>
          <dd>
            {problem ? (
              <button type="button" className="link" data-testid="incident-problem" onClick={() => useIncidentsStore.getState().selectProblem(problem.id)}>
                {problem.number}
              </button>
            ) : (
              <span className="muted">none</span>
            )}
          </dd>
          {incident.description && (
            <>
              <dt>Description</dt>
              <dd className="prose">{incident.description}</dd>
            </>
          )}
        </dl>
      </section>

      <section className="detail-section" aria-labelledby="affected-head" data-testid="affected-services">
        <h3 id="affected-head">Affected services</h3>
        {incident.affectedServices.length === 0 ? (
          <p className="muted">No service is down or degraded by the affected CIs.</p>
        ) : (
          <ul className="service-rows">
            {incident.affectedServices.map((s) => (
              <li key={s.id}>
                <span className={`impact-badge level-${s.level}`}>{LEVEL_LABELS[s.level]}</span>
                <strong>{s.name}</strong>
                <span className="muted">criticality {s.criticality}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="detail-section" aria-labelledby="causes-head" data-testid="probable-causes">
        <h3 id="causes-head">Probable causes</h3>
        {probableCauses.length === 0 ? (
          <p className="muted">No change was implemented upstream of the affected CIs in the 72 hours before it opened.</p>
        ) : (
          <ol className="cause-list">
            {probableCauses.map((cause) => (
              <li key={cause.changeId} data-testid={`cause-${cause.changeNumber}`}>
                <button type="button" className="link" onClick={() => useChangesStore.getState().openChange(cause.changeId)}>
                  {cause.changeNumber} {cause.title}
                </button>
                <span className="muted">
                  {' '}
                  implemented {when.format(new Date(cause.implementedAt))} · {cause.distance === 0 ? 'on an affected CI' : `${cause.distance} hop${cause.distance === 1 ? '' : 's'} upstream`}
                </span>
                {cause.path.length > 1 && <div className="service-path muted">{pathText(cause.path, names)}</div>}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="detail-section" aria-labelledby="same-head" data-testid="same-outage">
        <h3 id="same-head">Same outage?</h3>
        {sameOutage.length === 0 ? (
          <p className="muted">No other open incident on these CIs or those they stand on.</p>
        ) : (
          <ul className="cause-list">
            {sameOutage.map((other) => (
              <li key={other.incidentId}>
                <button type="button" className="link" onClick={() => useIncidentsStore.getState().select(other.incidentId)}>
                  {other.number} {other.title}
                </button>
                <span className="muted"> · {other.distance === 0 ? 'same CI' : `${other.distance} hop${other.distance === 1 ? '' : 's'} upstream`}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
