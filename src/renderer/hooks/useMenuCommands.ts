// In Electron, the native menu sends commands through the preload bridge. Its doc.* commands
// arrive after the main process has already run the document operation (native dialog), so
// the renderer only refetches; undo, redo, search and fit are run here.
import { useEffect } from 'react';
import { errorMessage } from '../api/api-error';
import { useDataStore } from '../state/data-store';
import { reloadDocument } from '../state/sync';
import { runCommand } from './commands';

export function useMenuCommands(): void {
  useEffect(() => {
    const bridge = window.faultline;
    if (!bridge) return;
    const unsubscribe = bridge.onMenu((command) => {
      if (command.startsWith('doc.')) {
        reloadDocument().catch((error: unknown) => useDataStore.getState().setError(errorMessage(error)));
      } else {
        runCommand(command);
      }
    });
    return () => {
      if (typeof unsubscribe === 'function') unsubscribe();
    };
  }, []);
}
