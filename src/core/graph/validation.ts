// Turns unknown input into model values, or a CmdbError naming the first field at fault.
import type { ZodType } from '../../shared/model';
import { CmdbError } from './errors';

export function parseOrThrow<T>(schema: ZodType<T>, value: unknown, fieldPrefix = ''): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [fieldPrefix, ...issue.path.map(String)].filter(Boolean).join('.');
  throw new CmdbError('invalid_input', path ? `${path}: ${issue.message}` : issue.message, path || null);
}
