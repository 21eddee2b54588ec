// Browser mode: the API and the production renderer build over HTTP on 127.0.0.1 only.
//   POST /api/<operation>  Authorization: Bearer <token>, JSON body = input → ApiResult JSON
//   POST /upload           Authorization: Bearer <token>, raw file bytes → { uploadId, bytes }
//                          (an import file; see src/shared/http-upload.ts)
//   GET  /…                the files of out/renderer (index.html for /)
// Every request must carry Host 127.0.0.1:<port> or localhost:<port> (403 otherwise);
// API calls and uploads need the per-launch token (401), JSON bodies are capped at 10 MiB and
// uploads at the import limit while they stream (413), an upload from another Origin is refused
// (403), and no CORS header is ever sent, so pages on other origins can neither call nor read anything.
import { tmpdir } from 'node:os';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  formatLimit,
  isUploadedOperation,
  MAX_UPLOAD_BYTES,
  UPLOAD_CONTENT_TYPE,
  UPLOAD_PATH,
  UPLOADED_FIELDS,
  uploadKey,
  type UploadReply,
} from '../../shared/http-upload';
import type { ApiErrorBody, ApiResult } from '../../shared/operations';
import type { FaultlineService } from '../service';
import { isAllowedHost, isAllowedOrigin, isAuthorized, newToken, SECURITY_HEADERS } from './security';
import { serveStatic } from './static-files';
import { openUploadStore, type UploadStore } from './uploads';

export const LOOPBACK_HOST = '127.0.0.1';
export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;

export interface FaultlineServerOptions {
  service: Pick<FaultlineService, 'dispatch'>;
  /** The production renderer build (out/renderer). */
  staticDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Largest accepted JSON request body in bytes; 10 MiB by default. */
  bodyLimit?: number;
  /** Where uploaded files are kept while the server runs: `<data folder>/uploads` (the OS temp folder when absent). */
  uploadDir?: string;
  /** Largest accepted upload in bytes; the import limit (200 MiB) by default. */
  uploadLimit?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface FaultlineServer {
  readonly port: number;
  /** The address the socket is bound to (always 127.0.0.1). */
  readonly address: string;
  readonly token: string;
  /** The page to open: `http://127.0.0.1:<port>/?token=<hex>`. */
  readonly url: string;
  close(): Promise<void>;
}

/** The HTTP status for an ApiResult error. */
export function statusForError(code: ApiErrorBody['code']): number {
  switch (code) {
    case 'invalid_input':
      return 400;
    case 'not_found':
    case 'unknown_operation':
      return 404;
    case 'conflict':
    case 'cancelled':
      return 409;
    default:
      return 500;
  }
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

/**
 * JSON.stringify turns a typed array into an object of numbered keys; results carry typed code
 * columns (impact results' CodeColumn), which go out as plain arrays instead.
 */
export function typedArraysAsLists(_key: string, value: unknown): unknown {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as Uint8Array) : value;
}

function sendJson(res: ServerResponse, status: number, body: ApiResult, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body, typedArraysAsLists);
  res.writeHead(status, { ...SECURITY_HEADERS, ...JSON_HEADERS, 'Content-Length': String(Buffer.byteLength(text)), ...extra });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: ApiErrorBody['code'], message: string, extra: Record<string, string> = {}): void {
  sendJson(res, status, { ok: false, error: { code, message } }, extra);
}

type BodyOutcome = { kind: 'body'; data: Buffer } | { kind: 'too_large' } | { kind: 'aborted' };

