// The data entries of the File menu (Import…, Export…, Snapshots and history…), and the same
// entries as a small menu of their own where the File menu is native (Electron).
import { useEffect, useRef, useState } from 'react';
import { useDataUi } from './data-ui-store';
import { openImport } from './import-flow';

export function DataMenuItems({ onChoose }: { onChoose(): void }) {
  const choose = (action: () => void) => () => {
    onChoose();
    action();
  };
  return (
    <>
      <button type="button" role="menuitem" className="menu-item" data-testid="data-import" onClick={choose(openImport)}>
        Import…
      </button>
      <button type="button" role="menuitem" className="menu-item" data-testid="data-export" onClick={choose(() => useDataUi.getState().openDialog('export'))}>
        Export…
      </button>
      <button type="button" role="menuitem" className="menu-item" data-testid="data-snapshots" onClick={choose(() => useDataUi.getState().openDialog('snapshots'))}>
        Snapshots and history…
      </button>
    </>
  );
}

export function DataMenu() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="menu-anchor" ref={ref} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button type="button" className="btn" aria-haspopup="menu" aria-expanded={open} data-testid="data-menu" onClick={() => setOpen(!open)}>
        Data ▾
      </button>
      {open && (
        <div className="menu" role="menu">
          <DataMenuItems onChoose={() => setOpen(false)} />
        </div>
      )}
    </div>
  );
}
