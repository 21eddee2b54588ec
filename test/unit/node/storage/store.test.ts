import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCheckpoint, readJournal } from '../../../../src/node/storage';
import { listDir, makeTempDir, open, stateOf } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let path: string;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  path = join(dir, 'doc.faultline');
});
afterEach(() => cleanup());

describe('store', () => {
  it('creates a missing folder for a new document', async () => {
    const nested = join(dir, 'a', 'b', 'new.faultline');
    const store = await open(nested);
    await store.close();
    expect(await listDir(join(dir, 'a', 'b'))).toEqual(['new.faultline', 'new.faultline.journal']);
  });

  it('writes transactions persisted back to back in order, each acknowledged once durable', async () => {
    const store = await open(path);
    const txs = Array.from({ length: 25 }, (_, i) => store.cmdb.createCi({ name: `Burst ${i}`, class: 'server' }).tx);
    const acknowledged: number[] = [];
    await Promise.all(txs.map((tx) => store.persist(tx).then(() => acknowledged.push(tx.records[0].seq))));
    expect(acknowledged).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(store.stats()).toMatchObject({ durableSeq: 25, journalRecords: 25 });
    await store.close();
    expect((await readJournal(`${path}.journal`, { allowTornTail: false }))?.records.map((r) => r.seq)).toEqual(acknowledged);
  });

  it('saves a copy of the acknowledged state, standalone, without touching the open document', async () => {
    const store = await open(path);
    for (let i = 0; i < 5; i++) await store.persist(store.cmdb.createCi({ name: `Copy me ${i}`, class: 'database' }).tx);
    const copyPath = join(dir, 'copy.faultline');
    await store.saveCopy(copyPath);
    await store.persist(store.cmdb.createCi({ name: 'Only in the original', class: 'database' }).tx);
    const original = stateOf(store);
    await expect(store.saveCopy(path)).rejects.toThrow(/open document itself/);
    await store.close();

    expect(await listDir(dir)).toEqual(['copy.faultline', 'doc.faultline', 'doc.faultline.journal']);
    const copy = await open(copyPath);
    expect(copy.cmdb.graph.ciCount).toBe(5);
    expect(copy.cmdb.lastSeq).toBe(5);
    await copy.close();
    const reopened = await open(path);
    expect(stateOf(reopened)).toEqual(original);
    await reopened.close();
  });

  it('replacing a document with a copy drops its old journal and keeps its history aside', async () => {
    const other = join(dir, 'other.faultline');
    const old = await open(other);
    for (let i = 0; i < 3; i++) await old.persist(old.cmdb.createCi({ name: `Old ${i}`, class: 'site' }).tx);
    await old.compact();
    await old.persist(old.cmdb.createCi({ name: 'Old journal only', class: 'site' }).tx);
    await old.close();
    expect(await readdir(`${other}.history`)).toHaveLength(1);

    const store = await open(path);
    await store.persist(store.cmdb.createCi({ name: 'New', class: 'cache' }).tx);
    await store.saveCopy(other);
    await store.close();

    const names = await listDir(dir);
    expect(names.filter((n) => n.startsWith('other.faultline'))).toEqual(['other.faultline', expect.stringMatching(/^other\.faultline\.history\.replaced-/)]);
    const replaced = await open(other);
    expect([...replaced.cmdb.graph.cis()].map((c) => c.name)).toEqual(['New']);
    await replaced.close();
  });

  it('refuses to save a copy over a document open elsewhere', async () => {
    const other = join(dir, 'other.faultline');
    const holder = await open(other);
    const store = await open(path);
    await expect(store.saveCopy(other)).rejects.toMatchObject({ kind: 'locked' });
    await store.close();
    await holder.close();
  });

  it('compacts right after open when the journal is already past the threshold', async () => {
    const store = await open(path);
    for (let i = 0; i < 12; i++) await store.persist(store.cmdb.createCi({ name: `E${i}`, class: 'server' }).tx);
    await store.close();
    const again = await open(path, { compaction: { maxRecords: 10 } });
    while (again.stats().compactions === 0) await new Promise((r) => setTimeout(r, 5));
    await again.close();
    expect((await readCheckpoint(path))?.document.journalSeq).toBe(12);
    expect(await readFile(`${path}.journal`, 'utf8')).toBe('');
  });

  it('reports a failed background compaction and keeps every edit', async () => {
    const errors: Error[] = [];
    const store = await open(path, { compaction: { maxRecords: 3 }, onBackgroundError: (e) => errors.push(e) });
    // A folder where the history folder should be: moving sealed segments there fails.
    await writeFile(`${path}.history`, 'not a folder');
    for (let i = 0; i < 4; i++) await store.persist(store.cmdb.createCi({ name: `E${i}`, class: 'server' }).tx);
    while (errors.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(store.warnings.join('\n')).toMatch(/Compaction failed .*still holds every edit/);
    const state = stateOf(store);
    await store.close();
    const reopened = await open(path);
    expect(stateOf(reopened)).toEqual(state);
    expect(reopened.warnings.join('\n')).toMatch(/Could not move old journal segments/);
    await reopened.close();
    // Once the obstacle is gone, the next open files the segments away.
    await rm(`${path}.history`);
    const again = await open(path);
    expect(stateOf(again)).toEqual(state);
    expect(again.warnings).toEqual([]);
    await again.close();
    expect((await readdir(`${path}.history`)).length).toBeGreaterThan(0);
  });
});
