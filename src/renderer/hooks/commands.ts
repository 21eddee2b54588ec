// Commands shared by keyboard shortcuts and the toolbar (and, for undo/redo/search/fit, the Electron menu).
import { documentCommand, undo, redo } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { useDataStore } from '../state/data-store';
import { errorMessage } from '../api/api-error';

export function runCommand(command: string): void {
  const view = useViewStore.getState();
  if (command === 'undo') void undo();
  else if (command === 'redo') void redo();
  else if (command === 'search') view.openDialog({ kind: 'search' });
  else if (command === 'fit') view.requestFit();
  else if (command === 'doc.new' || command === 'doc.open' || command === 'doc.saveCopy') {
    view.openDialog({ kind: 'doc-path', command });
  } else if (command.startsWith('doc.openRecent:')) {
    const path = command.slice('doc.openRecent:'.length);
    documentCommand('doc.open', path).catch((error: unknown) =>
      useDataStore.getState().setError(`Could not open ${path}: ${errorMessage(error)}`),
    );
  }
}
