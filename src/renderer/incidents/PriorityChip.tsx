// An incident's priority (P1 … P5) and an SLA clock, as chips.
import type { SlaClock } from '../../shared/incidents';
import { slaText } from './incident-list-model';

export function PriorityChip({ priority }: { priority: number }) {
  return (
    <span className={`priority-chip priority-${priority}`} data-testid="priority-chip" title={`Priority ${priority} (1 is the most urgent)`}>
      P{priority}
    </span>
  );
}

export function SlaChip({ clock, label, short = false }: { clock: SlaClock; label?: string; short?: boolean }) {
  return (
    <span className={`sla-chip sla-${clock.state}`} data-testid="sla-chip" title={`${slaText(clock)}; due ${new Date(clock.dueAt).toLocaleString()}`}>
      {label ? `${label}: ` : ''}
      {slaText(clock, short)}
    </span>
  );
}
