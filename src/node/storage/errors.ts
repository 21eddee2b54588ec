// Why a document could not be opened, in words a user can act on.

export type StoreOpenErrorKind = 'corrupt' | 'not_a_document' | 'newer_schema' | 'locked' | 'io';

export class StoreOpenError extends Error {
  readonly kind: StoreOpenErrorKind;
  /** The file at fault (the checkpoint, a journal file or the lock file). */
  readonly path: string;
  /** Where a corrupt file was moved, when it was. */
  readonly movedTo?: string;

  constructor(kind: StoreOpenErrorKind, path: string, message: string, options: { movedTo?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreOpenError';
    this.kind = kind;
    this.path = path;
    if (options.movedTo !== undefined) this.movedTo = options.movedTo;
  }
}

/** A checkpoint or journal that fails to parse or validate; the store moves the file aside and raises StoreOpenError 'corrupt'. */
export class CorruptFileError extends Error {
  readonly path: string;

  constructor(path: string, message: string) {
    super(message);
    this.name = 'CorruptFileError';
    this.path = path;
  }
}

export function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}
