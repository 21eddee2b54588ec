// The "File" menu of browser mode: New CMDB…, Open…, Save a copy as…, Open recent.
import { useEffect, useRef, useState } from 'react';
import { runCommand } from '../hooks/commands';
import { NONE, useDataStore } from '../state/data-store';
import { DataMenuItems } from '../data/DataMenuItems';

export function DocumentMenu() {
  const [open, setOpen] = useState(false);
  const recent = useDataStore((s) => s.info?.recent ?? NONE);
  const current = useDataStore((s) => s.info?.path ?? null);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const choose = (command: string) => {
    setOpen(false);
    runCommand(command);
  };
  const others = recent.filter((path) => path !== current);

  return (
    <div className="menu-anchor" ref={ref} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button type="button" className="btn" aria-haspopup="menu" aria-expanded={open} data-testid="doc-menu" onClick={() => setOpen(!open)}>
        File ▾
      </button>
      {open && (
        <div className="menu" role="menu">
          <button type="button" role="menuitem" className="menu-item" data-testid="doc-new" onClick={() => choose('doc.new')}>
            New CMDB…
          </button>
          <button type="button" role="menuitem" className="menu-item" data-testid="doc-open" onClick={() => choose('doc.open')}>
            Open…
          </button>
          <button type="button" role="menuitem" className="menu-item" data-testid="doc-save-copy" onClick={() => choose('doc.saveCopy')}>
            Save a copy as…
          </button>
          <div className="menu-sep" />
          <DataMenuItems onChoose={() => setOpen(false)} />
          <div className="menu-sep" />
          <div className="menu-label">Open recent</div>
          {others.length === 0 && <div className="menu-item faint">No other recent files</div>}
          {others.map((path) => (
            <button
              key={path}
              type="button"
              role="menuitem"
              className="menu-item"
              title={path}
              onClick={() => choose(`doc.openRecent:${path}`)}
            >
              <span className="menu-path">{path}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
