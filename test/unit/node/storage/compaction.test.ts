import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cmdbFromDocument, documentFromCmdb } from '../../../../src/core/graph/load';
import { CheckpointAdapter, readCheckpoint, readJournal, writeFileAtomic, type CmdbStore } from '../../../../src/node/storage';
import type { JournalRecord } from '../../../../src/shared/model';
import { chainDocument, listDir, makeTempDir, open, stateOf, testEnvironment } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let path: string;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  path = join(dir, 'doc.faultline');
});
afterEach(() => cleanup());

/** One edit of a rotating kind: create, update, link, delete with relationships. */
async function edit(store: CmdbStore, i: number): Promise<void> {
  const cmdb = store.cmdb;
  const ids = [...cmdb.graph.cis()].map((c) => c.id);
  let tx;
  if (i % 4 === 0 || ids.length < 3) tx = cmdb.createCi({ name: `Edit ${i}`, class: 'container', attributes: { i: String(i) } }).tx;
  else if (i % 4 === 1) tx = cmdb.updateCi(ids[i % ids.length], { owner: `owner-${i}` }).tx;
  else if (i % 4 === 2) {
    const source = ids[ids.length - 1];
    const target = ids.find((id) => id !== source && cmdb.graph.findRelationship(source, id, 'connects_to') === undefined);
    tx = target ? cmdb.createRelationship({ source, target, type: 'connects_to' }).tx : cmdb.createCi({ name: `Edit ${i}`, class: 'cache' }).tx;
  } else tx = cmdb.deleteCi(ids[Math.floor(ids.length / 2)]).tx;
  await store.persist(tx);
}

/** Every journal record on disk: history, sealed segments and the live journal. */
async function allRecords(): Promise<JournalRecord[]> {
  const files: string[] = [];
  const history = `${path}.history`;
  const inHistory = await readdir(history).catch(() => [] as string[]);
  files.push(...inHistory.map((n) => join(history, n)));
  files.push(...(await readdir(dir)).filter((n) => /^doc\.faultline\.journal\.\d+-\d+$/.test(n)).map((n) => join(dir, n)));
  files.push(`${path}.journal`);
  const records: JournalRecord[] = [];
  for (const file of files) records.push(...((await readJournal(file, { allowTornTail: false }))?.records ?? []));
  return records.sort((a, b) => a.seq - b.seq);
}

async function settle(store: CmdbStore): Promise<void> {
  while (store.stats().compacting) await new Promise((r) => setTimeout(r, 5));
}