/** Reads a request body up to `limit` bytes; past it, stops keeping data and reports too_large at once. */
function readBody(req: IncomingMessage, limit: number): Promise<BodyOutcome> {
  return new Promise((resolvePromise) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: BodyOutcome) => {
      if (settled) return;
      settled = true;
      resolvePromise(outcome);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        settle({ kind: 'too_large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle({ kind: 'body', data: Buffer.concat(chunks) }));
    req.on('error', () => settle({ kind: 'aborted' }));
    req.on('close', () => settle({ kind: 'aborted' }));
  });
}

/** Answers 413 now, closes the connection and drops the socket shortly after (the grace period lets the answer reach the client). */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, message: string): void {
  res.on('finish', () => setTimeout(() => req.socket.destroy(), 1000).unref());
  sendError(res, 413, 'invalid_input', message, { Connection: 'close' });
}

function tooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  refuseTooLarge(
    req,
    res,
    `The request is larger than browser mode accepts (${formatLimit(limit)}). Import a file this large in the desktop app or with \`faultline import\`.`,
  );
}

function uploadTooLarge(req: IncomingMessage, res: ServerResponse, limit: number, declared: number | null): void {
  const mib = declared === null ? '' : (declared / (1024 * 1024)).toFixed(1);
  // Just over the limit, a rounded size would read as the limit itself: give the bytes then.
  const size = declared === null ? 'larger than that' : Number(mib) * 1024 * 1024 > limit ? `${mib} MiB` : `${declared} bytes`;
  refuseTooLarge(req, res, `Files up to ${formatLimit(limit)} can be imported; this one is ${size}. Nothing was imported.`);
}

/** The Content-Length a request declares, or null when it declares none (chunked). */
function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  if (header === undefined) return null;
  const value = Number(header);
  return Number.isFinite(value) ? value : null;
}

type UploadedInput = { kind: 'input'; input: unknown } | { kind: 'error'; status: number; code: ApiErrorBody['code']; message: string; path: string };

/**
 * An operation whose large text field went ahead as an upload: put the uploaded text in the
 * field (the operation's schema then checks the whole input). Any other input is unchanged.
 */
async function withUploadedField(name: string, input: unknown, uploads: UploadStore): Promise<UploadedInput> {
  if (!isUploadedOperation(name) || typeof input !== 'object' || input === null || Array.isArray(input)) return { kind: 'input', input };
  const field = UPLOADED_FIELDS[name];
  const key = uploadKey(field);
  const { [key]: uploadId, ...rest } = input as Record<string, unknown>;
  if (uploadId === undefined) return { kind: 'input', input };
  if (field in rest) return { kind: 'error', status: 400, code: 'invalid_input', message: `Send either ${field} or ${key}, not both`, path: key };
  const text = typeof uploadId === 'string' ? await uploads.read(uploadId) : null;
  if (text === null) {
    return { kind: 'error', status: 404, code: 'not_found', message: 'The uploaded file is no longer on the server; choose the file again.', path: key };
  }
  return { kind: 'input', input: { ...rest, [field]: text } };
}

