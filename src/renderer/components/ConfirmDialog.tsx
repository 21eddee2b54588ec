// A yes/no dialog for destructive actions; shows the server's message if the action fails.
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api/api-error';
import { useViewStore } from '../state/view-store';
import { Modal } from './Modal';

interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  children: ReactNode;
  testId: string;
  onConfirm(): Promise<void>;
}

export function ConfirmDialog({ title, confirmLabel, children, testId, onConfirm }: ConfirmDialogProps) {
  const close = useViewStore((s) => s.closeDialog);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      close();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={title}
      onClose={close}
      testId={testId}
      footer={
        <>
          <button type="button" className="btn" data-autofocus onClick={close}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" disabled={busy} data-testid="confirm" onClick={() => void confirm()}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
      {children}
    </Modal>
  );
}
