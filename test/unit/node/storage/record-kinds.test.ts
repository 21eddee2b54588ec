// A test-only kind on disk: its records survive the journal, a compaction (the checkpoint's
// `records`), a snapshot and an "as of" replay, and a damaged one is named in the error.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { documentFromCmdb, recordsOf } from '../../../../src/core/graph/load';
import { createSnapshot, documentAsOfTime, ensureHistoryBase, readSnapshot } from '../../../../src/node/snapshots';
import { StoreOpenError } from '../../../../src/node/storage';
import { registerNoteKind } from '../../../support/note-kind';
import { chainDocument, makeTempDir, open } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let path: string;

beforeAll(registerNoteKind);
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  path = join(dir, 'doc.faultline');
});
afterEach(() => cleanup());

describe('a registered kind on disk', () => {
  it('is replayed from the journal, then kept in the checkpoint after compaction', async () => {
    await writeFile(path, JSON.stringify(chainDocument(3)));
    const store = await open(path);
    await store.persist(store.cmdb.createRecord('note', { id: 'n1', text: 'watch ci_1', ciIds: ['ci_1'], status: 'open' }).tx);
    await store.persist(store.cmdb.createRecord('note', { id: 'n2', text: 'done', ciIds: [], status: 'closed' }).tx);
    await store.close();

    const fromJournal = await open(path);
    expect(recordsOf(fromJournal.cmdb).note?.map((n) => n.id)).toEqual(['n1', 'n2']);
    await fromJournal.compact();
    await fromJournal.close();
    const onDisk = JSON.parse(await readFile(path, 'utf8')) as { records: Record<string, unknown[]> };
    expect(onDisk.records.note).toEqual([
      { id: 'n1', text: 'watch ci_1', ciIds: ['ci_1'], status: 'open' },
      { id: 'n2', text: 'done', ciIds: [], status: 'closed' },
    ]);

    const fromCheckpoint = await open(path);
    expect(recordsOf(fromCheckpoint.cmdb)).toEqual(recordsOf(fromJournal.cmdb));
    // References hold across the reopen: the open note still protects ci_1.
    expect(() => fromCheckpoint.cmdb.deleteCi('ci_1')).toThrow(/note watch ci_1/);
    await fromCheckpoint.close();
  });

  it('a checkpoint whose record breaks its kind’s schema is refused, naming the record and field', async () => {
    await writeFile(path, JSON.stringify(chainDocument(2)));
    const store = await open(path);
    await store.persist(store.cmdb.createRecord('note', { id: 'n1', text: 'ok', ciIds: [], status: 'open' }).tx);
    await store.compact();
    await store.close();
    const raw = JSON.parse(await readFile(path, 'utf8')) as { records: { note: { status: string }[] } };
    raw.records.note[0].status = 'maybe';
    await writeFile(path, JSON.stringify(raw));
    const error = await open(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as StoreOpenError).message).toMatch(/records\.note\[0\]\.status/);
  });

  it('is in snapshots and in "as of" views', async () => {
    await writeFile(path, JSON.stringify(chainDocument(2)));
    await ensureHistoryBase(path);
    const store = await open(path);
    const { tx } = store.cmdb.createRecord('note', { id: 'n1', text: 'first', ciIds: [], status: 'open' });
    await store.persist(tx);
    const between = tx.records[0].time;
    await store.persist(store.cmdb.updateRecord('note', 'n1', { text: 'second' }).tx);
    const meta = await createSnapshot(path, 'with notes', documentFromCmdb(store.cmdb));
    await store.close();

    const { document } = await readSnapshot(path, meta.id);
    expect(document.records?.note).toEqual([{ id: 'n1', text: 'second', ciIds: [], status: 'open' }]);
    const then = await documentAsOfTime(path, between);
    expect(then.records.note).toEqual([{ id: 'n1', text: 'first', ciIds: [], status: 'open' }]);
  });
});
