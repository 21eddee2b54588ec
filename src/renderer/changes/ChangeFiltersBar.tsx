// The changes list's filters: words, state, type, risk band and planned window, as toggles.
import { CHANGE_STATES, CHANGE_TYPES } from '../../shared/changes';
import { RISK_BANDS } from '../../shared/risk';
import { BAND_LABELS, STATE_LABELS, TYPE_LABELS } from './change-labels';
import { fromLocalInput, NO_FILTERS, toLocalInput, type ChangeFilters } from './change-list-model';

interface ToggleGroupProps<T extends string> {
  label: string;
  values: readonly T[];
  labels: Readonly<Record<T, string>>;
  chosen: readonly T[];
  onChange(chosen: T[]): void;
}

function ToggleGroup<T extends string>({ label, values, labels, chosen, onChange }: ToggleGroupProps<T>) {
  return (
    <div className="toggle-group" role="group" aria-label={label}>
      <span className="toggle-group-label">{label}</span>
      {values.map((value) => {
        const on = chosen.includes(value);
        return (
          <button
            key={value}
            type="button"
            className={`toggle${on ? ' on' : ''}`}
            aria-pressed={on}
            data-testid={`filter-${value}`}
            onClick={() => onChange(on ? chosen.filter((v) => v !== value) : [...chosen, value])}
          >
            {labels[value]}
          </button>
        );
      })}
    </div>
  );
}

export function ChangeFiltersBar({ filters, onChange, shown, total }: { filters: ChangeFilters; onChange(patch: Partial<ChangeFilters>): void; shown: number; total: number }) {
  const active = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  return (
    <div className="change-filters" data-testid="change-filters">
      <div className="row" style={{ gap: 8 }}>
        <input
          className="input"
          type="search"
          placeholder="Filter by number, title or implementer…"
          aria-label="Filter changes by words"
          value={filters.text}
          onChange={(event) => onChange({ text: event.target.value })}
          style={{ flex: 1, minWidth: 0 }}
        />
        <label className="row muted">
          From
          <input className="input" type="datetime-local" aria-label="Window from" value={filters.from ? toLocalInput(filters.from) : ''} onChange={(event) => onChange({ from: fromLocalInput(event.target.value) })} />
        </label>
        <label className="row muted">
          to
          <input className="input" type="datetime-local" aria-label="Window to" value={filters.to ? toLocalInput(filters.to) : ''} onChange={(event) => onChange({ to: fromLocalInput(event.target.value) })} />
        </label>
      </div>
      <ToggleGroup label="State" values={CHANGE_STATES} labels={STATE_LABELS} chosen={filters.states} onChange={(states) => onChange({ states })} />
      <div className="row" style={{ gap: 16, flexWrap: 'wrap' }}>
        <ToggleGroup label="Type" values={CHANGE_TYPES} labels={TYPE_LABELS} chosen={filters.types} onChange={(types) => onChange({ types })} />
        <ToggleGroup label="Risk" values={RISK_BANDS} labels={BAND_LABELS} chosen={filters.bands} onChange={(bands) => onChange({ bands })} />
        <span className="spacer" />
        <span className="muted" data-testid="changes-count">
          {shown === total ? `${total} changes` : `${shown} of ${total} changes`}
        </span>
        {active && (
          <button type="button" className="btn btn-small" onClick={() => onChange(NO_FILTERS)}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
