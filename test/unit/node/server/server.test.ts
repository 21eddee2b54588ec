// The browser-mode server's guards: token (401), Host (403), body limit (413), POST-only
// API, JSON errors (400), loopback-only binding, no CORS, strict CSP, and static files that
// never leave the renderer build. The service behind it is a recording fake.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, DEFAULT_BODY_LIMIT, startFaultlineServer, type FaultlineServer } from '../../../../src/node/server';
import type { ApiResult } from '../../../../src/shared/operations';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

const SECRET = 'SECRET-OUTSIDE-THE-BUILD';
const calls: { name: string; input: unknown }[] = [];
const fakeService = {
  async dispatch(name: string, input: unknown): Promise<ApiResult> {
    calls.push({ name, input });
    if (name === 'ci.get') return { ok: false, error: { code: 'not_found', message: 'no CI with id x' } };
    return { ok: true, value: { name, input } };
  },
};

let root: string;
let server: FaultlineServer;
let smallServer: FaultlineServer;

function send(
  target: FaultlineServer,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; host?: string },
): Promise<Reply> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      {
        host: options.host ?? '127.0.0.1',
        port: target.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${target.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function api(target: FaultlineServer, name: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
  return send(target, {
    method: 'POST',
    path: `/api/${name}`,
    headers: { Authorization: `Bearer ${target.token}`, 'Content-Type': 'application/json', ...headers },
    body,
  });
}

/** Sends headers and the first part of a body, then waits for the answer without sending the rest. */
function sendPartial(target: FaultlineServer, headers: Record<string, string>, firstChunk: Buffer, keepWriting: boolean): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    let answered = false;
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        method: 'POST',
        path: '/api/doc.info',
        headers: { Host: `127.0.0.1:${target.port}`, Authorization: `Bearer ${target.token}`, ...headers },
      },
      (res) => {
        answered = true;
        res.resume();
        resolvePromise(res.statusCode ?? 0);
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.write(firstChunk);
    if (keepWriting) {
      const pump = () => {
        if (answered || req.destroyed) return;
        if (req.write(firstChunk)) setImmediate(pump);
        else req.once('drain', pump);
      };
      pump();
    }
  });
}

function hasCorsHeader(headers: IncomingHttpHeaders): boolean {
  return Object.keys(headers).some((name) => name.toLowerCase().startsWith('access-control-'));
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'faultline-server-'));
  const renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Faultline</title>');
  writeFileSync(join(renderer, 'assets', 'app-1234.js'), 'console.log("faultline");');
  writeFileSync(join(renderer, 'assets', 'app-1234.css'), 'body{}');
  writeFileSync(join(root, 'secret.txt'), SECRET);
  symlinkSync(join(root, 'secret.txt'), join(renderer, 'link.txt'));
  server = await startFaultlineServer({ service: fakeService, staticDir: renderer, port: 0, log: () => undefined });
  smallServer = await startFaultlineServer({ service: fakeService, staticDir: renderer, port: 0, bodyLimit: 1024, log: () => undefined });
});

afterAll(async () => {
  await server?.close();
  await smallServer?.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  calls.length = 0;
});

