// Serves the production renderer build: index.html for `/`, known content types, and
// nothing outside the build folder (no `..`, no encoded separators, no symlinks out).
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Maps a URL path to a file under `root`, or null when it is malformed or would leave it.
 * Every segment must be a plain name: no `.`/`..`, no (encoded) slashes or backslashes, no NUL.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  if (!urlPath.startsWith('/')) return null;
  const raw = urlPath === '/' ? '/index.html' : urlPath;
  const segments = raw.slice(1).split('/');
  const decoded: string[] = [];
  for (const segment of segments) {
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (name === '' || name === '.' || name === '..' || /[\\/\0:]/.test(name)) return null;
    decoded.push(name);
  }
  const path = join(root, ...decoded);
  return isInside(root, path) ? path : null;
}

export type StaticOutcome = 'served' | 'not_found' | 'refused';

/** Streams one file of the build, or says why not (the caller writes 404 / 400). */
export async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  urlPath: string,
  headers: Readonly<Record<string, string>>,
): Promise<StaticOutcome> {
  const path = resolveStaticPath(root, urlPath);
  if (!path) return 'refused';
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = await realpath(root);
    realFile = await realpath(path);
  } catch {
    return 'not_found';
  }
  if (!isInside(realRoot, realFile) || realFile.split(sep).includes('..')) return 'refused';
  const info = await stat(realFile).catch(() => null);
  if (!info || !info.isFile()) return 'not_found';

  const hashed = urlPath.startsWith('/assets/') && extname(realFile).toLowerCase() !== '.html';
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeFor(realFile),
    'Content-Length': String(info.size),
    // Vite names the files under assets/ by content hash; everything else must be revalidated.
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return 'served';
  }
  await new Promise<void>((resolvePromise) => {
    const stream = createReadStream(realFile);
    stream.on('error', () => {
      res.destroy();
      resolvePromise();
    });
    stream.on('end', () => resolvePromise());
    stream.pipe(res);
  });
  return 'served';
}