describe('compaction', () => {
  it('folds the journal into checkpoints in the background and keeps every record in the history', async () => {
    await writeFileAtomic(path, JSON.stringify(chainDocument(6)));
    const store = await open(path, { compaction: { maxRecords: 10 } });
    for (let i = 0; i < 57; i++) await edit(store, i);
    await settle(store);
    const lastSeq = store.cmdb.lastSeq;
    const expected = stateOf(store);
    expect(store.stats().compactions).toBeGreaterThanOrEqual(3);
    await store.close();

    const seqs = (await allRecords()).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
    const checkpoint = await readCheckpoint(path);
    expect(checkpoint?.document.journalSeq).toBeGreaterThanOrEqual(30);
    expect((await readdir(`${path}.history`)).length).toBeGreaterThanOrEqual(3);

    const reopened = await open(path);
    expect(stateOf(reopened)).toEqual(expected);
    expect(reopened.cmdb.lastSeq).toBe(lastSeq);
    await reopened.close();
  });

  it('loses no edit made while a compaction is being written', async () => {
    await writeFileAtomic(path, JSON.stringify(chainDocument(3000)));
    // Tiny chunks make the checkpoint write span many event-loop turns.
    const store = await open(path, { serialize: { ciChunk: 20, relationshipChunk: 20 } });
    for (let i = 0; i < 5; i++) await edit(store, i);
    const compaction = store.compact();
    let duringCompaction = 0;
    for (let i = 5; i < 60; i++) {
      await edit(store, i);
      if (store.stats().compacting) duringCompaction++;
    }
    await compaction;
    expect(duringCompaction).toBeGreaterThan(0);
    const expected = stateOf(store);
    const lastSeq = store.cmdb.lastSeq;
    await store.close();

    expect((await readCheckpoint(path))?.document.journalSeq).toBeGreaterThanOrEqual(5);
    expect((await allRecords()).map((r) => r.seq)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
    const reopened = await open(path);
    expect(stateOf(reopened)).toEqual(expected);
    await reopened.close();
  });

  it('does nothing when the checkpoint is already current', async () => {
    const store = await open(path);
    await store.compact();
    await store.close();
    expect(await listDir(dir)).toEqual(['doc.faultline', 'doc.faultline.journal']);
  });

  describe('a crash between its steps still opens with every edit', () => {
    // Files as a store leaves them after 8 edits on a 5-CI document, and the state they hold.
    let lines: string[];
    let expected: ReturnType<typeof stateOf>;
    const base = chainDocument(5);

    beforeEach(async () => {
      await writeFileAtomic(path, JSON.stringify(base));
      const store = await open(path);
      for (let i = 0; i < 8; i++) await edit(store, i);
      expect(store.cmdb.lastSeq).toBeGreaterThanOrEqual(8);
      expected = stateOf(store);
      await store.close();
      lines = (await readFile(`${path}.journal`, 'utf8')).split('\n').filter(Boolean);
    });

    const seqOf = (line: string) => (JSON.parse(line) as JournalRecord).seq;
    /** The journal lines of the first five transactions' records (the segment a compaction would seal). */
    const cut = () => lines.findIndex((l) => (JSON.parse(l) as { txn: number[] }).txn[0] === 1 && seqOf(l) > 5);
    const records = () => lines.map((l) => JSON.parse(l) as JournalRecord);

    async function sealSegment(): Promise<number> {
      const at = cut();
      const lastSealed = seqOf(lines[at - 1]);
      await writeFile(`${path}.journal.1-${lastSealed}`, `${lines.slice(0, at).join('\n')}\n`);
      await writeFile(`${path}.journal`, `${lines.slice(at).join('\n')}\n`);
      return lastSealed;
    }

    async function checkpointAt(seq: number): Promise<void> {
      const cmdb = cmdbFromDocument(base, records().filter((r) => r.seq <= seq), testEnvironment());
      await new CheckpointAdapter(path).write(documentFromCmdb(cmdb, base.settings));
    }

    async function expectAllEdits(): Promise<void> {
      const store = await open(path, { compaction: { maxRecords: 1000 } });
      expect(stateOf(store)).toEqual(expected);
      expect(store.cmdb.lastSeq).toBe(seqOf(lines[lines.length - 1]));
      await store.close();
      // Opening finished the interrupted compaction: no sealed segment is left beside the checkpoint.
      expect((await listDir(dir)).filter((n) => /journal\.\d/.test(n))).toEqual([]);
      const again = await open(path);
      expect(stateOf(again)).toEqual(expected);
      await again.close();
    }

    it('after sealing the journal, before the new journal exists', async () => {
      await writeFile(`${path}.journal.1-${seqOf(lines[lines.length - 1])}`, `${lines.join('\n')}\n`);
      await rm(`${path}.journal`);
      await expectAllEdits();
    });

    it('after sealing the journal, with edits in the new journal', async () => {
      await sealSegment();
      await expectAllEdits();
    });

    it('while the checkpoint temp file was being written', async () => {
      await sealSegment();
      await writeFile(join(dir, '.doc.faultline.tmp-999-abcdef'), '{"schemaVersion":1,"journalSeq":5,"cis":[{"id":"ha');
      await expectAllEdits();
      expect((await listDir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
    });

    it('after the checkpoint, before the segment moved to the history', async () => {
      const sealed = await sealSegment();
      await checkpointAt(sealed);
      await expectAllEdits();
      expect(await readdir(`${path}.history`)).toEqual([`doc.faultline.journal.1-${sealed}`]);
    });

    it('after the segment moved to the history', async () => {
      const sealed = await sealSegment();
      await checkpointAt(sealed);
      await mkdir(`${path}.history`);
      await writeFile(join(`${path}.history`, `doc.faultline.journal.1-${sealed}`), `${lines.slice(0, cut()).join('\n')}\n`);
      await rm(`${path}.journal.1-${sealed}`);
      await expectAllEdits();
    });
  });
});
