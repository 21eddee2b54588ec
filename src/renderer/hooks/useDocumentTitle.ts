// The window title names the open file.
import { useEffect } from 'react';
import { useDataStore } from '../state/data-store';

export function useDocumentTitle(): void {
  const title = useDataStore((s) => s.info?.title ?? null);
  useEffect(() => {
    document.title = title ? `${title} — Faultline` : 'Faultline';
  }, [title]);
}
