// Keeps the cached query results fresh: doc.info on start and every 2 s, and the view, facets
// and inspected CI whenever the revision, the document or the view settings change.
import { useEffect } from 'react';
import { errorMessage } from '../api/api-error';
import { useDataStore } from '../state/data-store';
import { primarySelection, useViewStore } from '../state/view-store';
import { loadDetails, loadFacets, loadInfo, loadView } from '../state/sync';

const POLL_MS = 2000;

export function useDataSync(): void {
  const revision = useDataStore((s) => s.info?.revision ?? null);
  const path = useDataStore((s) => s.info?.path ?? null);
  const filters = useViewStore((s) => s.filters);
  const { enabled, ciId, depth, direction } = useViewStore((s) => s.neighbourhood);
  const primary = useViewStore(primarySelection);

  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const tick = async (first: boolean) => {
      try {
        await loadInfo();
        useDataStore.getState().setFatal(null);
      } catch (error) {
        if (first || !useDataStore.getState().info) useDataStore.getState().setFatal(errorMessage(error));
      }
      if (!stopped) timer = window.setTimeout(() => void tick(false), POLL_MS);
    };
    void tick(true);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, []);

  useEffect(() => {
    if (revision === null) return;
    void loadView();
  }, [revision, path, filters, enabled, ciId, depth, direction]);

  useEffect(() => {
    if (revision === null) return;
    void loadFacets();
  }, [revision, path]);

  useEffect(() => {
    if (revision === null) return;
    void loadDetails();
  }, [revision, path, primary]);
}