export async function startFaultlineServer(options: FaultlineServerOptions): Promise<FaultlineServer> {
  const token = newToken();
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const uploadLimit = options.uploadLimit ?? MAX_UPLOAD_BYTES;
  const uploads = await openUploadStore(options.uploadDir ?? join(tmpdir(), 'faultline-uploads'));
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  let port = 0;

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'POST') {
      sendError(res, 405, 'invalid_input', 'API calls must use POST', { Allow: 'POST' });
      return;
    }
    if (!isAuthorized(req.headers.authorization, token)) {
      sendError(res, 401, 'invalid_input', 'Missing or wrong API token: open the URL that `npm run serve` printed (it carries the token).');
      return;
    }
    const declared = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      tooLarge(req, res, limit);
      return;
    }
    const outcome = await readBody(req, limit);
    if (outcome.kind === 'aborted') return;
    if (outcome.kind === 'too_large') {
      tooLarge(req, res, limit);
      return;
    }
    let input: unknown = {};
    const text = outcome.data.toString('utf8');
    if (text.trim().length > 0) {
      try {
        input = JSON.parse(text);
      } catch (error) {
        sendError(res, 400, 'invalid_input', `Request body is not valid JSON: ${(error as Error).message}`);
        return;
      }
    }
    const name = pathname.slice('/api/'.length);
    const prepared = await withUploadedField(name, input, uploads);
    if (prepared.kind === 'error') {
      sendJson(res, prepared.status, { ok: false, error: { code: prepared.code, message: prepared.message, issues: [{ path: prepared.path, message: prepared.message }] } });
      return;
    }
    const result = await options.service.dispatch(name, prepared.input);
    sendJson(res, result.ok ? 200 : statusForError(result.error.code), result);
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      sendError(res, 405, 'invalid_input', 'Uploads must use POST', { Allow: 'POST' });
      return;
    }
    if (!isAuthorized(req.headers.authorization, token)) {
      sendError(res, 401, 'invalid_input', 'Missing or wrong API token: open the URL that `npm run serve` printed (it carries the token).');
      return;
    }
    if (!isAllowedOrigin(req.headers.origin, port)) {
      sendError(res, 403, 'invalid_input', `Forbidden: uploads come only from pages on 127.0.0.1:${port} or localhost:${port}`);
      return;
    }
    const contentType = (req.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase();
    if (contentType !== UPLOAD_CONTENT_TYPE) {
      sendError(res, 415, 'invalid_input', `An upload is sent as ${UPLOAD_CONTENT_TYPE}`);
      return;
    }
    const declared = declaredLength(req);
    if (declared !== null && declared > uploadLimit) {
      req.resume();
      uploadTooLarge(req, res, uploadLimit, declared);
      return;
    }
    const outcome = await uploads.receive(req, uploadLimit);
    if (outcome.kind === 'aborted') return;
    if (outcome.kind === 'too_large') {
      uploadTooLarge(req, res, uploadLimit, null);
      return;
    }
    if (outcome.kind === 'failed') {
      req.resume();
      sendError(res, 500, 'io_error', `The server could not store the file: ${outcome.message}. Nothing was imported.`, { Connection: 'close' });
      return;
    }
    const reply: UploadReply = { uploadId: outcome.uploadId, bytes: outcome.bytes };
    sendJson(res, 200, { ok: true, value: reply });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port)) {
      sendError(res, 403, 'invalid_input', `Forbidden: this server answers only to 127.0.0.1:${port} and localhost:${port}`);
      return;
    }
    const target = req.url ?? '';
    if (!target.startsWith('/')) {
      sendError(res, 400, 'invalid_input', 'Bad request target');
      return;
    }
    const pathname = target.split('?', 1)[0].split('#', 1)[0];
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      await handleApi(req, res, pathname);
      return;
    }
    if (pathname === UPLOAD_PATH) {
      await handleUpload(req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, 'invalid_input', 'Only GET and HEAD are served here', { Allow: 'GET, HEAD' });
      return;
    }
    const outcome = await serveStatic(options.staticDir, req, res, pathname, SECURITY_HEADERS);
    if (outcome === 'refused') sendError(res, 400, 'invalid_input', 'Bad path');
    else if (outcome === 'not_found') sendError(res, 404, 'not_found', `Not found: ${pathname}`);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log('Faultline server: request failed', error);
      if (!res.headersSent) sendError(res, 500, 'internal', 'Internal error');
      else res.destroy();
    });
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      void uploads.close();
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${options.port} on ${LOOPBACK_HOST} is already in use`, { cause: error }) : error);
    });
    server.listen({ port: options.port ?? 0, host: LOOPBACK_HOST, exclusive: true }, () => {
      const address = server.address() as AddressInfo;
      port = address.port;
      resolvePromise({
        port,
        address: address.address,
        token,
        url: `http://${LOOPBACK_HOST}:${port}/?token=${token}`,
        close: () =>
          new Promise<void>((resolveClose) => {
            server.close(() => void uploads.close().finally(resolveClose));
            server.closeAllConnections();
          }),
      });
    });
  });
}
