// Pick a CI by searching for it (the relationship form's other end).
import { useState } from 'react';
import type { SearchHit } from '../../shared/operations';
import { classLabel } from '../graph/class-style';
import { useCiSearch } from '../hooks/useCiSearch';
import { ClassIcon } from './ClassIcon';
import { SearchResults, handleListKey } from './SearchResults';

interface CiPickerProps {
  value: SearchHit['ci'] | null;
  onChange(ci: SearchHit['ci'] | null): void;
  excludeId?: string;
  placeholder?: string;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

export function CiPicker({ value, onChange, excludeId, placeholder = 'Search for the other CI…', id, ...aria }: CiPickerProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const { hits } = useCiSearch(query, 12);
  const shown = hits.filter((hit) => hit.ci.id !== excludeId);

  if (value) {
    return (
      <div className="picker-selected" data-testid="picker-selected">
        <ClassIcon ciClass={value.class} />
        <span style={{ flex: 1 }}>
          <strong>{value.name}</strong> <span className="muted">{classLabel(value.class)}</span>
        </span>
        <button type="button" className="btn btn-small" onClick={() => onChange(null)}>
          Change
        </button>
      </div>
    );
  }
  return (
    <div className="stack" style={{ gap: 4 }}>
      <input
        id={id}
        {...aria}
        className="input"
        data-testid="picker-input"
        placeholder={placeholder}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => handleListKey(event, shown.length, active, setActive, () => onChange(shown[active].ci))}
      />
      {shown.length > 0 && (
        <SearchResults
          hits={shown}
          active={active}
          listId="picker-listbox"
          className="picker-results"
          onHover={setActive}
          onChoose={(hit) => onChange(hit.ci)}
        />
      )}
    </div>
  );
}
