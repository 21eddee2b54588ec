// The graph's switch for incident badges: rings on the CIs with open incidents, by priority.
import { useIncidentsStore } from './incidents-store';

export function IncidentBadgeToggle() {
  const on = useIncidentsStore((s) => s.badgesOn);
  const toggle = useIncidentsStore((s) => s.toggleBadges);
  const open = useIncidentsStore((s) => s.items?.filter((i) => i.incident.status !== 'resolved' && i.incident.status !== 'closed').length ?? 0);
  const label = `${on ? 'Hide' : 'Show'} open incidents on the graph (${open} open; ring red P1, orange P2, amber P3–P5)`;
  return (
    <button type="button" className="btn incident-toggle" aria-pressed={on} title={label} aria-label={label} data-testid="incident-badges" onClick={toggle}>
      <span aria-hidden="true">⚠</span>
      {open > 0 && <span className="incident-toggle-count">{open}</span>}
    </button>
  );
}
