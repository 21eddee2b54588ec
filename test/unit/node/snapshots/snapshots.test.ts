// Snapshots beside a document, the history base, "as of" across a compaction (base.json +
// <doc>.history segments + the live journal) and the capped diff view.
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AsOfError, diffCmdb } from '../../../../src/core/diff';
import { documentFromCmdb } from '../../../../src/core/graph/load';
import {
  createSnapshot,
  diffView,
  documentAsOfTime,
  ensureHistoryBase,
  historyBasePath,
  listSnapshots,
  readSnapshot,
  SnapshotError,
} from '../../../../src/node/snapshots';
import { nodeEnvironment, openCmdbStore, type CmdbStore } from '../../../../src/node/storage';
import type { Ci, Relationship } from '../../../../src/shared/model';
import { smallDocument, tempDir, writeDocument } from '../service/fixture';

const dirs: string[] = [];
const stores: CmdbStore[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function newDoc(): string {
  const dir = tempDir('snapshots');
  dirs.push(dir);
  return writeDocument(join(dir, 'doc.faultline'));
}

async function openStore(path: string): Promise<CmdbStore> {
  const store = await openCmdbStore(path, { env: nodeEnvironment('tester'), compaction: false });
  stores.push(store);
  return store;
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('named snapshots', () => {
  it('are written beside the document and listed oldest first with counts', async () => {
    const doc = newDoc();
    expect(await listSnapshots(doc)).toEqual([]);
    const a = await createSnapshot(doc, 'first', smallDocument(), new Date('2026-02-01T00:00:00.000Z'));
    const b = await createSnapshot(doc, 'second', { ...smallDocument(), cis: smallDocument().cis.slice(0, 3), relationships: [] });
    expect(a).toMatchObject({ name: 'first', createdAt: '2026-02-01T00:00:00.000Z', ciCount: 8, relationshipCount: 7 });
    expect((await listSnapshots(doc)).map((s) => [s.name, s.ciCount])).toEqual([
      ['first', 8],
      ['second', 3],
    ]);
    expect(readdirSync(`${doc}.snapshots`).sort()).toEqual([`${a.id}.json`, `${b.id}.json`, 'index.json'].sort());
    expect((await readSnapshot(doc, b.id)).document.cis.map((c) => c.id)).toEqual(smallDocument().cis.slice(0, 3).map((c) => c.id));
    await expect(readSnapshot(doc, 'snap_none')).rejects.toBeInstanceOf(SnapshotError);
  });

  it('report a corrupt index instead of guessing', async () => {
    const doc = newDoc();
    await createSnapshot(doc, 'first', smallDocument());
    writeFileSync(join(`${doc}.snapshots`, 'index.json'), '{"snapshots": [');
    await expect(listSnapshots(doc)).rejects.toThrow(/index\.json is not valid JSON/);
  });
});

describe('history base and as of', () => {
  it('copies the checkpoint once, and never a corrupt one', async () => {
    const doc = newDoc();
    expect(await ensureHistoryBase(doc)).toBe(true);
    expect(await ensureHistoryBase(doc)).toBe(false);
    const corrupt = join(dirs[0], 'bad.faultline');
    writeFileSync(corrupt, '{"schemaVersion": 1, "cis": [');
    expect(await ensureHistoryBase(corrupt)).toBe(false);
    expect(existsSync(historyBasePath(corrupt))).toBe(false);
  });

  it('rebuilds a time between two edits after the first compaction overwrote the original checkpoint', async () => {
    const doc = newDoc();
    await ensureHistoryBase(doc);
    const store = await openStore(doc);
    const { ci, tx } = store.cmdb.createCi({ name: 'queue', class: 'technical_service' });
    await store.persist(tx);
    await sleep(15);
    const between = new Date().toISOString();
    await sleep(15);
    await store.persist(store.cmdb.updateCi(ci.id, { name: 'queue-v2' }).tx);
    await store.compact();
    await store.persist(store.cmdb.deleteCi('lb_front').tx);

    const then = await documentAsOfTime(doc, between);
    expect(then.cis.find((c) => c.id === ci.id)?.name).toBe('queue');
    expect(then.cis.map((c) => c.id)).toContain('lb_front');
    expect(then.journalSeq).toBe(1);

    const now = await documentAsOfTime(doc, new Date().toISOString());
    expect(now.cis.find((c) => c.id === ci.id)?.name).toBe('queue-v2');
    expect(now.cis.map((c) => c.id)).not.toContain('lb_front');
    expect(now.cis).toEqual(documentFromCmdb(store.cmdb).cis.sort((a, b) => (a.id < b.id ? -1 : 1)));

    await expect(documentAsOfTime(doc, '2025-12-31T00:00:00.000Z')).rejects.toThrow(/before the oldest state/);
    await expect(documentAsOfTime(doc, 'yesterday')).rejects.toBeInstanceOf(AsOfError);
  });
});

describe('diff view', () => {
  const ci = (id: string): Ci => ({ ...smallDocument().cis[0], id, name: id });
  const rel = (id: string, source: string, target: string): Relationship => ({ id, source, target, type: 'depends_on', strength: 'hard' });

  it('holds the changed CIs and their direct neighbours, capped', () => {
    const from = { cis: ['a', 'b', 'c', 'd', 'e'].map(ci), relationships: [rel('r1', 'a', 'b'), rel('r2', 'b', 'c'), rel('r3', 'd', 'e')] };
    const to = { cis: [...from.cis.filter((c) => c.id !== 'c'), ci('f')], relationships: [rel('r1', 'a', 'b'), rel('r3', 'd', 'e'), rel('r4', 'f', 'a')] };
    const diff = diffCmdb(from, to);
    const view = diffView(from, to, diff, 100);
    // c removed, f added, r2 (b→c) removed, r4 (f→a) added: changed a, b, c, f; neighbours none beyond them.
    expect(view.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c', 'f']);
    expect(view.edges.map((e) => e.id)).toEqual(['r1', 'r2', 'r4']);
    expect(view.truncated).toBe(false);
    const capped = diffView(from, to, diff, 2);
    expect(capped.nodes).toHaveLength(2);
    expect(capped.truncated).toBe(true);
  });
});
