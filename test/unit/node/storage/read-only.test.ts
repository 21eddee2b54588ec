// Reading a document without its lock: the same state the writer has (through compactions,
// sealed segments and history), nothing created or moved, damage reported and left alone.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDocumentReadOnly, StoreOpenError, writeFileAtomic } from '../../../../src/node/storage';
import { chainDocument, listDir, makeTempDir, open, stateOf, testEnvironment } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let path: string;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  path = join(dir, 'doc.faultline');
  await writeFileAtomic(path, JSON.stringify(chainDocument(4)));
});
afterEach(() => cleanup());

describe('readDocumentReadOnly', () => {
  it('sees every acknowledged edit of a store that is open and compacting, and creates no file', async () => {
    const store = await open(path, { compaction: { maxRecords: 3 } });
    for (let i = 0; i < 20; i++) {
      await store.persist(store.cmdb.createCi({ name: `Edit ${i}`, class: 'server' }).tx);
      const before = await listDir(dir);
      const read = await readDocumentReadOnly(path, testEnvironment());
      const { cis, relationships } = stateOf(store);
      const got = stateOf({ cmdb: read.cmdb } as Parameters<typeof stateOf>[0]);
      expect(got.cis.map((c) => c.id)).toEqual(cis.map((c) => c.id));
      expect(got.relationships).toEqual(relationships);
      expect(read.warnings).toEqual([]);
      const after = await listDir(dir);
      // Only the writer's own compaction may have changed the folder meanwhile.
      expect(after.filter((name) => !before.includes(name) && !name.startsWith('doc.faultline.journal') && name !== 'doc.faultline.history' && !name.startsWith('.doc.faultline.tmp'))).toEqual([]);
    }
    expect(store.stats().compactions).toBeGreaterThan(0);
    await store.close();
  });

  it('reports a damaged journal and changes nothing', async () => {
    const store = await open(path);
    for (let i = 0; i < 3; i++) await store.persist(store.cmdb.createCi({ name: `Edit ${i}`, class: 'server' }).tx);
    await store.close();
    const lines = (await readFile(`${path}.journal`, 'utf8')).split('\n');
    lines[1] = lines[1].replace('"Edit 1"', '"Edit 9"');
    await writeFile(`${path}.journal`, lines.join('\n'));
    const before = await listDir(dir);
    const error = await readDocumentReadOnly(path, testEnvironment()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as StoreOpenError).kind).toBe('corrupt');
    expect((error as StoreOpenError).message).toMatch(/line 2 .*checksum.*Nothing was changed/);
    expect(await listDir(dir)).toEqual(before);
  });

  it('does not read an unfinished tail, and says so', async () => {
    const store = await open(path);
    await store.persist(store.cmdb.createCi({ name: 'Kept', class: 'server' }).tx);
    await store.close();
    await writeFile(`${path}.journal`, `${await readFile(`${path}.journal`, 'utf8')}{"seq":2,"tx":2`);
    const read = await readDocumentReadOnly(path, testEnvironment());
    expect(read.cmdb.graph.ciCount).toBe(5);
    expect(read.warnings.join('\n')).toMatch(/unfinished tail/);
    expect(await readFile(`${path}.journal`, 'utf8')).toMatch(/\{"seq":2,"tx":2$/);
  });
});
