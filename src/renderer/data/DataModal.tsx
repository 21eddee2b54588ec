// The data dialogs' frame: the shared Modal, with keys kept inside so the window's shortcuts
// (undo, fit, search) do not act behind an open data dialog.
import type { ReactNode } from 'react';
import { Modal } from '../components/Modal';

interface DataModalProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  testId: string;
  wide?: boolean;
}

export function DataModal({ title, onClose, children, footer, testId, wide = false }: DataModalProps) {
  return (
    <div onKeyDown={(event) => event.stopPropagation()}>
      <Modal title={title} onClose={onClose} footer={footer} testId={testId} className={wide ? 'data-modal data-modal-wide' : 'data-modal'}>
        {children}
      </Modal>
    </div>
  );
}
