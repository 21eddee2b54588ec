// Keyboard shortcuts: Ctrl/Cmd+K search, Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z and Ctrl+Y redo, F fit,
// Alt+1…5 the screens (Explore, Incidents, Changes, CAB, Schedule; Ctrl+digit is the browser's tab switch).
// Undo, redo and fit leave text fields alone; nothing fires while a dialog is open except search toggling.
import { useEffect } from 'react';
import { useWorkspaceStore } from '../state/workspace-store';
import { WORKSPACE_KEYS } from '../components/WorkspaceTabs';
import { useViewStore } from '../state/view-store';
import { runCommand } from './commands';
import { isTypingTarget } from './typing-target';

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const dialogOpen = useViewStore.getState().dialog !== null;
      if (mod && key === 'k') {
        event.preventDefault();
        if (!dialogOpen) runCommand('search');
        return;
      }
      if (dialogOpen || isTypingTarget(event.target)) return;
      if (event.altKey && !mod && WORKSPACE_KEYS[event.key]) {
        event.preventDefault();
        useWorkspaceStore.getState().setWorkspace(WORKSPACE_KEYS[event.key]);
      } else if (mod && key === 'z') {
        event.preventDefault();
        runCommand(event.shiftKey ? 'redo' : 'undo');
      } else if (mod && key === 'y') {
        event.preventDefault();
        runCommand('redo');
      } else if (!mod && !event.altKey && key === 'f') {
        event.preventDefault();
        runCommand('fit');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
