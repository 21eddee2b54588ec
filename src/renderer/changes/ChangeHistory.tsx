// The change's life: every transition, vote and comment with who and when, newest first.
import type { ChangeEvent } from '../../shared/changes';
import { STATE_LABELS } from './change-labels';

const when = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

function describe(event: ChangeEvent): string {
  if (event.kind === 'vote') return `voted ${event.vote}`;
  if (event.kind === 'transition' && event.from && event.to) return `${STATE_LABELS[event.from]} → ${STATE_LABELS[event.to]}`;
  return 'commented';
}

export function ChangeHistory({ events }: { events: readonly ChangeEvent[] }) {
  return (
    <section className="detail-section" aria-labelledby="history-head" data-testid="change-history">
      <h3 id="history-head">History</h3>
      <ol className="history-list">
        {[...events].reverse().map((event, i) => (
          <li key={`${event.at}-${i}`} className={`history-${event.kind}`}>
            <span className="history-when muted">{when.format(new Date(event.at))}</span>
            <span>
              <strong>{event.actor || 'someone'}</strong> {describe(event)}
              {event.text && <span className="history-text"> — {event.text}</span>}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
