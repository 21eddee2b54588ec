// Errors the core raises: a machine-readable code, the field at fault, and a message for people.
export type CmdbErrorCode = 'invalid_input' | 'not_found' | 'conflict';

export class CmdbError extends Error {
  readonly code: CmdbErrorCode;
  /** Dotted path of the offending field (e.g. `class`, `relationship.target`), when there is one. */
  readonly field: string | null;

  constructor(code: CmdbErrorCode, message: string, field: string | null = null) {
    super(message);
    this.name = 'CmdbError';
    this.code = code;
    this.field = field;
  }
}
