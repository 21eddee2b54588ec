// When the server itself chose a neighbourhood (CMDB over the view cap), select its centre CI
// so the inspector shows where the view starts.
import { useEffect } from 'react';
import { useDataStore } from '../state/data-store';
import { useViewStore } from '../state/view-store';

export function useAutoFocus(): void {
  const focusCiId = useDataStore((s) => (s.viewRequestedFocus ? null : (s.view?.focusCiId ?? null)));
  useEffect(() => {
    if (!focusCiId) return;
    const view = useViewStore.getState();
    if (view.selection.length === 0) view.setSelection([focusCiId]);
  }, [focusCiId]);
}
