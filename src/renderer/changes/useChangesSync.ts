// Keeps the changes list and the chosen change in step with the document: refetched whenever the
// document's revision moves (an edit here, an undo, an import) or another document is opened.
import { useEffect } from 'react';
import { useDataStore } from '../state/data-store';
import { useChangesStore } from './changes-store';

export function useChangesSync(): void {
  const revision = useDataStore((s) => s.info?.revision);
  const path = useDataStore((s) => s.info?.path);
  const refresh = useChangesStore((s) => s.refresh);
  useEffect(() => {
    if (revision !== undefined) void refresh();
  }, [revision, path, refresh]);
}
