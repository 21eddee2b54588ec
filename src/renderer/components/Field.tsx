// A labelled form field with its validation message underneath.
import { useId, type ReactElement, cloneElement } from 'react';

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  wide?: boolean;
  name: string;
  children: ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;
}

export function Field({ label, error, hint, wide = false, name, children }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const control = cloneElement(children, {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
  });
  return (
    <div className={`field${wide ? ' wide' : ''}`} data-field={name}>
      <label htmlFor={id}>{label}</label>
      {control}
      {hint && !error && <span className="hint">{hint}</span>}
      {error && (
        <span className="field-error" id={errorId} role="alert" data-testid={`field-error-${name}`}>
          {error}
        </span>
      )}
    </div>
  );
}
