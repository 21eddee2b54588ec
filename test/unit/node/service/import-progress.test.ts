// A large import preview through the service: the file is parsed in a worker, so other calls
// (doc.info, import.progress) are answered while it runs; progress moves through its phases;
// import.cancel stops it with a clear message and nothing changed.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultlineService, type FaultlineService } from '../../../../src/node/service';
import type { ImportJobProgress } from '../../../../src/shared/data-types';
import type { ApiResult, DocumentInfo, ImportPreview } from '../../../../src/shared/operations';
import { tempDir, writeDocument } from './fixture';

const dirs: string[] = [];
const services: FaultlineService[] = [];

async function open(): Promise<FaultlineService> {
  const dir = tempDir('import-progress');
  dirs.push(dir);
  const doc = writeDocument(join(dir, 'small.faultline'));
  const service = await startFaultlineService({ dataDir: join(dir, 'data'), documentPath: doc, actor: 'tester', log: () => undefined });
  services.push(service);
  return service;
}

afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function bigCsv(rows: number): string {
  const classes = ['server', 'application', 'database', 'virtual_machine'];
  const lines = ['Id,Label,class,criticality,owner,tags,attr.notes,ext.servicenow'];
  for (let i = 0; i < rows; i++) lines.push(`ci_${i},Host ${i},${classes[i % 4]},${1 + (i % 4)},"team, ${i % 50}",a;b,notes ${i},sn${i}`);
  return lines.join('\n');
}

function valueOf<T>(result: ApiResult): T {
  if (!result.ok) throw new Error(`call failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls import.progress until `until` holds; returns every answer seen. */
async function pollUntil(service: FaultlineService, jobId: string, until: (p: ImportJobProgress) => boolean): Promise<ImportJobProgress[]> {
  const seen: ImportJobProgress[] = [];
  for (;;) {
    const progress = valueOf<ImportJobProgress>(await service.dispatch('import.progress', { jobId }));
    seen.push(progress);
    if (until(progress)) return seen;
    await sleep(10);
  }
}

describe('a large import preview', () => {
  it('answers doc.info and import.progress while a 100,000-row CSV is parsed, then previews all of it', async () => {
    const service = await open();
    const rows = 100_000;
    const events: string[] = [];
    const pending = service.dispatch('import.preview', { fileName: 'big.csv', content: bigCsv(rows), jobId: 'big_1' }).then((result) => {
      events.push('preview');
      return result;
    });
    // import.progress answers while the worker parses (the preview has not finished: it still says parsing).
    const seen = await pollUntil(service, 'big_1', (p) => p.phase === 'parsing' && p.fraction < 0.7);
    expect(events).toEqual([]);
    const info = valueOf<DocumentInfo>(await service.dispatch('doc.info', {}));
    events.push('doc.info');
    expect(info.ciCount).toBe(8);

    const preview = valueOf<ImportPreview>(await pending);
    expect(events).toEqual(['doc.info', 'preview']);
    expect(preview.plan.counts.cis).toEqual({ create: rows, update: 0, unchanged: 0, rejected: 0 });
    expect(preview.previewId).not.toBeNull();
    expect(seen.every((p) => p.jobId === 'big_1' && p.fraction >= 0 && p.fraction <= 1)).toBe(true);
    expect(valueOf<ImportJobProgress>(await service.dispatch('import.progress', { jobId: 'big_1' }))).toEqual({ jobId: 'big_1', phase: 'finished', fraction: 1 });
    // A preview changes nothing.
    expect(service.documentInfo().ciCount).toBe(8);
  });

  it('answers import.progress while a 100,000-row CSV is being planned (planning pauses between slices)', async () => {
    const service = await open();
    const pending = service.dispatch('import.preview', { fileName: 'big.csv', content: bigCsv(100_000), jobId: 'plan_1' });
    // The phase is set to planning and the planning task queued in the same turn, so a poll can
    // only ever see 'planning' when planning itself gives the event loop a turn.
    const seen = await pollUntil(service, 'plan_1', (p) => p.phase === 'planning' || p.phase === 'finished' || p.phase === 'failed');
    expect(seen.at(-1)?.phase).toBe('planning');
    const preview = valueOf<ImportPreview>(await pending);
    expect(preview.plan.counts.cis.create).toBe(100_000);
  });

  it('import.cancel stops a running preview: the call fails as cancelled and nothing changed', async () => {
    const service = await open();
    const before = service.documentInfo();
    const pending = service.dispatch('import.preview', { fileName: 'big.csv', content: bigCsv(100_000), jobId: 'big_2' });
    await pollUntil(service, 'big_2', (p) => p.phase === 'parsing');
    expect(valueOf<{ cancelled: boolean }>(await service.dispatch('import.cancel', { jobId: 'big_2' }))).toEqual({ cancelled: true });
    const result = await pending;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual({ code: 'cancelled', message: 'The import of big.csv was cancelled; nothing was imported.' });
    expect(valueOf<ImportJobProgress>(await service.dispatch('import.progress', { jobId: 'big_2' })).phase).toBe('cancelled');
    // Cancelling again, or a job that is over, is a no-op.
    expect(valueOf<{ cancelled: boolean }>(await service.dispatch('import.cancel', { jobId: 'big_2' }))).toEqual({ cancelled: false });
    const after = service.documentInfo();
    expect([after.revision, after.ciCount, after.canUndo]).toEqual([before.revision, before.ciCount, before.canUndo]);
  });

  it('says unknown for a job it has not seen, and refuses a job id that is already running', async () => {
    const service = await open();
    expect(valueOf<ImportJobProgress>(await service.dispatch('import.progress', { jobId: 'nope' }))).toEqual({ jobId: 'nope', phase: 'unknown', fraction: 0 });
    const bad = await service.dispatch('import.progress', { jobId: 'has spaces' });
    expect(bad.ok ? null : bad.error.code).toBe('invalid_input');
    const content = bigCsv(50_000);
    const first = service.dispatch('import.preview', { fileName: 'a.csv', content, jobId: 'same' });
    await pollUntil(service, 'same', (p) => p.phase !== 'unknown');
    const second = await service.dispatch('import.preview', { fileName: 'b.csv', content, jobId: 'same' });
    expect(second.ok ? null : second.error.code).toBe('conflict');
    expect((await first).ok).toBe(true);
  });

  it('parses at most four previews at once', async () => {
    const service = await open();
    const content = bigCsv(40_000);
    const running = [1, 2, 3, 4].map((n) => service.dispatch('import.preview', { fileName: `f${n}.csv`, content, jobId: `many_${n}` }));
    for (const n of [1, 2, 3, 4]) await pollUntil(service, `many_${n}`, (p) => p.phase !== 'unknown');
    const fifth = await service.dispatch('import.preview', { fileName: 'f5.csv', content: 'Name,Class\na,server\n', jobId: 'many_5' });
    expect(fifth.ok ? null : fifth.error.code).toBe('conflict');
    expect((await Promise.all(running)).map((r) => r.ok)).toEqual([true, true, true, true]);
    // Once they are done, another preview runs.
    expect((await service.dispatch('import.preview', { fileName: 'f5.csv', content: 'Name,Class\na,server\n', jobId: 'many_5' })).ok).toBe(true);
  });
});