describe('browser-mode server', () => {
  it('binds 127.0.0.1 on a free port and prints a URL carrying a 256-bit token', () => {
    expect(server.address).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(smallServer.token).not.toBe(server.token);
  });

  it('answers a valid call with the service result', async () => {
    const reply = await api(server, 'ci.search', JSON.stringify({ query: 'db' }));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { name: 'ci.search', input: { query: 'db' } } });
    expect(calls).toEqual([{ name: 'ci.search', input: { query: 'db' } }]);
  });

  it('accepts localhost:<port> as Host and an empty body as {}', async () => {
    const reply = await send(server, {
      method: 'POST',
      path: '/api/doc.info',
      headers: { Host: `localhost:${server.port}`, Authorization: `Bearer ${server.token}` },
    });
    expect(reply.status).toBe(200);
    expect(calls).toEqual([{ name: 'doc.info', input: {} }]);
  });

  it('maps an ok:false result to its HTTP status', async () => {
    const reply = await api(server, 'ci.get', JSON.stringify({ id: 'x' }));
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses an API call without a token (401)', async () => {
    const reply = await send(server, { method: 'POST', path: '/api/doc.info', body: '{}' });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it('refuses a wrong token, of the same or another length, and another scheme (401)', async () => {
    const wrongSameLength = server.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    for (const authorization of [`Bearer ${wrongSameLength}`, 'Bearer 1234', `Basic ${server.token}`, `Bearer ${smallServer.token}`]) {
      const reply = await api(server, 'doc.info', '{}', { Authorization: authorization });
      expect(reply.status, authorization).toBe(401);
    }
    expect(calls).toEqual([]);
  });

  it('refuses a wrong Host header on API calls and static files alike (403)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, `127.0.0.1.nip.io:${server.port}`, '127.0.0.1']) {
      const apiReply = await api(server, 'doc.info', '{}', { Host: host });
      expect(apiReply.status, host).toBe(403);
      const pageReply = await send(server, { path: '/', headers: { Host: host } });
      expect(pageReply.status, host).toBe(403);
      expect(pageReply.body).not.toContain('<title>Faultline</title>');
    }
    expect(calls).toEqual([]);
  });

  it('refuses a declared body over the 10 MB default limit before reading it (413)', async () => {
    const status = await sendPartial(
      server,
      { 'Content-Type': 'application/json', 'Content-Length': String(DEFAULT_BODY_LIMIT + 1) },
      Buffer.alloc(64 * 1024, 0x20),
      false,
    );
    expect(status).toBe(413);
    expect(calls).toEqual([]);
  });

  it('stops reading a chunked body as soon as it passes the limit (413)', async () => {
    const status = await sendPartial(smallServer, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, Buffer.alloc(512, 0x20), true);
    expect(status).toBe(413);
    expect(calls).toEqual([]);
  });

  it('says in the 413 how large a request browser mode takes, and where larger imports go', async () => {
    const reply = await api(smallServer, 'import.preview', JSON.stringify({ fileName: 'big.csv', content: 'x'.repeat(2048) }));
    expect(reply.status).toBe(413);
    const message = (JSON.parse(reply.body) as { error: { message: string } }).error.message;
    expect(message).toMatch(/larger than browser mode accepts \(1 KiB\)/);
    expect(message).toMatch(/faultline import/);
  });

  it('accepts a body up to the limit', async () => {
    const body = JSON.stringify({ query: 'x'.repeat(900) });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(1024);
    const reply = await api(smallServer, 'ci.search', body);
    expect(reply.status).toBe(200);
  });

  it('answers malformed JSON with 400 and never calls the service', async () => {
    const reply = await api(server, 'doc.info', '{"query": ');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(calls).toEqual([]);
  });

  it('takes POST only on /api (405 otherwise)', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS']) {
      const reply = await send(server, { method, path: '/api/doc.info', headers: { Authorization: `Bearer ${server.token}` } });
      expect(reply.status, method).toBe(405);
    }
    expect(calls).toEqual([]);
  });

  it('never sends CORS headers, even to a preflight from another origin', async () => {
    const preflight = await send(server, {
      method: 'OPTIONS',
      path: '/api/doc.info',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(hasCorsHeader(preflight.headers)).toBe(false);
    const call = await api(server, 'doc.info', '{}', { Origin: 'https://evil.example' });
    expect(hasCorsHeader(call.headers)).toBe(false);
    const page = await send(server, { path: '/', headers: { Origin: 'https://evil.example' } });
    expect(hasCorsHeader(page.headers)).toBe(false);
  });

  it('serves the renderer build with its content types, the strict CSP and nosniff', async () => {
    const page = await send(server, { path: `/?token=${server.token}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Faultline</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');

    const script = await send(server, { path: '/assets/app-1234.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain('faultline');
    const style = await send(server, { path: '/assets/app-1234.css' });
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    const missing = await send(server, { path: '/assets/nope.js' });
    expect(missing.status).toBe(404);
  });

  it('refuses paths that leave the build, plain, encoded or through a symlink', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/..\\..\\secret.txt',
      '/%00index.html',
      '//etc/passwd',
      '/link.txt',
    ];
    for (const path of attempts) {
      const reply = await send(server, { path });
      expect([400, 404], path).toContain(reply.status);
      expect(reply.body, path).not.toContain(SECRET);
    }
  });

  it('is not reachable on a non-loopback address', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((info) => info !== undefined && info.family === 'IPv4' && !info.internal);
    if (!external) {
      // No other IPv4 interface on this machine: the bound address is the whole guarantee.
      expect(server.address).toBe('127.0.0.1');
      return;
    }
    const outcome = await new Promise<string>((resolvePromise) => {
      const socket = connect({ host: external.address, port: server.port });
      socket.setTimeout(5000, () => {
        socket.destroy();
        resolvePromise('timeout');
      });
      socket.on('connect', () => {
        socket.destroy();
        resolvePromise('connected');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolvePromise(error.code ?? 'error'));
    });
    expect(outcome).not.toBe('connected');
  });
});
