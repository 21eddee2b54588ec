// What the ServiceNow readers share: a row of a CSV or JSON export, and reading a reference
// field from it.
import { getOwn, isRecord, scalarText } from './normalize';
import type { SourceRef } from './types';

/** A reference field: a sys_id or display value string, or a Table API object. */
export function reference(value: unknown): { value?: string; display?: string } {
  if (isRecord(value)) {
    const v = scalarText(getOwn(value, 'value'));
    const d = scalarText(getOwn(value, 'display_value'));
    return { value: v || undefined, display: d || undefined };
  }
  const text = scalarText(value);
  return text ? { value: text, display: text } : {};
}

export const SYS_ID = /^[0-9a-f]{32}$/i;

/** One record of an export, its columns by their canonical names. */
export interface SnRow {
  ref: SourceRef;
  get(name: string): unknown;
  names(): string[];
}
