// One change on the CAB's agenda: what it is, its risk, what it hurts, its conflicts, the votes so
// far, and the meeting's decision (approve, reject, send back) with the member's vote.
import { useEffect, useState } from 'react';
import type { ChangeDetails, ChangeListItem } from '../../shared/operations';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { useDataStore } from '../state/data-store';
import { mutate } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { CONFLICT_LABELS, TYPE_LABELS } from './change-labels';
import { formatWindow } from './change-list-model';
import { voteTally, windowBeforeMeeting } from './cab-model';
import { useChangesStore } from './changes-store';
import { RiskChip } from './RiskChip';

interface CabAgendaItemProps {
  item: ChangeListItem;
  meetingDate: string;
  meetingLabel: string;
  member: string;
}

function useDetails(id: string): ChangeDetails | null {
  const revision = useDataStore((s) => s.info?.revision);
  const [details, setDetails] = useState<ChangeDetails | null>(null);
  useEffect(() => {
    let live = true;
    api.call('change.get', { id }).then(
      (d) => live && setDetails(d),
      () => live && setDetails(null),
    );
    return () => {
      live = false;
    };
  }, [id, revision]);
  return details;
}

export function CabAgendaItem({ item, meetingDate, meetingLabel, member }: CabAgendaItemProps) {
  const { change, risk } = item;
  const details = useDetails(change.id);
  const openDialog = useViewStore((s) => s.openDialog);
  const [error, setError] = useState<string | null>(null);
  const tally = voteTally(change);
  const snapshot = change.impactSnapshot;
  const late = windowBeforeMeeting(change, meetingDate);

  const vote = async (choice: 'approve' | 'reject' | 'abstain') => {
    setError(null);
    if (!member.trim()) {
      setError('Name the member whose vote this is (above the agenda)');
      return;
    }
    try {
      await mutate('change.vote', { id: change.id, vote: choice, comment: '', member });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const decide = (to: 'approved' | 'rejected' | 'draft') => {
    useChangesStore.getState().select(change.id);
    const comment = to === 'approved' ? `Approved by the ${meetingLabel}.` : to === 'rejected' ? `Rejected by the ${meetingLabel}: ` : '';
    openDialog({ kind: 'change-move', changeId: change.id, to, comment });
  };

  return (
    <li className="cab-item" data-testid={`cab-item-${change.number}`}>
      <div className="cab-item-head">
        <span className="mono change-number">{change.number}</span>
        <button type="button" className="link cab-item-title" onClick={() => useChangesStore.getState().openChange(change.id)}>
          {change.title}
        </button>
        <RiskChip band={risk.band} score={risk.score} />
      </div>
      <p className="muted cab-item-meta">
        {TYPE_LABELS[change.type]} · {formatWindow(change.window)} · {change.implementer || 'no implementer'}
        {late && <span className="warning-text"> · window starts before this meeting</span>}
      </p>
      <div className="cab-item-body">
        <div>
          <h4>Impact (snapshot)</h4>
          {snapshot ? (
            <>
              <p className="change-impact-counts">
                <span className="impact-badge level-down">{snapshot.byLevel.down} down</span>
                <span className="impact-badge level-degraded">{snapshot.byLevel.degraded} degraded</span>
                <span className="impact-badge level-at_risk">{snapshot.byLevel.at_risk} at risk</span>
              </p>
              <p className="cab-services">
                {snapshot.services.length === 0
                  ? 'No service impacted.'
                  : `${snapshot.services.length} services: ${snapshot.services
                      .slice(0, 4)
                      .map((s) => `${s.name} (${s.level.replace('_', ' ')})`)
                      .join(', ')}${snapshot.services.length > 4 ? '…' : ''}`}
              </p>
            </>
          ) : (
            <p className="muted">No snapshot.</p>
          )}
        </div>
        <div>
          <h4>Conflicts {item.conflictCount > 0 && <span className="count-badge">{item.conflictCount}</span>}</h4>
          {item.conflictCount === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="cab-conflicts">
              {(details?.conflicts ?? []).map((c, i) => (
                <li key={i} data-testid={`cab-conflict-${c.kind}`}>
                  <strong>{CONFLICT_LABELS[c.kind]}:</strong> {c.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h4>Votes</h4>
          <p className="cab-tally" data-testid="cab-tally">
            <span title={tally.approve.join(', ')}>✔ {tally.approve.length} approve</span> · <span title={tally.reject.join(', ')}>✖ {tally.reject.length} reject</span> ·{' '}
            <span title={tally.abstain.join(', ')}>{tally.abstain.length} abstain</span>
          </p>
          {[...tally.approve.map((m) => `${m}: approve`), ...tally.reject.map((m) => `${m}: reject`), ...tally.abstain.map((m) => `${m}: abstain`)].map((line) => (
            <div key={line} className="muted cab-voter">
              {line}
            </div>
          ))}
        </div>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="row cab-actions" style={{ gap: 6, flexWrap: 'wrap' }}>
        <span className="muted">Vote{member.trim() ? ` for ${member.trim()}` : ''}:</span>
        <button type="button" className="btn btn-small" data-testid="vote-approve" onClick={() => void vote('approve')}>
          Approve
        </button>
        <button type="button" className="btn btn-small" data-testid="vote-reject" onClick={() => void vote('reject')}>
          Reject
        </button>
        <button type="button" className="btn btn-small" data-testid="vote-abstain" onClick={() => void vote('abstain')}>
          Abstain
        </button>
        <span className="spacer" />
        <span className="muted">Decision:</span>
        <button type="button" className="btn btn-small btn-primary" data-testid="cab-approve" onClick={() => decide('approved')}>
          Approve change
        </button>
        <button type="button" className="btn btn-small btn-danger-soft" data-testid="cab-reject" onClick={() => decide('rejected')}>
          Reject
        </button>
        <button type="button" className="btn btn-small" data-testid="cab-send-back" onClick={() => decide('draft')}>
          Send back
        </button>
      </div>
    </li>
  );
}
