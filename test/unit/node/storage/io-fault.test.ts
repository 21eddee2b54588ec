// The I/O-fault loop (issue 14) at a bounded size: every N of three small scenarios, with call N
// failing once, in a burst of two calls, and forever. The full-length loop is test/perf/io-fault-loop.ts.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCmdbStore, UncertainAppendError } from '../../../../src/node/storage';
import { FaultyFs } from '../../../support/faulty-fs';
import { dumpState, loopEnvironment, runFaultLoop, type LoopResult } from '../../../support/faulty-fs-loop';
import { compactionScenario, editsScenario, exportScenario } from '../../../support/faulty-fs-scenarios';
import { makeTempDir } from './helpers';

const SIZE = { cis: 12, journal: 4 };

function failuresOf(result: LoopResult): string[] {
  return result.runs.filter((run) => run.failure !== null).map((run) => `N=${run.at} (${run.call}): ${run.failure}`);
}

describe('I/O faults: the document opens to the old or the new state, never a third', () => {
  for (const scenario of [editsScenario(SIZE, 1), compactionScenario(SIZE), exportScenario(SIZE)]) {
    for (const mode of ['once', 'burst', 'forever'] as const) {
      it(`${scenario.name}, every call failing ${mode === 'burst' ? 'in a burst of two' : mode}`, async () => {
        const result = await runFaultLoop(scenario, { mode });
        expect(failuresOf(result)).toEqual([]);
        // Every call of the scenario was failed in one run, and each of those faults was injected.
        expect(result.runs).toHaveLength(result.calls);
        expect(result.runs.every((run) => run.injected > 0)).toBe(true);
        expect(result.runs.some((run) => run.errorsTold > 0)).toBe(true);
      });
    }
  }
});

