import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJournal, StoreOpenError, writeFileAtomic } from '../../../../src/node/storage';
import { parseJournalRecord } from '../../../../src/core/records';
import { chainDocument, makeTempDir, open, stateOf } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let path: string;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  path = join(dir, 'doc.faultline');
  await writeFileAtomic(path, JSON.stringify(chainDocument(4)));
});
afterEach(() => cleanup());

async function journalLines(): Promise<Record<string, unknown>[]> {
  const text = await readFile(`${path}.journal`, 'utf8');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('journal', () => {
  it('writes one fsync-acknowledged JSON line per record, framed by transaction', async () => {
    const store = await open(path);
    const { ci, tx } = store.cmdb.createCi({ name: 'Checkout', class: 'business_service' });
    await store.persist(tx);
    const del = store.cmdb.deleteCi('ci_2'); // a CI with two relationships: one transaction of three records
    await store.persist(del.tx);
    await store.close();

    const lines = await journalLines();
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect(lines.map((l) => l.txn)).toEqual([[1, 1], [1, 3], [2, 3], [3, 3]]);
    for (const line of lines) expect(parseJournalRecord(line).ok).toBe(true);
    expect(lines[0]).toMatchObject({ op: 'create', entity: 'ci', id: ci.id, before: null, after: ci, actor: 'tester' });
    expect(lines[3]).toMatchObject({ op: 'delete', entity: 'ci', id: 'ci_2', after: null });
  });

  it('replays the journal after the checkpoint on open, undo and redo included', async () => {
    const store = await open(path);
    const created = store.cmdb.createCi({ name: 'Payments', class: 'application', tags: ['pci'] });
    await store.persist(created.tx);
    await store.persist(store.cmdb.updateCi('ci_1', { owner: 'team-b', redundancy: { minHealthy: 2 } }).tx);
    await store.persist(store.cmdb.createRelationship({ source: created.ci.id, target: 'ci_3', type: 'runs_on', strength: 'soft' }).tx);
    await store.persist(store.cmdb.deleteCi('ci_0').tx);
    await store.persist(store.cmdb.undo()!);
    await store.persist(store.cmdb.undo()!);
    await store.persist(store.cmdb.redo()!);
    const before = stateOf(store);
    const lastSeq = store.cmdb.lastSeq;
    await store.close();

    const reopened = await open(path);
    expect(stateOf(reopened)).toEqual(before);
    expect(reopened.cmdb.lastSeq).toBe(lastSeq);
    expect(reopened.warnings).toEqual([]);
    // New edits continue the sequence.
    const next = reopened.cmdb.createCi({ name: 'After reopen', class: 'cache' });
    expect(next.tx.records[0].seq).toBe(lastSeq + 1);
    await reopened.persist(next.tx);
    await reopened.close();
  });

  it('drops a torn last line left by a crash, with a warning, and cuts the file back', async () => {
    const store = await open(path);
    await store.persist(store.cmdb.createCi({ name: 'Kept one', class: 'database' }).tx);
    await store.persist(store.cmdb.createCi({ name: 'Kept two', class: 'database' }).tx);
    const acknowledged = stateOf(store);
    await store.close();
    const goodSize = (await stat(`${path}.journal`)).size;
    await appendFile(`${path}.journal`, '{"seq":3,"tx":3,"time":"2024-01-01T00:00:09.000Z","actor":"tes');

    const reopened = await open(path);
    expect(stateOf(reopened)).toEqual(acknowledged);
    expect(reopened.cmdb.lastSeq).toBe(2);
    expect(reopened.warnings).toHaveLength(1);
    expect(reopened.warnings[0]).toMatch(/doc\.faultline\.journal: dropped an incomplete tail .*line 3/);
    expect((await stat(`${path}.journal`)).size).toBe(goodSize);
    // The next edit lands on a clean line.
    await reopened.persist(reopened.cmdb.createCi({ name: 'Third', class: 'database' }).tx);
    await reopened.close();
    const again = await open(path);
    expect(again.cmdb.lastSeq).toBe(3);
    expect(again.warnings).toEqual([]);
    await again.close();
  });

  it('drops a transaction whose last records never reached the disk, so an edit is replayed whole or not at all', async () => {
    const store = await open(path);
    await store.persist(store.cmdb.createCi({ name: 'Kept', class: 'database' }).tx);
    const acknowledged = stateOf(store);
    await store.persist(store.cmdb.deleteCi('ci_2').tx); // three records
    await store.close();
    const text = await readFile(`${path}.journal`, 'utf8');
    const lines = text.split('\n');
    // Keep the first record of the delete transaction and half of its second one.
    await writeFile(`${path}.journal`, `${lines.slice(0, 2).join('\n')}\n${lines[2].slice(0, 40)}`);

    const reopened = await open(path);
    expect(stateOf(reopened)).toEqual(acknowledged);
    expect(reopened.warnings[0]).toMatch(/line 2/);
    expect(await readFile(`${path}.journal`, 'utf8')).toBe(`${lines[0]}\n`);
    await reopened.close();
  });

  it('treats a bad line in the middle as corruption: the journal is moved aside unchanged, the records before it recovered', async () => {
    const store = await open(path);
    for (let i = 0; i < 3; i++) await store.persist(store.cmdb.createCi({ name: `Edit ${i}`, class: 'server' }).tx);
    await store.close();
    const lines = (await readFile(`${path}.journal`, 'utf8')).split('\n');
    lines[1] = lines[1].replace('"class":"server"', '"class":"toaster"');
    const corrupted = Buffer.from(lines.join('\n'));
    await writeFile(`${path}.journal`, corrupted);

    const error = await open(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreOpenError);
    const e = error as StoreOpenError;
    expect(e.kind).toBe('corrupt');
    expect(e.path).toBe(`${path}.journal`);
    expect(e.message).toContain('line 2');
    expect(e.message).toContain('checksum does not match');
    expect(e.movedTo).toMatch(/doc\.faultline\.journal\.corrupt-/);
    expect(Buffer.compare(await readFile(e.movedTo as string), corrupted)).toBe(0);
    expect(await readFile(`${path}.journal`, 'utf8')).toBe(`${lines[0]}\n`);
    expect(await readFile(path, 'utf8')).toBe(JSON.stringify(chainDocument(4)));

    // The document opens again at its checkpoint plus the record before the damage.
    const reopened = await open(path);
    expect(reopened.cmdb.graph.ciCount).toBe(5);
    await reopened.close();
  });

  it('treats a record that cannot be replayed as corruption', async () => {
    const store = await open(path);
    await store.persist(store.cmdb.createCi({ name: 'Fine', class: 'server' }).tx);
    await store.close();
    const bad = {
      seq: 2,
      tx: 2,
      time: '2024-01-01T00:00:05.000Z',
      actor: 'x',
      op: 'create',
      entity: 'relationship',
      id: 'rel_bad',
      before: null,
      after: { id: 'rel_bad', source: 'ci_0', target: 'ci_nowhere', type: 'runs_on', strength: 'hard' },
    };
    await appendFile(`${path}.journal`, `${JSON.stringify(bad)}\n`);
    await expect(open(path)).rejects.toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/seq 2 .*rel_bad.*recovered the record before it \(seq 1\)/) });
    const reopened = await open(path);
    expect(reopened.cmdb.graph.ciCount).toBe(5);
    expect(reopened.warnings.join('\n')).toMatch(/rel_bad/);
    await reopened.close();
  });

  it('reads every record of a journal file with readJournal', async () => {
    const store = await open(path);
    for (let i = 0; i < 5; i++) await store.persist(store.cmdb.createCi({ name: `N${i}`, class: 'server' }).tx);
    await store.close();
    const result = await readJournal(`${path}.journal`, { allowTornTail: false });
    expect(result?.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(result?.dropped).toBeNull();
    expect(await readJournal(join(dir, 'none.journal'), { allowTornTail: false })).toBeNull();
  });

  it('refuses a transaction that does not follow the last persisted one', async () => {
    const store = await open(path);
    const first = store.cmdb.createCi({ name: 'One', class: 'server' });
    await store.persist(first.tx);
    await expect(store.persist(first.tx)).rejects.toThrow(/not after seq 1/);
    await store.close();
    await expect(store.persist(first.tx)).rejects.toThrow(/closed/);
  });
});
