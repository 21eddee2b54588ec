// A change's conflicts, each with its reason and a link to the other change.
import type { Conflict } from '../../shared/risk';
import { CONFLICT_LABELS } from './change-labels';

export function ConflictList({ conflicts, onOpenChange }: { conflicts: readonly Conflict[]; onOpenChange(id: string): void }) {
  return (
    <section className="detail-section" aria-labelledby="conflicts-head" data-testid="conflicts">
      <h3 id="conflicts-head">Conflicts {conflicts.length > 0 && <span className="count-badge">{conflicts.length}</span>}</h3>
      {conflicts.length === 0 ? (
        <p className="muted">No conflict with another change or window.</p>
      ) : (
        <ul className="conflict-list">
          {conflicts.map((conflict, i) => (
            <li key={`${conflict.kind}-${conflict.otherChangeId ?? conflict.windowId ?? i}-${i}`} className={`conflict conflict-${conflict.severity}`} data-testid={`conflict-${conflict.kind}`}>
              <span className="conflict-kind">{CONFLICT_LABELS[conflict.kind]}{conflict.severity === 'flag' ? ' (flagged, allowed)' : ''}</span>
              <span className="conflict-reason">{conflict.reason}</span>
              {conflict.otherChangeId && (
                <button type="button" className="link" onClick={() => onOpenChange(conflict.otherChangeId as string)}>
                  Open {conflict.otherChangeNumber ?? 'the other change'}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
