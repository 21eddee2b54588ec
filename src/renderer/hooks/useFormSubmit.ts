// A form's submit: busy while the core works, and the core's refusal placed under the fields it
// names (or on top of the form), as every edit form of the app shows it.
import { useState } from 'react';
import { formErrors, type FormErrors } from '../api/field-errors';

const NO_ERRORS: FormErrors = { fields: {}, general: null };

export function useFormSubmit(fields: readonly string[], extraWrappers: readonly string[] = []) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  /** Runs `work`; a thrown error becomes the form's errors. */
  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      setErrors(formErrors(error, fields, extraWrappers));
    } finally {
      setBusy(false);
    }
  };
  return { errors, setErrors, busy, run };
}
