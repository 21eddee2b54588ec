// Runs `refresh` whenever the document's revision moves (an edit here, an undo, an import) or
// another document is opened, while `active`, and once when it becomes active: how a screen's
// lists stay in step with the core without an edit on Explore paying for screens not shown.
import { useEffect } from 'react';
import { useDataStore } from '../state/data-store';

export function useRevisionRefresh(refresh: () => Promise<void>, active = true): void {
  const revision = useDataStore((s) => s.info?.revision);
  const path = useDataStore((s) => s.info?.path);
  useEffect(() => {
    if (active && revision !== undefined) void refresh();
  }, [revision, path, refresh, active]);
}
