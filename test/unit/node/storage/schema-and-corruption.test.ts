import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations, readCheckpoint, serializeDocumentToString, StoreOpenError } from '../../../../src/node/storage';
import { CURRENT_SCHEMA_VERSION } from '../../../../src/shared/model';
import { chainDocument, ci, listDir, makeTempDir, open, stateOf } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let path: string;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  path = join(dir, 'doc.faultline');
});
afterEach(() => cleanup());

async function openError(options = {}): Promise<StoreOpenError> {
  const error = await open(path, options).then(
    async (store) => {
      await store.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreOpenError);
  return error as StoreOpenError;
}

/** A schemaVersion 0 document, as migrations.ts documents the format. */
function version0(): Record<string, unknown> {
  return {
    schemaVersion: 0,
    cis: [ci('web'), ci('db', { class: 'database' }), ci('host', { class: 'server' })],
    relations: [
      { id: 'r1', source: 'web', target: 'db', kind: 'depends_on' },
      { id: 'r2', source: 'db', target: 'host', kind: 'runs_on' },
    ],
    settings: { theme: 'light' },
  };
}

describe('schemaVersion', () => {
  it('has a migration from every older version to the current one', () => {
    for (let v = 0; v < CURRENT_SCHEMA_VERSION; v++) expect(typeof migrations[v]).toBe('function');
  });

  it('migrates a version 0 document on open and writes it as the current version at once, keeping the original', async () => {
    const original = JSON.stringify(version0());
    await writeFile(path, original);
    const store = await open(path);
    expect(store.warnings.join('\n')).toMatch(/schemaVersion 0 .*migrated to 3 and rewritten .*kept as .*doc\.faultline\.v0-backup/);
    expect(store.cmdb.lastSeq).toBe(0);
    expect(store.cmdb.graph.getRelationship('r1')).toEqual({ id: 'r1', source: 'web', target: 'db', type: 'depends_on', strength: 'hard' });
    expect(store.cmdb.graph.getRelationship('r2')?.type).toBe('runs_on');
    expect(store.cmdb.graph.getCi('db')?.class).toBe('database');
    // Rewritten at open; the original kept byte for byte.
    expect(await readFile(`${path}.v0-backup`, 'utf8')).toBe(original);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, journalSeq: 0, settings: { theme: 'light' } });
    await store.persist(store.cmdb.updateCi('web', { owner: 'team-z' }).tx);
    await store.close();

    const reopened = await open(path);
    expect(reopened.warnings).toEqual([]);
    expect(reopened.cmdb.graph.getCi('web')?.owner).toBe('team-z');
    expect(reopened.cmdb.graph.relationshipCount).toBe(2);
    await reopened.close();
  });

  it('migrates a version 2 document to 3 on open, once: same CMDB, original kept as .v2-backup, the journal still replayed', async () => {
    const v1 = { ...chainDocument(5, 2), settings: { theme: 'light' } };
    const v3 = JSON.parse(await serializeDocumentToString(v1)) as Record<string, unknown>;
    const { records: _none, ...v2fields } = v3;
    const v2 = JSON.stringify({ ...v2fields, schemaVersion: 2 });
    await writeFile(path, v2);
    const first = await open(path);
    const before = stateOf(first);
    expect(first.warnings.join('\n')).toMatch(/schemaVersion 2 and was migrated to 3 and rewritten/);
    await first.persist(first.cmdb.updateCi('ci_1', { owner: 'team-q' }).tx);
    await first.close();
    expect(await readFile(`${path}.v2-backup`, 'utf8')).toBe(v2);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ schemaVersion: 3, journalSeq: 2, records: {} });

    const second = await open(path);
    expect(second.warnings).toEqual([]);
    expect(stateOf(second).cis).toEqual(before.cis.map((ci) => (ci.id === 'ci_1' ? { ...ci, owner: 'team-q', updatedAt: second.cmdb.graph.getCi('ci_1')?.updatedAt } : ci)));
    expect(stateOf(second).relationships).toEqual(before.relationships);
    await second.close();
  });

  it('opens a version 0, a version 1 and a version 2 file of the same CMDB to the same CMDB', async () => {
    const v1 = { ...chainDocument(7), settings: { theme: 'light' } };
    const v0 = {
      schemaVersion: 0,
      cis: v1.cis,
      relations: v1.relationships.map(({ id, source, target, type }) => ({ id, source, target, kind: type })),
      settings: v1.settings,
    };
    const v2 = await serializeDocumentToString(v1);
    const states: ReturnType<typeof stateOf>[] = [];
    for (const [name, text] of [['v0', JSON.stringify(v0)], ['v1', JSON.stringify(v1)], ['v2', v2]]) {
      const file = join(dir, `${name}.faultline`);
      await writeFile(file, text);
      const store = await open(file);
      states.push(stateOf(store));
      await store.close();
    }
    const [fromV0, fromV1, fromV2] = states;
    expect(fromV1.cis).toEqual([...v1.cis].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(fromV1.relationships).toEqual([...v1.relationships].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(fromV2).toEqual(fromV1);
    // Version 0 had no strength: every relation was hard.
    expect(fromV0).toEqual({ ...fromV1, relationships: fromV1.relationships.map((r) => ({ ...r, strength: 'hard' })) });
  });

  it('migrates a version 1 document on open without a warning, keeps it until compaction, then writes the current version', async () => {
    const original = JSON.stringify(chainDocument(6, 4));
    await writeFile(path, original);
    const store = await open(path);
    expect(store.warnings).toEqual([]);
    expect(store.cmdb.lastSeq).toBe(4);
    expect(stateOf(store).relationships).toEqual([...chainDocument(6).relationships].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(await readFile(path, 'utf8')).toBe(original);
    await store.persist(store.cmdb.updateCi('ci_2', { owner: 'team-z' }).tx);
    await store.compact();
    const before = stateOf(store);
    await store.close();

    const onDisk = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, journalSeq: 5, settings: { theme: 'dark' } });
    const reopened = await open(path);
    expect(stateOf(reopened)).toEqual(before);
    expect(reopened.cmdb.graph.getCi('ci_2')?.owner).toBe('team-z');
    await reopened.close();
  });

  it('treats a version 0 document without its relations as corrupt', async () => {
    await writeFile(path, JSON.stringify({ ...version0(), relations: undefined }));
    const error = await openError();
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/relations: expected an array/);
  });

  it('refuses a newer schemaVersion, naming the file and both versions, and leaves it untouched', async () => {
    const newer = Buffer.from(JSON.stringify({ ...chainDocument(3), schemaVersion: CURRENT_SCHEMA_VERSION + 1, futureField: [1, 2] }));
    await writeFile(path, newer);
    await writeFile(`${path}.journal`, '');
    const error = await openError();
    expect(error.kind).toBe('newer_schema');
    expect(error.path).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toContain(`schemaVersion ${CURRENT_SCHEMA_VERSION + 1}`);
    expect(error.message).toContain(`schemaVersion ${CURRENT_SCHEMA_VERSION} and older`);
    expect(error.movedTo).toBeUndefined();
    expect(Buffer.compare(await readFile(path), newer)).toBe(0);
    expect(await listDir(dir)).toEqual(['doc.faultline', 'doc.faultline.journal']);
  });
});

