// The import worker through its client: the same batches and errors as reading in-process,
// progress that arrives in order and ends at 1, and a cancel that terminates the thread.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../../src/core/formats/import';
import {
  ImportCancelledError,
  ImportSourceError,
  readImportSource,
  startParseJob,
  type WorkerProgress,
} from '../../../../src/node/import-worker';

const FIXTURES = join(__dirname, '../../../fixtures/import');

function bigCsv(rows: number): string {
  const lines = ['Id,Label,class,owner'];
  for (let i = 0; i < rows; i++) lines.push(`ci_${i},Host ${i},server,"team, ${i % 7}"`);
  return lines.join('\n');
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('import worker client', () => {
  it('reads a small CSV exactly as in-process reading does, with the mapping it chose', async () => {
    const content = readFileSync(join(FIXTURES, 'cis.csv'), 'utf8');
    const job = startParseJob({ content, fileName: 'cis.csv' });
    const source = await job.result;
    const local = readImportSource(content, { fileName: 'cis.csv' });
    expect(source).toEqual(local);
    expect(source.batch?.cis.length).toBeGreaterThan(0);
    await job.exited;
  });

  it('reads a Backstage YAML catalog exactly as in-process reading does', async () => {
    const content = readFileSync(join(FIXTURES, 'backstage/catalog-info.yaml'), 'utf8');
    const source = await startParseJob({ content, fileName: 'catalog-info.yaml' }).result;
    expect(source.format).toBe('backstage');
    expect(source.batch?.relationships.length).toBeGreaterThan(0);
    expect(source).toEqual(readImportSource(content, { fileName: 'catalog-info.yaml' }));
  });

  it('uses a remembered CSV mapping passed in for the header', async () => {
    const content = 'Host,Team\nnew-host-1,ops\n';
    const guessed = readImportSource(content, { fileName: 'hosts.csv' });
    expect(guessed.batch).toBeNull();
    const mapping = { ...guessed.csv!.mapping, columns: ['name', 'owner'], defaultClass: 'server' as const };
    const source = await startParseJob({ content, fileName: 'hosts.csv', rememberedMappings: { [mapping.key]: mapping } }).result;
    expect(source.csv?.remembered).toBe(true);
    expect(source.batch?.cis.map((ci) => [ci.name, ci.owner])).toEqual([['new-host-1', 'ops']]);
  });

  it('gives a malformed file the same ImportError, place included, as in-process reading', async () => {
    const content = '{"schemaVersion": 1, "cis": [';
    const local = (() => {
      try {
        readImportSource(content, { fileName: 'broken.json' });
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(local).toBeInstanceOf(ImportError);
    const error = await rejection(startParseJob({ content, fileName: 'broken.json' }).result);
    expect(error).toBeInstanceOf(ImportError);
    const got = error as ImportError;
    const want = local as ImportError;
    expect([got.message, got.code, got.line, got.column, got.reason]).toEqual([want.message, want.code, want.line, want.column, want.reason]);
    expect(got.message).toMatch(/^broken\.json/);
  });

  it('refuses a whole CSV file for a row it cannot read after thousands of CIs were already handed over, naming the file, line and row', async () => {
    const lines = bigCsv(6000).split('\n');
    lines[5001] = 'ci_bad,Bad,server,a,stray,cells';
    const content = lines.join('\n');
    const parts: WorkerProgress[] = [];
    const error = await rejection(startParseJob({ content, fileName: 'big.csv', progressIntervalMs: 0 }, (p) => parts.push(p)).result);
    // The CIs before the row had come over in parts: none of them is a result.
    expect(parts.some((p) => p.phase === 'parsing' && p.fraction > 0.5)).toBe(true);
    expect(error).toBeInstanceOf(ImportError);
    expect([(error as ImportError).file, (error as ImportError).line, (error as ImportError).row, (error as ImportError).code]).toEqual(['big.csv', 5002, 5002, 'syntax']);
    expect((error as ImportError).message).toBe('big.csv:5002 row 5002: row 5002 has 6 cells but the header has 4');
  });

  it('reports an unknown format as ImportSourceError with its issue', async () => {
    const error = await rejection(startParseJob({ content: 'hello', fileName: 'notes.bin' }).result);
    expect(error).toBeInstanceOf(ImportSourceError);
    expect((error as ImportSourceError).issues).toEqual([{ path: 'format', message: 'not recognised; choose one' }]);
  });

  it('reports parsing progress in order, ending at 1, then the hand-over of the rest, every item counted', async () => {
    const rows = 5000;
    const progress: WorkerProgress[] = [];
    const source = await startParseJob({ content: bigCsv(rows), fileName: 'big.csv', progressIntervalMs: 0 }, (p) => progress.push(p)).result;
    expect(source.batch?.cis).toHaveLength(rows);
    const parsing = progress.filter((p) => p.phase === 'parsing');
    const fractions = parsing.map((p) => p.fraction);
    expect(fractions[0]).toBe(0);
    expect(fractions[fractions.length - 1]).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    // The CSV reader reads and turns records into CIs in one pass, reporting the bytes read.
    expect(parsing.some((p) => p.unit === 'bytes' && p.fraction > 0 && p.fraction < 1)).toBe(true);
    // The CIs came in parts while the file was read; what the hand-over after it counts includes them.
    const receiving = progress.filter((p) => p.phase === 'receiving');
    expect(receiving[0].done).toBeGreaterThan(0);
    expect(receiving[receiving.length - 1]).toMatchObject({ fraction: 1, done: rows, total: rows });
    // Parsing is over before the hand-over of the rest starts.
    expect(progress.findIndex((p) => p.phase === 'receiving')).toBe(parsing.length);
  });

  it('cancel terminates the worker and the job fails as cancelled', async () => {
    let cancelled = false;
    let afterCancel = 0;
    const job = startParseJob({ content: bigCsv(200_000), fileName: 'huge.csv', progressIntervalMs: 0 }, (p) => {
      if (cancelled) afterCancel++;
      else if (p.phase === 'parsing') {
        cancelled = true;
        job.cancel();
      }
    });
    const error = await rejection(job.result);
    expect(error).toBeInstanceOf(ImportCancelledError);
    expect((error as Error).message).toBe('The import of huge.csv was cancelled; nothing was imported.');
    // The worker waits for further requests until terminated: it exits only because cancel ended it.
    await job.exited;
    expect(afterCancel).toBe(0);
  });
});
