// The browser-mode server's security rules, kept apart from the plumbing so they read as a list.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The same policy as the Electron window: no inline or eval script, nothing from elsewhere. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent on every response. Deliberately no Access-Control-* header: other origins get nothing. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** A fresh per-launch token: 32 random bytes as hex (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Compares an `Authorization` header with the token in constant time (both hashed to the same length first). */
export function isAuthorized(header: string | undefined, token: string): boolean {
  if (typeof header !== 'string') return false;
  const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
  if (!match) return false;
  return timingSafeEqual(digest(match[1]), digest(token));
}

/**
 * Only `127.0.0.1:<port>` and `localhost:<port>` are accepted: a page on another site that
 * rebinds its DNS name to 127.0.0.1 still sends its own name as Host and is refused.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (typeof host !== 'string') return false;
  const value = host.toLowerCase();
  return value === `127.0.0.1:${port}` || value === `localhost:${port}`;
}

/**
 * A request a browser sends from a page carries that page's Origin: only our own pages'
 * (`http://127.0.0.1:<port>`, `http://localhost:<port>`) are accepted, and no Origin at all
 * (a tool such as curl, which has no page). `null` (a sandboxed frame, a file:// page) is refused.
 */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  const value = origin.toLowerCase();
  return value === `http://127.0.0.1:${port}` || value === `http://localhost:${port}`;
}
