// Change-simulation shortcuts: Ctrl/Cmd+I or S simulates the selection going down, Esc leaves the
// simulation. Like the Explore shortcuts, they leave text fields and open dialogs alone.
import { useEffect } from 'react';
import { isTypingTarget } from '../hooks/typing-target';
import { useViewStore } from '../state/view-store';
import { simulateSelection, useImpactStore } from './impact-store';

export function useImpactShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (useViewStore.getState().dialog !== null || isTypingTarget(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if ((mod && !event.shiftKey && !event.altKey && key === 'i') || (!mod && !event.altKey && !event.shiftKey && key === 's')) {
        event.preventDefault();
        simulateSelection('down');
      } else if (key === 'escape' && !mod) {
        const impact = useImpactStore.getState();
        if (impact.contextMenu) impact.closeContextMenu();
        else if (impact.active) {
          event.preventDefault();
          impact.exit();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
