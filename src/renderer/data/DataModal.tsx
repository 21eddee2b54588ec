// The data dialogs' frame: the shared Modal, with keys kept inside so the window's shortcuts
// (undo, fit, search) do not act behind an open data dialog, and Escape closing it even when
// focus has left it (a button that disabled itself after a click drops focus to the page).
import { useEffect, type ReactNode } from 'react';
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
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && (event.target === document.body || event.target === document.documentElement)) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div onKeyDown={(event) => event.stopPropagation()}>
      <Modal title={title} onClose={onClose} footer={footer} testId={testId} className={wide ? 'data-modal data-modal-wide' : 'data-modal'}>
        {children}
      </Modal>
    </div>
  );
}
