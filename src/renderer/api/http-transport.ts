// Browser mode's transport: `POST /api/<operation>` with the JSON input and the session token.
// An import file's content does not go inside the JSON (capped at 10 MiB): it is streamed to
// `POST /upload` first and the JSON names the upload (src/shared/http-upload.ts). The upload of
// the content sent last is reused by the next call with the same content (a re-preview); its
// text is held until another file is sent or the import is applied.
import {
  isUploadedOperation,
  UPLOAD_CONTENT_TYPE,
  UPLOAD_PATH,
  UPLOADED_FIELDS,
  uploadKey,
  UploadReplySchema,
} from '../../shared/http-upload';
import type { ApiResult } from '../../shared/operations';
import { ApiError } from './api-error';

export type Transport = (name: string, input: unknown) => Promise<ApiResult>;

function isApiResult(value: unknown): value is ApiResult {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

async function readResult(response: Response): Promise<ApiResult> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (isApiResult(body)) return body;
  const reason =
    response.status === 401
      ? 'The server refused the session token. Open the URL the server printed (with its token) again.'
      : `The server answered ${response.status} ${response.statusText}`;
  throw new ApiError('http_error', reason);
}

/** `origin`: the server's, e.g. `http://127.0.0.1:5123` (the page's own in the app). */
export function httpTransport(token: string | null, origin: string): Transport {
  const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  let lastUpload: { text: string; uploadId: string } | null = null;

  const post = async (name: string, input: unknown): Promise<ApiResult> =>
    readResult(
      await fetch(new URL(`/api/${encodeURIComponent(name)}`, origin), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...auth },
        body: JSON.stringify(input ?? {}),
      }),
    );

  /** Streams `text` to the server; the upload id, or the server's refusal (e.g. a file over the import limit). */
  const upload = async (text: string): Promise<{ uploadId: string } | ApiResult> => {
    if (lastUpload !== null && lastUpload.text === text) return { uploadId: lastUpload.uploadId };
    const result = await readResult(
      await fetch(new URL(UPLOAD_PATH, origin), { method: 'POST', headers: { 'Content-Type': UPLOAD_CONTENT_TYPE, ...auth }, body: new Blob([text]) }),
    );
    if (!result.ok) return result;
    const reply = UploadReplySchema.safeParse(result.value);
    if (!reply.success) throw new ApiError('http_error', 'The server answered the upload with something other than an upload id');
    lastUpload = { text, uploadId: reply.data.uploadId };
    return { uploadId: reply.data.uploadId };
  };

  return async (name, input) => {
    // Applying ends the import: let go of its text.
    if (name === 'import.apply') lastUpload = null;
    if (!isUploadedOperation(name) || typeof input !== 'object' || input === null) return post(name, input);
    const field = UPLOADED_FIELDS[name];
    const { [field]: text, ...rest } = input as Record<string, unknown>;
    if (typeof text !== 'string') return post(name, input);
    const key = uploadKey(field);
    for (let attempt = 0; ; attempt++) {
      const uploaded = await upload(text);
      if (!('uploadId' in uploaded)) return uploaded;
      const result = await post(name, { ...rest, [key]: uploaded.uploadId });
      // The server keeps the last few uploads only: when this one has gone, send the file once more.
      const gone = !result.ok && result.error.code === 'not_found' && (result.error.issues ?? []).some((issue) => issue.path === key);
      if (!gone || attempt > 0) return result;
      lastUpload = null;
    }
  };
}
