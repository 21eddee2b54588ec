// Runs `refresh` whenever the document's revision moves (an edit here, an undo, an import) or
// another document is opened: how a screen's lists stay in step with the core.
import { useEffect } from 'react';
import { useDataStore } from '../state/data-store';

export function useRevisionRefresh(refresh: () => Promise<void>): void {
  const revision = useDataStore((s) => s.info?.revision);
  const path = useDataStore((s) => s.info?.path);
  useEffect(() => {
    if (revision !== undefined) void refresh();
  }, [revision, path, refresh]);
}
