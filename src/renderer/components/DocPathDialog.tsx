// Browser mode has no native file dialog: New, Open and Save a copy ask for a path here.
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-error';
import { useDataStore } from '../state/data-store';
import { documentCommand } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { Modal } from './Modal';

type Command = 'doc.new' | 'doc.open' | 'doc.saveCopy';

const TEXT: Record<Command, { title: string; action: string; hint: string }> = {
  'doc.new': { title: 'New CMDB', action: 'Create', hint: 'Where to create the new, empty CMDB file.' },
  'doc.open': { title: 'Open CMDB', action: 'Open', hint: 'The .faultline file to open.' },
  'doc.saveCopy': { title: 'Save a copy as', action: 'Save copy', hint: 'Where to write a copy of the open CMDB. Faultline keeps editing the current file.' },
};

function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut >= 0 ? path.slice(0, cut + 1) : '';
}

function initialPath(command: Command, current: string | null, title: string | null): string {
  const folder = current ? folderOf(current) : '';
  if (command === 'doc.new') return `${folder}untitled.faultline`;
  if (command === 'doc.saveCopy') return `${folder}${title ?? 'cmdb'} copy.faultline`;
  return folder;
}

export function DocPathDialog({ command }: { command: Command }) {
  const close = useViewStore((s) => s.closeDialog);
  const info = useDataStore((s) => s.info);
  const [path, setPath] = useState(() => initialPath(command, info?.path ?? null, info?.title ?? null));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const text = TEXT[command];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await documentCommand(command, path.trim());
      if (command === 'doc.saveCopy') setDone(`Saved a copy to ${path.trim()}`);
      else close();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={text.title}
      onClose={close}
      testId="doc-path-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={close}>
            {done ? 'Close' : 'Cancel'}
          </button>
          {!done && (
            <button type="submit" form="doc-path-form" className="btn btn-primary" disabled={busy || !path.trim()} data-testid="doc-path-submit">
              {text.action}
            </button>
          )}
        </>
      }
    >
      <form id="doc-path-form" noValidate onSubmit={(event) => void submit(event)} className="field">
        <label htmlFor="doc-path">File path</label>
        <input
          id="doc-path"
          className="input mono"
          data-autofocus
          data-testid="doc-path"
          value={path}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setPath(event.target.value)}
        />
        <span className="hint">{text.hint}</span>
        {error && (
          <span className="field-error" role="alert" data-testid="field-error-path">
            {error}
          </span>
        )}
        {done && (
          <span className="muted" role="status" data-testid="doc-path-done">
            {done}
          </span>
        )}
      </form>
    </Modal>
  );
}
