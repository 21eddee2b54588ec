// Browser mode's `POST /upload`: an import file streamed to a 0600 file under the data folder,
// then named by `import.preview` in place of its content. The same guards as the API (token 401,
// Host 403, POST only, no CORS), plus: a page from another Origin is refused (403), the body
// must be application/octet-stream (415), and the 200 MiB import limit holds whether the size
// is declared (refused before reading) or streamed (stopped as it passes, partial file removed).
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, mkdirSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KEPT_UPLOADS, startFaultlineServer, type FaultlineServer } from '../../../../src/node/server';
import { MAX_UPLOAD_BYTES } from '../../../../src/shared/http-upload';
import type { ApiResult } from '../../../../src/shared/operations';
import { recordingService } from '../../../support/recording-service';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  json: ApiResult;
}

const fakeService = recordingService();
const calls = fakeService.calls;

let root: string;
let uploadDir: string;
let server: FaultlineServer;
let smallServer: FaultlineServer;
const SMALL_LIMIT = 64 * 1024;

function send(
  target: FaultlineServer,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Buffer[] },
): Promise<Reply> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      { host: '127.0.0.1', port: target.port, method: options.method ?? 'POST', path: options.path, headers: { Host: `127.0.0.1:${target.port}`, ...options.headers } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(Buffer.concat(parts).toString('utf8')) as ApiResult }));
      },
    );
    req.on('error', reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end(options.body);
  });
}

function upload(target: FaultlineServer, body: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return send(target, { path: '/upload', headers: { Authorization: `Bearer ${target.token}`, 'Content-Type': 'application/octet-stream', ...headers }, body });
}

