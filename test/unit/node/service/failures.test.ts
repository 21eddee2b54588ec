// What the service does when things break underneath it: a journal append that fails is
// taken back (graph, undo stack and journal all as before) and reported as io_error; an
// unexpected exception in a query becomes `internal` and is logged. The storage and query
// modules are the real ones, wrapped so a test can make one call fail.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UncertainAppendError, type CmdbStore } from '../../../../src/node/storage';
import { tempDir, writeDocument } from './fixture';

const faults = vi.hoisted(() => ({ persist: null as Error | null, graphView: null as Error | null }));

vi.mock('../../../../src/node/storage', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../src/node/storage')>();
  return {
    ...real,
    openCmdbStore: async (...args: Parameters<typeof real.openCmdbStore>): Promise<CmdbStore> => {
      const store = await real.openCmdbStore(...args);
      const persist = store.persist.bind(store);
      // Keep every property and method of the real store; only persist can be made to fail.
      return new Proxy(store, {
        get(target, key, receiver) {
          if (key === 'persist') {
            return async (tx: Parameters<CmdbStore['persist']>[0]) => {
              if (faults.persist) throw faults.persist;
              return persist(tx);
            };
          }
          const value: unknown = Reflect.get(target, key, receiver);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
  };
});

vi.mock('../../../../src/core/query', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../src/core/query')>();
  return {
    ...real,
    graphView: (...args: Parameters<typeof real.graphView>) => {
      if (faults.graphView) throw faults.graphView;
      return real.graphView(...args);
    },
  };
});

const { startFaultlineService } = await import('../../../../src/node/service');

const dirs: string[] = [];

afterEach(() => {
  faults.persist = null;
  faults.graphView = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(log: (message: string, error?: unknown) => void = () => undefined) {
  const dir = tempDir('failures');
  dirs.push(dir);
  const sample = writeDocument(join(dir, 'source.faultline'));
  return startFaultlineService({ dataDir: join(dir, 'data'), actor: 'tester', sampleSource: sample, log });
}

describe('service failures', () => {
  it('says an edit that failed and could not be cut back may still be in the file, and undoes it here', async () => {
    const service = await start();
    const before = service.documentInfo();
    faults.persist = new UncertainAppendError('doc.faultline.journal', new Error('EIO: i/o error, fdatasync'), new Error('EIO: i/o error, ftruncate'));
    const failed = await service.dispatch('ci.delete', { id: 'db_orders' });
    expect(failed.ok).toBe(false);
    if (!failed.ok) {
      expect(failed.error.code).toBe('io_error');
      expect(failed.error.message).toMatch(/^Could not save "Delete orders-db" \(EIO: i\/o error, fdatasync; cutting doc\.faultline\.journal back failed too .*\)\. It is undone here but may still be in the file/);
      expect(failed.error.message).not.toMatch(/not applied/);
    }
    expect(service.documentInfo().ciCount).toBe(before.ciCount);
    await service.close();
  });

  it('reverts an edit whose journal append fails, and says it was not applied', async () => {
    const service = await start();
    const before = service.documentInfo();
    const changes: number[] = [];
    service.onChange((info) => changes.push(info.revision));

    faults.persist = new Error('ENOSPC: no space left on device');
    const failed = await service.dispatch('ci.delete', { id: 'db_orders' });
    expect(failed.ok).toBe(false);
    if (!failed.ok) {
      expect(failed.error.code).toBe('io_error');
      expect(failed.error.message).toMatch(/Could not save "Delete orders-db" \(ENOSPC: no space left on device\); the change was not applied/);
    }
    const after = service.documentInfo();
    expect(after.ciCount).toBe(before.ciCount);
    expect(after.relationshipCount).toBe(before.relationshipCount);
    expect(after.canUndo).toBe(false);
    expect(after.revision).toBe(before.revision);
    expect(changes).toEqual([]);
    expect((await service.dispatch('ci.get', { id: 'db_orders' })).ok).toBe(true);

    // An undo whose append fails leaves the edit (and the undo stack) in place.
    faults.persist = null;
    expect((await service.dispatch('ci.update', { id: 'app_web', patch: { owner: 'first' } })).ok).toBe(true);
    faults.persist = new Error('EIO');
    expect(await service.dispatch('history.undo', {})).toMatchObject({ ok: false, error: { code: 'io_error' } });
    expect(service.documentInfo()).toMatchObject({ canUndo: true, canRedo: false, undoLabel: 'Edit Web Shop' });

    // Once the disk is back, the journal holds exactly the acknowledged edits.
    faults.persist = null;
    await service.close();
    const again = await startFaultlineService({ dataDir: dirname(before.path), actor: 'tester', documentPath: before.path, log: () => undefined });
    const web = await again.dispatch('ci.get', { id: 'app_web' });
    const orders = await again.dispatch('ci.get', { id: 'db_orders' });
    await again.close();
    expect(web).toMatchObject({ ok: true, value: { ci: { owner: 'first' } } });
    expect(orders.ok).toBe(true);
  });

  it('reports an unexpected exception as internal and logs it', async () => {
    const logged: string[] = [];
    const service = await start((message) => logged.push(message));
    faults.graphView = new TypeError('boom');
    const result = await service.dispatch('view.graph', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'view.graph failed unexpectedly: boom' } });
    expect(logged).toEqual(['Faultline: view.graph failed unexpectedly']);
    faults.graphView = null;
    expect((await service.dispatch('view.graph', {})).ok).toBe(true);
    await service.close();
  });
});