describe('I/O faults found by the loop', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(() => cleanup());

  it('a copy that fails to save over a document leaves that document with its journal, as it was', async () => {
    const dest = join(dir, 'dest.faultline');
    const before = await openCmdbStore(dest, { env: loopEnvironment('d'), createIfMissing: true, compaction: false });
    await before.persist(before.cmdb.createCi({ name: 'Only in the journal', class: 'server' }).tx);
    const destState = dumpState(before.cmdb);
    await before.close();

    const fs = new FaultyFs();
    const source = await openCmdbStore(join(dir, 'source.faultline'), { env: loopEnvironment('s'), createIfMissing: true, compaction: false, fs });
    await source.persist(source.cmdb.createCi({ name: 'The copy', class: 'database' }).tx);
    fs.arm(null);
    await source.saveCopy(join(dir, 'probe.faultline'));
    const renameAt = fs.trace.findIndex((call) => / rename \.probe\.faultline\.tmp-/.test(call)) + 1;
    expect(renameAt).toBeGreaterThan(0);
    // The same call in a copy over `dest`: the checkpoint's rename into place fails.
    fs.arm({ at: renameAt, mode: 'once' });
    await expect(source.saveCopy(dest)).rejects.toMatchObject({ code: 'EIO' });
    fs.disarm();
    await source.close();

    const after = await openCmdbStore(dest, { env: loopEnvironment('c'), compaction: false });
    expect(dumpState(after.cmdb)).toBe(destState);
    await after.close();
  });

  it('a lock this process failed to remove does not keep it from opening the document again', async () => {
    const path = join(dir, 'doc.faultline');
    const fs = new FaultyFs();
    const store = await openCmdbStore(path, { env: loopEnvironment('l'), createIfMissing: true, compaction: false, fs });
    fs.arm({ at: 1, mode: 'forever', code: 'ENOSPC' });
    await store.close().catch(() => undefined);
    fs.disarm();
    expect(JSON.parse(await readFile(`${path}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    const again = await openCmdbStore(path, { env: loopEnvironment('m'), compaction: false });
    await again.close();
  });

  it('an edit whose save failed and could not be cut back is cut back before the next edit, never kept', async () => {
    const path = join(dir, 'doc.faultline');
    const fs = new FaultyFs();
    const store = await openCmdbStore(path, { env: loopEnvironment('t'), createIfMissing: true, compaction: false, fs });
    // Call 1 writes the edit, call 2 fdatasyncs it, call 3 cuts the file back after a failure.
    fs.arm({ at: 2, mode: 'burst' });
    const failed = store.cmdb.createCi({ name: 'Reported failed', class: 'server' }).tx;
    const error = await store.persist(failed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UncertainAppendError);
    expect(error).toMatchObject({ code: 'EIO', message: expect.stringMatching(/cutting .*doc\.faultline\.journal back failed too/) });
    store.cmdb.revert(failed);
    expect(fs.trace.slice(0, 3).map((call) => call.split(' ')[1])).toEqual(['write', 'fdatasync', 'ftruncate']);
    await store.persist(store.cmdb.createCi({ name: 'Saved after the burst', class: 'server' }).tx);
    fs.disarm();
    await store.compact();
    const state = dumpState(store.cmdb);
    await store.close();
    const reopened = await openCmdbStore(path, { env: loopEnvironment('u'), compaction: false });
    expect(dumpState(reopened.cmdb)).toBe(state);
    expect([...reopened.cmdb.graph.cis()].map((c) => c.name)).toEqual(['Saved after the burst']);
    await reopened.close();
  });

  it('a transaction bigger than a chunk is written in several writes, and a fault at the second leaves no trace of it', async () => {
    const path = join(dir, 'doc.faultline');
    const fs = new FaultyFs();
    const store = await openCmdbStore(path, { env: loopEnvironment('b'), createIfMissing: true, compaction: false, fs });
    await store.persist(store.cmdb.createCi({ name: 'Saved first', class: 'server' }).tx);
    const savedState = dumpState(store.cmdb);
    const big = (label: string) => {
      const ops = Array.from({ length: 4000 }, (_, i) => ({ kind: 'createCi' as const, input: { name: `${label} ${i}`, class: 'server' as const, attributes: { note: 'x'.repeat(200) } } }));
      return store.cmdb.applyBatch(label, ops).tx;
    };
    fs.arm({ at: 2, mode: 'once' });
    const failed = big('Lost');
    await expect(store.persist(failed)).rejects.toMatchObject({ code: 'EIO' });
    store.cmdb.revert(failed);
    expect(fs.trace.slice(0, 3).map((call) => call.split(' ')[1])).toEqual(['write', 'write', 'ftruncate']);
    fs.disarm();
    expect(dumpState(store.cmdb)).toBe(savedState);
    fs.arm(null);
    await store.persist(big('Kept'));
    expect(fs.trace.filter((call) => call.split(' ')[1] === 'write').length).toBeGreaterThan(1);
    fs.disarm();
    const state = dumpState(store.cmdb);
    await store.close();
    const reopened = await openCmdbStore(path, { env: loopEnvironment('r'), compaction: false });
    expect(dumpState(reopened.cmdb)).toBe(state);
    expect(reopened.cmdb.graph.ciCount).toBe(4001);
    await reopened.close();
  });

  it('after a compaction fails once, edits still save and the next compaction works', async () => {
    const path = join(dir, 'doc.faultline');
    const fs = new FaultyFs();
    const store = await openCmdbStore(path, { env: loopEnvironment('k'), createIfMissing: true, compaction: false, fs });
    const edit = (name: string) => store.persist(store.cmdb.createCi({ name, class: 'server' }).tx);
    await edit('Before');
    fs.arm(null);
    await store.compact();
    fs.disarm();
    // A compaction's first call closes the live journal; a later one opens the new journal.
    const reopenAt = fs.trace.findIndex((call) => call.endsWith(' open doc.faultline.journal')) + 1;
    expect(reopenAt).toBeGreaterThan(1);
    for (const at of [1, reopenAt]) {
      await edit(`Before a fault at call ${at}`);
      fs.arm({ at, mode: 'once' });
      // A failed close loses nothing (every append was fdatasync'd): that compaction goes on; the other fails.
      await store.compact().catch(() => undefined);
      expect(fs.injected).toBe(1);
      await edit(`After a fault at call ${at}`);
      await store.compact();
      fs.disarm();
    }
    const state = dumpState(store.cmdb);
    await store.close();
    const reopened = await openCmdbStore(path, { env: loopEnvironment('r'), compaction: false });
    expect(dumpState(reopened.cmdb)).toBe(state);
    await reopened.close();
  });
});
