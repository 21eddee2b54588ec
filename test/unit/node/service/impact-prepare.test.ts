// The service prepares the impact engine for the changed graph once edits pause (so the first
// simulation after an edit does not pay for rebuilding it), once per burst of edits, inside its
// queue, and never after it is closed; then common cause, a slice per turn of the queue until it
// is done or the next edit. prepareImpact and prepareCommonCause are tested in test/unit/core.
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CmdbGraph } from '../../../../src/core/graph/cmdb-graph';
import { startFaultlineService, type FaultlineService } from '../../../../src/node/service';
import { PREPARE_DELAY_MS, PREPARE_IDLE_MS, PREPARE_SLICE_MS } from '../../../../src/node/service/service';
import { tempDir, writeDocument } from './fixture';

const prepared = vi.hoisted(() => [] as CmdbGraph[]);
/** Graphs given to each slice of common cause's preparation; the mock says "more" for the first SLICES - 1. */
const slices = vi.hoisted(() => ({ graphs: [] as CmdbGraph[], budgets: [] as number[] }));
const SLICES = 3;
vi.mock('../../../../src/core/incidents', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../../src/core/incidents')>();
  return {
    ...actual,
    prepareCommonCause: (graph: CmdbGraph, options: { budgetMs: number }) => {
      slices.graphs.push(graph);
      slices.budgets.push(options.budgetMs);
      return slices.graphs.length < SLICES;
    },
  };
});
vi.mock('../../../../src/core/impact', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../../src/core/impact')>();
  return {
    ...actual,
    prepareImpact: (graph: CmdbGraph) => {
      prepared.push(graph);
      actual.prepareImpact(graph);
    },
  };
});

let dir = '';
let service: FaultlineService | null = null;

beforeEach(async () => {
  dir = tempDir('prepare');
  const documentPath = writeDocument(join(dir, 'cmdb.faultline'));
  service = await startFaultlineService({ dataDir: join(dir, 'data'), documentPath, actor: 'tester', log: () => undefined });
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  prepared.length = 0;
  slices.graphs.length = 0;
  slices.budgets.length = 0;
});

afterEach(async () => {
  vi.useRealTimers();
  await service?.close();
  service = null;
  rmSync(dir, { recursive: true, force: true });
});

/** Lets setImmediate callbacks and the queue's promises run (the slices are scheduled with setImmediate). */
async function turns(count: number): Promise<void> {
  for (let k = 0; k < count; k++) await new Promise<void>((resolve) => setImmediate(resolve));
}

async function ok(name: string, input: unknown): Promise<void> {
  const result = await service!.dispatch(name, input);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
}

describe('preparing the impact engine after edits', () => {
  it('prepares once, after a burst of edits pauses, the graph as edited', async () => {
    await ok('ci.update', { id: 'app_web', patch: { name: 'Web Shop v2' } });
    await ok('ci.update', { id: 'app_web', patch: { owner: 'sre' } });
    await ok('history.undo', {});
    vi.advanceTimersByTime(PREPARE_DELAY_MS - 1);
    expect(prepared).toHaveLength(0);
    vi.advanceTimersByTime(1);
    // The preparation runs in the service's queue: a read queued after it sees it done.
    await ok('doc.info', {});
    expect(prepared).toHaveLength(1);
    expect(prepared[0].getCi('app_web')?.name).toBe('Web Shop v2');
    expect(prepared[0].getCi('app_web')?.owner).not.toBe('sre');
  });

  it('does not prepare after the service is closed', async () => {
    await ok('ci.update', { id: 'app_web', patch: { name: 'Closed soon' } });
    const closing = service!;
    service = null;
    await closing.close();
    vi.advanceTimersByTime(PREPARE_DELAY_MS * 2);
    await Promise.resolve();
    expect(prepared).toHaveLength(0);
  });

  it('then, once the user is idle, prepares common cause for the same graph, one slice per turn of the queue, until it is done', async () => {
    await ok('ci.update', { id: 'app_web', patch: { name: 'Sliced' } });
    vi.advanceTimersByTime(PREPARE_DELAY_MS);
    await ok('doc.info', {});
    await turns(10);
    // The edit was a request: nothing yet (the status poll does not count).
    expect(prepared).toHaveLength(1);
    expect(slices.graphs).toHaveLength(0);
    vi.advanceTimersByTime(PREPARE_IDLE_MS - PREPARE_DELAY_MS);
    await turns(10);
    expect(slices.graphs).toHaveLength(SLICES);
    expect(new Set(slices.graphs)).toEqual(new Set(prepared));
    expect(slices.budgets.every((b) => b === PREPARE_SLICE_MS)).toBe(true);
    // Done: nothing more comes.
    await turns(10);
    expect(slices.graphs).toHaveLength(SLICES);
  });

  it('waits while requests keep coming, and stops at the next edit, preparing again once edits pause', async () => {
    await ok('ci.update', { id: 'app_web', patch: { name: 'First' } });
    vi.advanceTimersByTime(PREPARE_DELAY_MS);
    await ok('doc.info', {});
    // A read at work postpones the slices by PREPARE_IDLE_MS from it.
    vi.advanceTimersByTime(PREPARE_IDLE_MS - PREPARE_DELAY_MS - 1);
    await ok('ci.get', { id: 'app_web' });
    vi.advanceTimersByTime(1);
    await turns(10);
    expect(slices.graphs).toHaveLength(0);
    vi.advanceTimersByTime(PREPARE_IDLE_MS - 1);
    await ok('ci.update', { id: 'app_web', patch: { name: 'Second' } });
    vi.advanceTimersByTime(1);
    await turns(10);
    // The edit came before the slices of the first revision began: none of them ran.
    expect(slices.graphs).toHaveLength(0);
    vi.advanceTimersByTime(PREPARE_IDLE_MS);
    await ok('doc.info', {});
    await turns(10);
    expect(slices.graphs).toHaveLength(SLICES);
    expect(slices.graphs.every((g) => g.getCi('app_web')?.name === 'Second')).toBe(true);
  });
});
