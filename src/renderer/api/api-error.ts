// An operation that answered { ok: false }: the server's code, message and field issues.
import type { ApiErrorBody } from '../../shared/operations';

export type ApiIssue = { path: string; message: string };

export class ApiError extends Error {
  readonly code: ApiErrorBody['code'] | 'http_error';
  readonly issues: ApiIssue[];

  constructor(code: ApiError['code'], message: string, issues: ApiIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }
}

/** Turns whatever a call threw into a message for the user. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
