// "CAB packet": the change's packet downloaded as self-contained HTML, PDF or Markdown. The PDF is
// printed by the app's Chromium; where there is none the core says so and nothing is saved.
import { useEffect, useRef, useState } from 'react';
import type { Change } from '../../shared/changes';
import type { ChangeReportFormat } from '../../shared/operations';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { downloadFiles } from '../data/download';

const FORMATS: { format: Exclude<ChangeReportFormat, 'svg'>; label: string }[] = [
  { format: 'html', label: 'HTML (opens offline in any browser)' },
  { format: 'pdf', label: 'PDF (to print or mail)' },
  { format: 'md', label: 'Markdown (to paste in a ticket)' },
];

export function PacketButton({ change }: { change: Change }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<ChangeReportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const anchor = useRef<HTMLSpanElement>(null);
  // A click anywhere else closes the menu.
  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!anchor.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const save = async (format: ChangeReportFormat) => {
    setOpen(false);
    setBusy(format);
    setError(null);
    try {
      const { files } = await api.call('change.report', { id: change.id, format });
      await downloadFiles(files);
    } catch (e) {
      setError(`Could not write the ${format.toUpperCase()} packet: ${errorMessage(e)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <span className="menu-anchor" ref={anchor}>
      <button type="button" className="btn btn-small" data-testid="packet-button" aria-haspopup="menu" aria-expanded={open} disabled={busy !== null} onClick={() => setOpen(!open)}>
        {busy ? `Writing the ${busy.toUpperCase()}…` : 'CAB packet ▾'}
      </button>
      {open && (
        <div className="menu packet-menu" role="menu" onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}>
          {FORMATS.map(({ format, label }) => (
            <button key={format} type="button" role="menuitem" className="menu-item" data-testid={`packet-${format}`} onClick={() => void save(format)}>
              {label}
            </button>
          ))}
        </div>
      )}
      {error && (
        <span className="form-error packet-error" role="alert" data-testid="packet-error">
          {error}
        </span>
      )}
    </span>
  );
}
