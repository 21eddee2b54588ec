// Debounced ci.search for a query string; keeps the newest answer only.
import { useEffect, useState } from 'react';
import type { SearchHit } from '../../shared/operations';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';

export interface SearchState {
  hits: SearchHit[];
  loading: boolean;
  error: string | null;
}

export function useCiSearch(query: string, limit = 20, delayMs = 120): SearchState {
  const [state, setState] = useState<SearchState>({ hits: [], loading: false, error: null });
  useEffect(() => {
    const text = query.trim();
    if (!text) {
      setState({ hits: [], loading: false, error: null });
      return;
    }
    let cancelled = false;
    setState((s) => ({ ...s, loading: true }));
    const timer = window.setTimeout(() => {
      api
        .call('ci.search', { query: text, limit })
        .then((hits) => {
          if (!cancelled) setState({ hits, loading: false, error: null });
        })
        .catch((error: unknown) => {
          if (!cancelled) setState({ hits: [], loading: false, error: errorMessage(error) });
        });
    }, delayMs);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [query, limit, delayMs]);
  return state;
}
