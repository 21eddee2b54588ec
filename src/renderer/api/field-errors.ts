// Maps an ApiError to messages per form field: issues carry dotted paths such as `ci.name`,
// `patch.redundancy.minHealthy` or `relationship.target`; a form knows its own field names.
import { ApiError, errorMessage } from './api-error';

export interface FormErrors {
  /** Field name → message, for messages shown under an input. */
  fields: Record<string, string>;
  /** What could not be placed next to a field. */
  general: string | null;
}

const WRAPPERS = new Set(['ci', 'patch', 'relationship', 'input', 'change', 'incident', 'problem']);

/** `ci.redundancy.minHealthy` → `redundancy`, `ci.tags.2` → `tags`, `name` → `name`. */
export function fieldOfPath(path: string, wrappers: ReadonlySet<string> = WRAPPERS): string {
  const parts = path.split('.').filter(Boolean);
  while (parts.length > 1 && wrappers.has(parts[0])) parts.shift();
  return parts[0] ?? '';
}

function stripFieldPrefix(message: string, field: string): string {
  const prefix = new RegExp(`^[\\w.]*\\b${field}(\\.[\\w.]+)?:\\s*`);
  return message.replace(prefix, '');
}

/**
 * `extraWrappers`: the input's own wrapper where its name is also a field elsewhere (`window`
 * wraps the window form's fields, and is a change's field).
 */
export function formErrors(error: unknown, knownFields: readonly string[], extraWrappers: readonly string[] = []): FormErrors {
  const wrappers = extraWrappers.length ? new Set([...WRAPPERS, ...extraWrappers]) : WRAPPERS;
  const fields: Record<string, string> = {};
  if (!(error instanceof ApiError)) return { fields, general: errorMessage(error) };
  for (const issue of error.issues) {
    const field = fieldOfPath(issue.path, wrappers);
    if (knownFields.includes(field) && !fields[field]) fields[field] = stripFieldPrefix(issue.message, field);
  }
  if (Object.keys(fields).length === 0) {
    // Core errors name their field at the start of the message: "target: a CI cannot be related to itself".
    const match = /^([\w.]+):\s*(.+)$/s.exec(error.message);
    if (match) {
      const field = fieldOfPath(match[1], wrappers);
      if (knownFields.includes(field)) fields[field] = match[2];
    }
  }
  const placed = Object.keys(fields).length > 0;
  return { fields, general: placed ? null : error.message };
}
