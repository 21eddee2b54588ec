// Everything data in and out adds to the window: its dialogs, the drop target for files, the
// diff panel, and Electron menu commands (data.import, data.export, data.snapshots).
import { useEffect } from 'react';
import { useDataUi } from './data-ui-store';
import { DiffPanel } from './DiffPanel';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import { importFile } from './import-flow';
import { runDataCommand } from './DataMenuItems';
import { watchOverlay } from './overlay';
import { SnapshotsDialog } from './SnapshotsDialog';
import './data.css';

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/** Drag a file onto the window to import it. */
function useFileDrop(): void {
  useEffect(() => {
    let depth = 0;
    const { setDropping } = useDataUi.getState();
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth++;
      setDropping(true);
    };
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDropping(false);
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDropping(false);
      const file = event.dataTransfer?.files[0];
      const busy = ['reading', 'previewing', 'applying'].includes(useDataUi.getState().import.phase);
      if (file && !busy) void importFile(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
}

function useDataMenuCommands(): void {
  useEffect(() => {
    const bridge = window.faultline;
    if (!bridge) return;
    const unsubscribe = bridge.onMenu((command) => {
      runDataCommand(command);
    });
    return () => {
      if (typeof unsubscribe === 'function') unsubscribe();
    };
  }, []);
}

export function DataLayer() {
  useFileDrop();
  useDataMenuCommands();
  useEffect(() => watchOverlay(), []);
  const dialog = useDataUi((s) => s.dialog);
  const dropping = useDataUi((s) => s.dropping);
  const overlay = useDataUi((s) => s.overlay);
  return (
    <>
      {overlay?.mode === 'diff' && <DiffPanel result={overlay.result} />}
      {dialog === 'import' && <ImportDialog />}
      {dialog === 'export' && <ExportDialog />}
      {dialog === 'snapshots' && <SnapshotsDialog />}
      {dropping && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <div className="drop-overlay-box">Drop the file to preview its import</div>
        </div>
      )}
    </>
  );
}
