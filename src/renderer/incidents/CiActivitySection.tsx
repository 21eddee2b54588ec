// The inspector's "Operations" for a CI: its open incidents, its recent changes, and its incident
// count and mean time to restore over the last 90 days; an incident or a change request on the
// selected CIs can be started here.
import { useEffect, useState } from 'react';
import type { Ci } from '../../shared/model';
import type { CiActivity } from '../../shared/operations';
import { api } from '../api/client';
import { useChangesStore } from '../changes/changes-store';
import { STATE_LABELS } from '../changes/change-labels';
import { formatDuration } from '../changes/change-list-model';
import { useDataStore } from '../state/data-store';
import { useViewStore } from '../state/view-store';
import { useWorkspaceStore } from '../state/workspace-store';
import { useIncidentsStore } from './incidents-store';
import { PriorityChip } from './PriorityChip';

/** The change form's targets from the graph: every selected CI (this one named), each down. */
function changeTargets(ci: Pick<Ci, 'id' | 'name'>): { ciId: string; mode: 'down'; name: string | null }[] {
  const selected = useViewStore.getState().selection;
  const ids = selected.includes(ci.id) ? selected : [...selected, ci.id];
  return ids.map((id) => ({ ciId: id, mode: 'down', name: id === ci.id ? ci.name : null }));
}

export function CiActivitySection({ ci }: { ci: Pick<Ci, 'id' | 'name'> }) {
  const revision = useDataStore((s) => s.info?.revision);
  const openDialog = useViewStore((s) => s.openDialog);
  const [activity, setActivity] = useState<{ id: string; value: CiActivity } | null>(null);
  useEffect(() => {
    let live = true;
    api.call('ci.activity', { id: ci.id }).then(
      (value) => live && setActivity({ id: ci.id, value }),
      () => live && setActivity(null),
    );
    return () => {
      live = false;
    };
  }, [ci.id, revision]);
  const shown = activity?.id === ci.id ? activity.value : null;

  const openIncident = (id: string) => {
    useIncidentsStore.getState().select(id);
    useWorkspaceStore.getState().setWorkspace('incidents');
  };

  return (
    <section className="panel-section" data-testid="ci-activity">
      <h3>
        Operations
        <span className="row" style={{ gap: 4 }}>
          <button type="button" className="btn btn-small" data-testid="record-incident" onClick={() => openDialog({ kind: 'incident-create', affected: [{ ciId: ci.id, mode: 'down', name: ci.name }] })}>
            Record incident
          </button>
          <button type="button" className="btn btn-small" data-testid="new-change-for-ci" title="A change request on the selected CIs" onClick={() => openDialog({ kind: 'change-create', targets: changeTargets(ci) })}>
            New change
          </button>
        </span>
      </h3>
      {!shown ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <p className="muted" style={{ margin: '0 0 6px' }} data-testid="ci-mttr">
            {shown.incidentCount === 0
              ? `No incident in the last ${shown.days} days.`
              : `${shown.incidentCount} incident${shown.incidentCount === 1 ? '' : 's'} in the last ${shown.days} days${shown.mttrMinutes !== null ? `, restored in ${formatDuration(shown.mttrMinutes * 60_000)} on average` : ''}.`}
          </p>
          {shown.openIncidents.length > 0 && (
            <ul className="activity-list" data-testid="ci-open-incidents">
              {shown.openIncidents.map((incident) => (
                <li key={incident.id}>
                  <PriorityChip priority={incident.priority} />{' '}
                  <button type="button" className="link" onClick={() => openIncident(incident.id)}>
                    {incident.number} {incident.title}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {shown.recentChanges.length > 0 && (
            <ul className="activity-list" data-testid="ci-recent-changes">
              {shown.recentChanges.map((change) => (
                <li key={change.id}>
                  <button type="button" className="link" onClick={() => useChangesStore.getState().openChange(change.id)}>
                    {change.number} {change.title}
                  </button>{' '}
                  <span className="muted">({STATE_LABELS[change.state]})</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
