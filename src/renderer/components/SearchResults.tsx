// A keyboard-navigable list of search hits (used by the palette and the relationship target picker).
import type { SearchHit } from '../../shared/operations';
import { classLabel } from '../graph/class-style';
import { ClassIcon } from './ClassIcon';

interface SearchResultsProps {
  hits: SearchHit[];
  active: number;
  listId: string;
  onHover(index: number): void;
  onChoose(hit: SearchHit): void;
  className?: string;
}

export function SearchResults({ hits, active, listId, onHover, onChoose, className }: SearchResultsProps) {
  return (
    <ul className={`result-list ${className ?? ''}`} role="listbox" id={listId} data-testid="search-results">
      {hits.map((hit, index) => (
        <li
          key={hit.ci.id}
          id={`${listId}-${index}`}
          role="option"
          aria-selected={index === active}
          className="result"
          data-testid="search-result"
          data-ci-id={hit.ci.id}
          onMouseMove={() => onHover(index)}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onChoose(hit)}
        >
          <ClassIcon ciClass={hit.ci.class} />
          <div className="result-main">
            <div className="result-name">{hit.ci.name}</div>
            <div className="result-meta">
              {classLabel(hit.ci.class)} · {hit.ci.environment || 'no environment'}
              {hit.ci.owner ? ` · ${hit.ci.owner}` : ''}
            </div>
          </div>
          {hit.field !== 'name' && (
            <span className="result-match">
              {hit.field}: {hit.match}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Arrow keys move, Enter chooses; returns true when the key was handled. */
export function handleListKey(
  event: { key: string; preventDefault(): void },
  count: number,
  active: number,
  setActive: (index: number) => void,
  choose: () => void,
): boolean {
  if (event.key === 'ArrowDown') {
    event.preventDefault();
    if (count) setActive((active + 1) % count);
    return true;
  }
  if (event.key === 'ArrowUp') {
    event.preventDefault();
    if (count) setActive((active - 1 + count) % count);
    return true;
  }
  if (event.key === 'Enter') {
    event.preventDefault();
    if (count) choose();
    return true;
  }
  return false;
}
