// Browser mode's file uploads: the one HTTP shape beside `POST /api/<operation>`.
// A large text field of an operation (an import file's content) does not travel inside the
// JSON body (capped at 10 MiB): the renderer first streams it to `POST /upload` (raw bytes,
// `Content-Type: application/octet-stream`, the same token), gets an upload id back, and sends
// the operation's JSON with `<field>Upload: <id>` in place of the field. The server reads the
// uploaded file into the field before the operation's own schema checks the input.
// Electron (IPC) carries the field itself and never uploads.
import { z } from 'zod';
import { MAX_IMPORT_CHARS } from './operations';

export const UPLOAD_PATH = '/upload';
export const UPLOAD_CONTENT_TYPE = 'application/octet-stream';
/** The largest upload, in bytes: an import file's limit. */
export const MAX_UPLOAD_BYTES = MAX_IMPORT_CHARS;

/** The operations whose named text field goes as an upload over HTTP. */
export const UPLOADED_FIELDS = { 'import.preview': 'content' } as const satisfies Record<string, string>;

export type UploadedOperation = keyof typeof UPLOADED_FIELDS;

/** The JSON key that carries the upload id in place of `field`. */
export function uploadKey(field: string): string {
  return `${field}Upload`;
}

export const UploadIdSchema = z.string().regex(/^up_[0-9a-f]{32}$/, 'must be an upload id from POST /upload');

export const UploadReplySchema = z.object({ uploadId: UploadIdSchema, bytes: z.number().int().min(0) }).strict();
export type UploadReply = z.infer<typeof UploadReplySchema>;

export function isUploadedOperation(name: string): name is UploadedOperation {
  return Object.prototype.hasOwnProperty.call(UPLOADED_FIELDS, name);
}

/** "200 MiB", "1 KiB", "500 bytes". */
export function formatLimit(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
