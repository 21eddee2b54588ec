// The renderer's browser-mode transport against the real browser-mode server: an import file
// over the 10 MiB JSON limit reaches import.preview whole (streamed to /upload first), a
// re-preview of the same text does not send it again, one the server no longer keeps is sent
// again, a file over the import limit is refused with the server's message, and every other
// operation still goes as JSON under the 10 MiB cap.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KEPT_UPLOADS, startFaultlineServer, type FaultlineServer } from '../../../src/node/server';
import { httpTransport } from '../../../src/renderer/api/http-transport';
import { recordingService } from '../../support/recording-service';

const fakeService = recordingService();
const calls = fakeService.calls;

let root: string;
let server: FaultlineServer;
let smallServer: FaultlineServer;
const origin = (target: FaultlineServer) => `http://127.0.0.1:${target.port}`;

/** Counts the requests a transport makes, by path. */
function countingFetch(): { paths: string[]; restore: () => void } {
  const original = globalThis.fetch;
  const paths: string[] = [];
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
    paths.push(new URL(input instanceof Request ? input.url : input).pathname);
    return original(input, init);
  };
  return { paths, restore: () => (globalThis.fetch = original) };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'faultline-transport-'));
  const renderer = join(root, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Faultline</title>');
  server = await startFaultlineServer({ service: fakeService, staticDir: renderer, uploadDir: join(root, 'uploads'), log: () => undefined });
  smallServer = await startFaultlineServer({ service: fakeService, staticDir: renderer, uploadDir: join(root, 'small'), uploadLimit: 1024 * 1024, log: () => undefined });
});

afterAll(async () => {
  await server?.close();
  await smallServer?.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  calls.length = 0;
});

const bigCsv = `Id,Label,class\n${Array.from({ length: 400_000 }, (_, i) => `big_${i},Big host ${i} – ü,server`).join('\n')}`;

describe('browser-mode transport', () => {
  it('takes an import file over the 10 MiB JSON limit to import.preview whole, and a re-preview does not send it again', async () => {
    expect(Buffer.byteLength(bigCsv)).toBeGreaterThan(11 * 1024 * 1024);
    const transport = httpTransport(server.token, origin(server));
    const fetches = countingFetch();
    try {
      const first = await transport('import.preview', { fileName: 'big.csv', content: bigCsv, jobId: 'job_a' });
      expect(first).toEqual({ ok: true, value: { name: 'import.preview' } });
      const second = await transport('import.preview', { fileName: 'big.csv', content: bigCsv, format: 'csv' });
      expect(second.ok).toBe(true);
    } finally {
      fetches.restore();
    }
    expect(fetches.paths).toEqual(['/upload', '/api/import.preview', '/api/import.preview']);
    expect(calls.map((call) => call.name)).toEqual(['import.preview', 'import.preview']);
    const [first, second] = calls.map((call) => call.input as Record<string, unknown>);
    expect(first.content === bigCsv).toBe(true);
    expect(first).toMatchObject({ fileName: 'big.csv', jobId: 'job_a' });
    expect(second.content === bigCsv).toBe(true);
    expect(second.format).toBe('csv');
  });

  it('sends the file again when the server no longer keeps its upload', async () => {
    const transport = httpTransport(server.token, origin(server));
    const other = httpTransport(server.token, origin(server));
    expect((await transport('import.preview', { fileName: 'a.csv', content: 'a,b\n1,2\n' })).ok).toBe(true);
    for (let i = 0; i < KEPT_UPLOADS; i++) expect((await other('import.preview', { fileName: 'b.csv', content: `other ${i}` })).ok).toBe(true);
    calls.length = 0;
    const fetches = countingFetch();
    try {
      expect((await transport('import.preview', { fileName: 'a.csv', content: 'a,b\n1,2\n' })).ok).toBe(true);
    } finally {
      fetches.restore();
    }
    expect(fetches.paths).toEqual(['/api/import.preview', '/upload', '/api/import.preview']);
    expect(calls).toEqual([{ name: 'import.preview', input: { fileName: 'a.csv', content: 'a,b\n1,2\n' } }]);
  });

  it('answers a file over the import limit with the server’s refusal, and the service is never called', async () => {
    const transport = httpTransport(smallServer.token, origin(smallServer));
    const result = await transport('import.preview', { fileName: 'huge.csv', content: 'x'.repeat(1024 * 1024 + 1) });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Files up to 1 MiB can be imported; this one is 1048577 bytes. Nothing was imported.' },
    });
    expect(calls).toEqual([]);
  });

  it('sends other operations as JSON, still capped at 10 MiB, and says when the token is refused', async () => {
    const transport = httpTransport(server.token, origin(server));
    expect(await transport('ci.search', { query: 'db' })).toEqual({ ok: true, value: { name: 'ci.search' } });
    expect(calls).toEqual([{ name: 'ci.search', input: { query: 'db' } }]);
    const large = await transport('ci.search', { query: 'x'.repeat(11 * 1024 * 1024) });
    expect(large).toMatchObject({ ok: false, error: { message: expect.stringMatching(/larger than browser mode accepts \(10 MiB\)/) } });
    const noToken = httpTransport(null, origin(server));
    await expect(noToken('import.preview', { fileName: 'a.csv', content: 'x' })).resolves.toMatchObject({ ok: false });
  });
});
