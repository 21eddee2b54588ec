// One change request: what it is, the moves it can make, its impact, risk, conflicts and history.
import type { ChangeDetails } from '../../shared/operations';
import { useViewStore } from '../state/view-store';
import { MOVE_LABELS, STATE_LABELS, TYPE_LABELS } from './change-labels';
import { formatWindow } from './change-list-model';
import { ChangeHistory } from './ChangeHistory';
import { ChangeImpactSection } from './ChangeImpactSection';
import { useChangesStore } from './changes-store';
import { ConflictList } from './ConflictList';
import { RiskBreakdown } from './RiskBreakdown';
import { RiskChip, StateChip } from './RiskChip';
import { useLiveImpact } from './useLiveImpact';
import { PacketButton } from './PacketButton';

const OUTCOME_LABELS = { successful: 'Successful', failed: 'Failed', rolled_back: 'Rolled back' } as const;

export function ChangeDetail({ details }: { details: ChangeDetails }) {
  const { change, allowed, editable, risk, conflicts } = details;
  const openDialog = useViewStore((s) => s.openDialog);
  const openChange = useChangesStore((s) => s.openChange);
  const { result, error } = useLiveImpact(change);
  const names = new Map(result?.targets.map((t) => [t.ciId, t.name]) ?? []);

  return (
    <article className="change-detail" data-testid="change-detail" aria-label={`${change.number} ${change.title}`}>
      <header className="change-detail-head">
        <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
          <span className="mono change-number">{change.number}</span>
          <StateChip state={change.state} label={STATE_LABELS[change.state]} />
          <span className="muted">{TYPE_LABELS[change.type]} change</span>
          <RiskChip band={risk.band} score={risk.score} />
        </div>
        <h2 className="change-title">{change.title}</h2>
        <div className="row change-actions" style={{ gap: 6, flexWrap: 'wrap' }}>
          {allowed.map((to) => (
            <button
              key={to}
              type="button"
              className={`btn btn-small${to === 'approved' || to === 'cab_review' ? ' btn-primary' : ''}${to === 'cancelled' || to === 'rejected' ? ' btn-danger-soft' : ''}`}
              data-testid={`move-${to}`}
              onClick={() => openDialog({ kind: 'change-move', changeId: change.id, to })}
            >
              {MOVE_LABELS[to]}
            </button>
          ))}
          <span className="spacer" />
          {editable && (
            <button type="button" className="btn btn-small" data-testid="edit-change" onClick={() => openDialog({ kind: 'change-edit', changeId: change.id })}>
              Edit
            </button>
          )}
          <PacketButton change={change} />
        </div>
      </header>

      <section className="detail-section">
        <dl className="fields">
          <dt>Planned window</dt>
          <dd data-testid="change-window">{formatWindow(change.window)}</dd>
          <dt>Implementer</dt>
          <dd>{change.implementer || <span className="muted">not named</span>}</dd>
          <dt>Targets</dt>
          <dd data-testid="change-targets">
            {change.targets.length === 0 ? (
              <span className="muted">none yet</span>
            ) : (
              <ul className="target-list">
                {change.targets.map((t) => (
                  <li key={t.ciId}>
                    {names.get(t.ciId) ?? t.ciId} <span className="muted">({t.mode})</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
          {change.description && (
            <>
              <dt>Description</dt>
              <dd className="prose">{change.description}</dd>
            </>
          )}
          <dt>Rollback plan</dt>
          <dd className="prose">{change.rollbackPlan || <span className="warning-text">none written</span>}</dd>
          {change.review && (
            <>
              <dt>Review</dt>
              <dd data-testid="change-review">
                <strong>{OUTCOME_LABELS[change.review.outcome]}</strong> — {change.review.notes} <span className="muted">({change.review.actor})</span>
              </dd>
            </>
          )}
        </dl>
      </section>
      <RiskBreakdown risk={risk} />
      <ConflictList conflicts={conflicts} onOpenChange={openChange} />
      <ChangeImpactSection change={change} result={result} error={error} />
      <ChangeHistory events={change.events} />
    </article>
  );
}
