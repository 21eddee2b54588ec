// What the change would hurt: the snapshot the CAB saw (or the impact now, before the CAB), the
// impacted services with the path from the target to each, and, when the CMDB moved since the
// snapshot, what a recompute changes.
import { useEffect, useState } from 'react';
import type { Change } from '../../shared/changes';
import type { BlastRadiusResult } from '../../shared/impact-types';
import type { ChangeRecompute } from '../../shared/operations';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { LEVEL_LABELS } from '../impact/impact-model';
import { useImpactStore } from '../impact/impact-store';
import { ImpactPicture } from './ImpactPicture';
import { serviceRows, type ServiceRow } from './change-impact-model';
import { useWorkspaceStore } from '../state/workspace-store';

const when = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Services shown before "Show all": the most critical come first, so these are the ones a CAB reads. */
const SERVICES_SHOWN = 8;

function ServiceList({ rows }: { rows: readonly ServiceRow[] }) {
  const [all, setAll] = useState(false);
  if (rows.length === 0) return <p className="muted">No service is impacted.</p>;
  const shown = all ? rows : rows.slice(0, SERVICES_SHOWN);
  return (
    <>
      <ul className="service-rows" data-testid="impacted-services">
        {shown.map((row) => (
          <li key={row.id}>
            <span className={`impact-badge level-${row.level}`}>{LEVEL_LABELS[row.level]}</span>
            <strong>{row.name}</strong>
            <span className="muted" title="Criticality: 1 is mission critical">
              criticality {row.criticality}
            </span>
            {row.path.length > 1 && <span className="service-path muted">{row.path.join(' → ')}</span>}
          </li>
        ))}
      </ul>
      {rows.length > SERVICES_SHOWN && (
        <button type="button" className="link" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${rows.length} services`}
        </button>
      )}
    </>
  );
}

function RecomputeDifference({ diff }: { diff: ChangeRecompute }) {
  if (!diff.cmdbMoved) return <p className="muted" data-testid="recompute-result">The CMDB has not moved since the snapshot: the impact is the same.</p>;
  const name = new Map([...diff.now.services, ...(diff.frozen?.services ?? [])].map((s) => [s.id, s.name]));
  const lines = [
    ...diff.servicesAdded.map((id) => `service ${name.get(id) ?? id} is now impacted`),
    ...diff.servicesRemoved.map((id) => `service ${name.get(id) ?? id} is no longer impacted`),
    `${diff.cisAdded.length} CIs added to the impact, ${diff.cisRemoved.length} removed, ${diff.levelsMoved.length} changed level`,
  ];
  return (
    <div className="banner" data-testid="recompute-result">
      The CMDB moved since the CAB's snapshot:
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}

export function ChangeImpactSection({ change, result, error }: { change: Change; result: BlastRadiusResult | null; error: string | null }) {
  const [diff, setDiff] = useState<ChangeRecompute | null>(null);
  const [diffError, setDiffError] = useState<string | null>(null);
  useEffect(() => setDiff(null), [change.id, change.updatedAt]);
  const snapshot = change.impactSnapshot;
  const live = result ? serviceRows(result) : [];
  // The services the CAB saw, with the path the engine gives now where it still reaches them.
  const paths = new Map(live.map((row) => [row.id, row.path]));
  const rows: ServiceRow[] = snapshot ? snapshot.services.map((s) => ({ ...s, path: paths.get(s.id) ?? [] })) : live;
  const counts = snapshot?.byLevel ?? result?.totals.byLevel ?? null;

  const showOnGraph = () => {
    void useImpactStore.getState().simulateTargets(change.targets);
    useWorkspaceStore.getState().setWorkspace('explore');
  };
  const recompute = () => {
    setDiffError(null);
    api.call('change.recompute', { id: change.id }).then(setDiff, (e: unknown) => setDiffError(errorMessage(e)));
  };

  return (
    <section className="detail-section" aria-labelledby="impact-head" data-testid="change-impact">
      <h3 id="impact-head">
        Impact
        <span className="row" style={{ gap: 6 }}>
          {snapshot && (
            <button type="button" className="btn btn-small" data-testid="recompute" onClick={recompute}>
              Recompute
            </button>
          )}
          <button type="button" className="btn btn-small" data-testid="show-on-graph" disabled={change.targets.length === 0} onClick={showOnGraph}>
            Show on graph
          </button>
        </span>
      </h3>
      <p className="muted impact-source" data-testid="impact-source">
        {snapshot
          ? `Snapshot frozen for the CAB on ${when.format(new Date(snapshot.computedAt))}, CMDB state ${snapshot.cmdbHash}.`
          : 'Computed on the CMDB as it is now; frozen when the change goes to the CAB.'}
      </p>
      {counts && (
        <p className="change-impact-counts" data-testid="impact-counts">
          <span className="impact-badge level-down">{counts.down} down</span> <span className="impact-badge level-degraded">{counts.degraded} degraded</span>{' '}
          <span className="impact-badge level-at_risk">{counts.at_risk} at risk</span>
          {snapshot && snapshot.redundancy.atRisk + snapshot.redundancy.down > 0 && (
            <span className="muted">
              {' '}
              · redundancy groups: {snapshot.redundancy.atRisk} at risk, {snapshot.redundancy.down} down
            </span>
          )}
        </p>
      )}
      {error && <p className="form-error">Could not compute the impact: {error}</p>}
      {diffError && <p className="form-error">Could not recompute: {diffError}</p>}
      {diff && <RecomputeDifference diff={diff} />}
      {change.targets.length === 0 ? <p className="muted">No target yet: edit the change to name the CIs it touches.</p> : <ServiceList rows={rows} />}
      <ImpactPicture change={change} />
    </section>
  );
}
