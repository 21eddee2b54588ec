// A dialog holding one form: the title, the form's general error on top, Cancel and the submit
// button in the footer (Enter submits), anything else the form needs beside them on the left.
import type { FormEvent, ReactNode } from 'react';
import { Modal } from './Modal';

interface FormModalProps {
  title: string;
  testId: string;
  formId: string;
  submitLabel: string;
  submitTestId: string;
  busy: boolean;
  error: string | null;
  onClose(): void;
  onSubmit(event: FormEvent): void;
  /** Footer buttons before Cancel ("Restore defaults"). */
  extraFooter?: ReactNode;
  /** The form's own class (a grid, a stack). */
  formClassName?: string;
  children: ReactNode;
}

export function FormModal({ title, testId, formId, submitLabel, submitTestId, busy, error, onClose, onSubmit, extraFooter, formClassName = 'form-grid', children }: FormModalProps) {
  return (
    <Modal
      title={title}
      onClose={onClose}
      testId={testId}
      className="modal-wide"
      footer={
        <>
          {extraFooter}
          {extraFooter && <span className="spacer" />}
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={busy} data-testid={submitTestId}>
            {submitLabel}
          </button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={onSubmit} className={formClassName}>
        {error && (
          <div className="form-error wide" role="alert" data-testid="form-error">
            {error}
          </div>
        )}
        {children}
      </form>
    </Modal>
  );
}
