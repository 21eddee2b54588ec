// The data entries of the File menu (Import…, Export…, Snapshots and history…) and the commands
// they run, which Electron's native File menu sends too.
import { useDataUi } from './data-ui-store';
import { openImport } from './import-flow';

type DataCommand = 'data.import' | 'data.export' | 'data.snapshots';

/** Runs a data command; false when `command` is not one. */
export function runDataCommand(command: string): boolean {
  if (command === 'data.import') openImport();
  else if (command === 'data.export') useDataUi.getState().openDialog('export');
  else if (command === 'data.snapshots') useDataUi.getState().openDialog('snapshots');
  else return false;
  return true;
}

const ITEMS: { command: DataCommand; label: string; testId: string }[] = [
  { command: 'data.import', label: 'Import…', testId: 'data-import' },
  { command: 'data.export', label: 'Export…', testId: 'data-export' },
  { command: 'data.snapshots', label: 'Snapshots and history…', testId: 'data-snapshots' },
];

export function DataMenuItems({ onChoose }: { onChoose(): void }) {
  return (
    <>
      {ITEMS.map(({ command, label, testId }) => (
        <button
          key={command}
          type="button"
          role="menuitem"
          className="menu-item"
          data-testid={testId}
          onClick={() => {
            onChoose();
            runDataCommand(command);
          }}
        >
          {label}
        </button>
      ))}
    </>
  );
}