describe('a checkpoint that fails to parse or validate', () => {
  async function expectMovedAside(content: Buffer, problem: RegExp): Promise<StoreOpenError> {
    await writeFile(path, content);
    const error = await openError({ createIfMissing: false });
    expect(error.kind).toBe('corrupt');
    expect(error.path).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(problem);
    expect(error.movedTo).toMatch(/doc\.faultline\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z$/);
    expect(error.message).toContain(error.movedTo as string);
    expect(Buffer.compare(await readFile(error.movedTo as string), content)).toBe(0);
    expect(await listDir(dir)).not.toContain('doc.faultline');
    return error;
  }

  it('is moved aside byte for byte when it is not JSON, and the error says where', async () => {
    const text = JSON.stringify(chainDocument(5));
    const error = await expectMovedAside(Buffer.from(text.slice(0, 300)), /not valid JSON at character 300/);
    expect(error.message).toMatch(/line 1, column 301/);
  });

  it('names the field path of a value that fails the schema', async () => {
    const doc = chainDocument(20);
    (doc.cis[12] as unknown as Record<string, unknown>).class = 'toaster';
    await expectMovedAside(Buffer.from(JSON.stringify(doc)), /cis\[12\]\.class: /);
  });

  it('names a relationship whose end does not exist', async () => {
    const doc = chainDocument(6);
    doc.relationships[3] = { ...doc.relationships[3], target: 'ci_missing' };
    await expectMovedAside(Buffer.from(JSON.stringify(doc, null, 2)), /relationships\[3\]\.target: no CI with id ci_missing/);
  });

  it('names a malformed schemaVersion', async () => {
    await expectMovedAside(Buffer.from('{"format":"faultline","schemaVersion":-1,"cis":[],"relationships":[]}'), /schemaVersion: expected a whole number/);
  });

  it('takes its journal with it, never overwrites an earlier corrupt copy, and the path can then be created afresh', async () => {
    const first = Buffer.from('{"schemaVersion":1,"journalSeq":0,"cis":[{"id":"x"}],"relationships":[]}');
    await writeFile(`${path}.journal`, 'journal bytes\n');
    const error1 = await expectMovedAside(first, /cis\[0\]/);
    expect(await readFile(`${error1.movedTo}.journal`, 'utf8')).toBe('journal bytes\n');

    const second = Buffer.from('{"schemaVersion":1,"journalSeq":0,"cis":[{"id":"y"}],"relationships":[]}');
    const error2 = await expectMovedAside(second, /cis\[0\]/);
    expect(error2.movedTo).not.toBe(error1.movedTo);
    expect(Buffer.compare(await readFile(error1.movedTo as string), first)).toBe(0);

    const fresh = await open(path);
    expect(fresh.cmdb.graph.ciCount).toBe(0);
    await fresh.close();
  });

  it('reports read timings for a valid one', async () => {
    await writeFile(path, JSON.stringify(chainDocument(10)));
    const result = await readCheckpoint(path);
    expect(result?.document.cis).toHaveLength(10);
    expect(result?.timings.parseMs).toBeGreaterThanOrEqual(0);
  });
});
