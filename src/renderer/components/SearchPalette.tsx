// Ctrl+K: find a CI by name, class, tag, owner or attribute value; Enter selects it and brings it on screen.
import { useMemo, useState } from 'react';
import { useDataUi } from '../data/data-ui-store';
import { searchViewNodes } from '../data/view-search';
import type { SearchHit } from '../../shared/operations';
import { useCiSearch } from '../hooks/useCiSearch';
import { focusCi } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { Modal } from './Modal';
import { SearchResults, handleListKey } from './SearchResults';

export function SearchPalette() {
  const close = useViewStore((s) => s.closeDialog);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  // As of a past time, only the CIs of that view can be chosen (a live search finds later ones).
  const asOfNodes = useDataUi((s) => (s.overlay?.mode === 'asOf' ? s.overlay.view.nodes : null));
  const live = useCiSearch(asOfNodes ? '' : query);
  const asOfHits = useMemo(() => (asOfNodes ? searchViewNodes(asOfNodes, query) : null), [asOfNodes, query]);
  const { hits, loading, error } = asOfHits ? { hits: asOfHits, loading: false, error: null } : live;

  const choose = (hit: SearchHit | undefined) => {
    if (!hit) return;
    close();
    focusCi(hit.ci.id);
  };

  return (
    <Modal title="Search CIs" onClose={close} className="palette" testId="search-dialog" bare>
      <input
        className="palette-input"
        data-testid="search-input"
        placeholder="Search by name, class, tag, owner or attribute value…"
        value={query}
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls="search-listbox"
        aria-activedescendant={hits.length ? `search-listbox-${active}` : undefined}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => handleListKey(event, hits.length, active, setActive, () => choose(hits[active]))}
      />
      {hits.length > 0 && <SearchResults hits={hits} active={active} listId="search-listbox" onHover={setActive} onChoose={choose} />}
      {!hits.length && query.trim() && !loading && (
        <div className="palette-empty">{error ?? `No CI matches “${query.trim()}”.`}</div>
      )}
      {!query.trim() && (
        <div className="palette-empty faint">
          {asOfNodes ? 'Searching the CMDB as it was (read-only). ' : ''}Type to search. ↑ ↓ to move, Enter to select, Esc to close.
        </div>
      )}
    </Modal>
  );
}