function preview(target: FaultlineServer, input: Record<string, unknown>): Promise<Reply> {
  return send(target, {
    path: '/api/import.preview',
    headers: { Authorization: `Bearer ${target.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
}

function uploadIdOf(reply: Reply): string {
  expect(reply.json.ok, JSON.stringify(reply.json)).toBe(true);
  return (reply.json as { value: { uploadId: string } }).value.uploadId;
}

function storedFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((launch) => readdirSync(join(dir, launch)).map((name) => join(dir, launch, name)));
}

function messageOf(reply: Reply): string {
  return reply.json.ok ? '' : reply.json.error.message;
}

/** Sends a chunked upload to `target` until it answers, without declaring its size. */
function streamUntilAnswered(target: FaultlineServer, chunk: Buffer): Promise<Reply> {
  return new Promise((resolvePromise, reject) => {
    let answered = false;
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        method: 'POST',
        path: '/upload',
        headers: { Host: `127.0.0.1:${target.port}`, Authorization: `Bearer ${target.token}`, 'Content-Type': 'application/octet-stream', 'Transfer-Encoding': 'chunked' },
      },
      (res) => {
        answered = true;
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(Buffer.concat(parts).toString('utf8')) as ApiResult }));
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      if (answered || req.destroyed) return;
      if (req.write(chunk)) setImmediate(pump);
      else req.once('drain', pump);
    };
    pump();
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'faultline-upload-'));
  uploadDir = join(root, 'data', 'uploads');
  const renderer = join(root, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Faultline</title>');
  // A folder left by a server that died a week ago, and one of a server running now.
  mkdirSync(join(uploadDir, 'launch-dead'), { recursive: true });
  writeFileSync(join(uploadDir, 'launch-dead', 'up_old'), 'old');
  const weekAgo = new Date(Date.now() - 7 * 24 * 3600 * 1000);
  utimesSync(join(uploadDir, 'launch-dead'), weekAgo, weekAgo);
  mkdirSync(join(uploadDir, 'launch-live'));
  server = await startFaultlineServer({ service: fakeService, staticDir: renderer, uploadDir, log: () => undefined });
  smallServer = await startFaultlineServer({ service: fakeService, staticDir: renderer, uploadDir: join(root, 'small'), uploadLimit: SMALL_LIMIT, log: () => undefined });
});

afterAll(async () => {
  await server?.close();
  await smallServer?.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  calls.length = 0;
});

describe('browser-mode uploads', () => {
  it('removes upload folders left by a server that died, and leaves a recent one alone', () => {
    expect(existsSync(join(uploadDir, 'launch-dead'))).toBe(false);
    expect(existsSync(join(uploadDir, 'launch-live'))).toBe(true);
  });

  it('streams an import file larger than the 10 MiB JSON limit to a 0600 file, and the preview gets its text', async () => {
    const content = `name,class\n${'web-é,server\n'.repeat(1_000_000)}`;
    expect(Buffer.byteLength(content)).toBeGreaterThan(10 * 1024 * 1024);
    const reply = await upload(server, content);
    expect(reply.status).toBe(200);
    const uploadId = uploadIdOf(reply);
    expect(reply.json).toEqual({ ok: true, value: { uploadId, bytes: Buffer.byteLength(content) } });
    const files = storedFiles(uploadDir).filter((path) => path.endsWith(uploadId));
    expect(files).toHaveLength(1);
    expect(statSync(files[0]).mode & 0o777).toBe(0o600);
    expect(statSync(join(files[0], '..')).mode & 0o777).toBe(0o700);

    const answer = await preview(server, { fileName: 'big.csv', contentUpload: uploadId, jobId: 'job_1' });
    expect(answer.status).toBe(200);
    expect(calls).toHaveLength(1);
    expect(calls[0].name).toBe('import.preview');
    const input = calls[0].input as Record<string, unknown>;
    expect(Object.keys(input).sort()).toEqual(['content', 'fileName', 'jobId']);
    expect(input.content === content).toBe(true);

    // A re-preview (another format) names the same upload: the file is not sent again.
    const again = await preview(server, { fileName: 'big.csv', contentUpload: uploadId, format: 'csv' });
    expect(again.status).toBe(200);
    expect((calls[1].input as { content: string }).content.length).toBe(content.length);
  });

  it(`keeps the last ${KEPT_UPLOADS} uploads; an older one is gone and the preview says to choose the file again (404)`, async () => {
    const ids: string[] = [];
    for (let i = 0; i <= KEPT_UPLOADS; i++) ids.push(uploadIdOf(await upload(server, `file ${i}`)));
    const gone = await preview(server, { fileName: 'a.csv', contentUpload: ids[0] });
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ ok: false, error: { code: 'not_found', issues: [{ path: 'contentUpload' }] } });
    expect(messageOf(gone)).toMatch(/choose the file again/);
    expect(storedFiles(uploadDir).some((path) => path.endsWith(ids[0]))).toBe(false);
    const kept = await preview(server, { fileName: 'a.csv', contentUpload: ids[KEPT_UPLOADS] });
    expect(kept.status).toBe(200);
    expect((calls.at(-1)?.input as { content: string }).content).toBe(`file ${KEPT_UPLOADS}`);
  });

  it('refuses an upload id that is made up, a path, or sent beside the content (never reading a file by name)', async () => {
    for (const contentUpload of ['up_00000000000000000000000000000000', '../../secret', 42]) {
      const reply = await preview(server, { fileName: 'a.csv', contentUpload });
      expect(reply.status, String(contentUpload)).toBe(404);
    }
    const both = await preview(server, { fileName: 'a.csv', content: 'x', contentUpload: uploadIdOf(await upload(server, 'y')) });
    expect(both.status).toBe(400);
    expect(calls).toEqual([]);
  });

  it('refuses a declared size over the 200 MiB import limit before reading, with the file size and the limit (413)', async () => {
    const reply = await send(server, {
      path: '/upload',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/octet-stream', 'Content-Length': String(MAX_UPLOAD_BYTES + 1024 * 1024) },
      chunks: [Buffer.alloc(64 * 1024, 0x61)],
    }).catch((error: unknown) => error);
    // The server answers before the body is sent, then drops the connection.
    expect(reply).toMatchObject({ status: 413 });
    expect(messageOf(reply as Reply)).toBe('Files up to 200 MiB can be imported; this one is 201.0 MiB. Nothing was imported.');
  });

  it('stops a streamed upload as soon as it passes the limit and removes what it wrote (413)', async () => {
    const reply = await streamUntilAnswered(smallServer, Buffer.alloc(16 * 1024, 0x61));
    expect(reply.status).toBe(413);
    expect(messageOf(reply)).toBe('Files up to 64 KiB can be imported; this one is larger than that. Nothing was imported.');
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    expect(storedFiles(join(root, 'small'))).toEqual([]);
  });

  it('takes an upload of exactly the limit', async () => {
    const reply = await upload(smallServer, Buffer.alloc(SMALL_LIMIT, 0x61));
    expect(reply.status).toBe(200);
  });

  it('refuses an upload without the token or with a wrong one (401), and stores nothing', async () => {
    const before = storedFiles(uploadDir).length;
    const none = await send(server, { path: '/upload', headers: { 'Content-Type': 'application/octet-stream' }, body: 'x' });
    expect(none.status).toBe(401);
    const wrong = await upload(server, 'x', { Authorization: `Bearer ${smallServer.token}` });
    expect(wrong.status).toBe(401);
    expect(storedFiles(uploadDir).length).toBe(before);
  });

  it('refuses a wrong Host (403)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`]) {
      const reply = await upload(server, 'x', { Host: host });
      expect(reply.status, host).toBe(403);
    }
  });

  it('refuses a page from another origin (403) and takes our own pages and tools that send no Origin', async () => {
    for (const origin of ['https://evil.example', `http://evil.example:${server.port}`, 'null', `http://127.0.0.1:${server.port + 1}`]) {
      const reply = await upload(server, 'x', { Origin: origin });
      expect(reply.status, origin).toBe(403);
      expect(Object.keys(reply.headers).some((name) => name.startsWith('access-control-'))).toBe(false);
    }
    for (const origin of [`http://127.0.0.1:${server.port}`, `http://localhost:${server.port}`]) {
      expect((await upload(server, 'x', { Origin: origin })).status, origin).toBe(200);
    }
  });

  it('takes POST with application/octet-stream only (405, 415), and sends no CORS header to a preflight', async () => {
    for (const method of ['GET', 'PUT', 'OPTIONS']) {
      const reply = await send(server, { method, path: '/upload', headers: { Authorization: `Bearer ${server.token}`, Origin: 'https://evil.example' } });
      expect(reply.status, method).toBe(405);
      expect(Object.keys(reply.headers).some((name) => name.startsWith('access-control-'))).toBe(false);
    }
    for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
      expect((await upload(server, 'x', { 'Content-Type': type })).status, type).toBe(415);
    }
  });

  it('writes its folder again when another server removed it, and says so (500) when it cannot write', async () => {
    const dir = join(root, 'swept');
    const renderer = join(root, 'renderer');
    const swept = await startFaultlineServer({ service: fakeService, staticDir: renderer, uploadDir: dir, log: () => undefined });
    try {
      const [launch] = readdirSync(dir);
      rmSync(join(dir, launch), { recursive: true });
      expect((await upload(swept, 'again')).status).toBe(200);
      rmSync(join(dir, launch), { recursive: true });
      writeFileSync(join(dir, launch), 'not a folder');
      const reply = await upload(swept, 'no room');
      expect(reply.status).toBe(500);
      expect(reply.json).toMatchObject({ ok: false, error: { code: 'io_error', message: expect.stringMatching(/could not store the file.*Nothing was imported/) } });
    } finally {
      await swept.close();
    }
  });

  it('removes its uploads when it closes', async () => {
    const dir = join(root, 'closing');
    const renderer = join(root, 'renderer');
    const closing = await startFaultlineServer({ service: fakeService, staticDir: renderer, uploadDir: dir, log: () => undefined });
    uploadIdOf(await upload(closing, 'bye'));
    expect(storedFiles(dir)).toHaveLength(1);
    await closing.close();
    expect(readdirSync(dir)).toEqual([]);
  });
});
