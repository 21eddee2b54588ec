// The service prepares the impact engine for the changed graph once edits pause (so the first
// simulation after an edit does not pay for rebuilding it), once per burst of edits, inside its
// queue, and never after it is closed. prepareImpact itself is tested in test/unit/core/impact.
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CmdbGraph } from '../../../../src/core/graph/cmdb-graph';
import { startFaultlineService, type FaultlineService } from '../../../../src/node/service';
import { PREPARE_DELAY_MS } from '../../../../src/node/service/service';
import { tempDir, writeDocument } from './fixture';

const prepared = vi.hoisted(() => [] as CmdbGraph[]);
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
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  prepared.length = 0;
});

afterEach(async () => {
  vi.useRealTimers();
  await service?.close();
  service = null;
  rmSync(dir, { recursive: true, force: true });
});

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
});
