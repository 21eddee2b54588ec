// A settings form over one journaled setting (risk weights, incident settings): the value loaded
// from the core, edited locally, saved (or reset to the defaults with null) as one undoable edit.
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/api-error';

export interface SettingForm<T> {
  value: T | null;
  setValue(value: T): void;
  isDefault: boolean;
  error: string | null;
  busy: boolean;
  /** Saves `value` (null: back to the defaults); resolves true once saved. */
  save(value: T | null): Promise<boolean>;
}

export function useSettingForm<T>(load: () => Promise<{ value: T; isDefault: boolean }>, store: (value: T | null) => Promise<unknown>): SettingForm<T> {
  const [value, setValue] = useState<T | null>(null);
  const [isDefault, setIsDefault] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    load().then(
      (answer) => {
        setValue(answer.value);
        setIsDefault(answer.isDefault);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
    // Loaded once when the form opens.
  }, []);
  const save = async (next: T | null) => {
    setBusy(true);
    setError(null);
    try {
      await store(next);
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { value, setValue, isDefault, error, busy, save };
}
