import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CheckpointAdapter,
  FORMAT_MARKER,
  jsonErrorOffset,
  nodeEnvironment,
  readCheckpoint,
  serializeDocumentToString,
  validateDocument,
  writeFileAtomic,
} from '../../../../src/node/storage';
import { encodeCheckpointSteps } from '../../../../src/core/checkpoint/columns';
import { runSteps } from '../../../../src/core/steps';
import { CURRENT_SCHEMA_VERSION } from '../../../../src/shared/model';
import { chainDocument, ci, listDir, makeTempDir, open, stateOf } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

describe('checkpoint', () => {
  it('serializes in chunks to exactly the compact JSON of its columns, which read back to the document', async () => {
    const doc = chainDocument(23, 7);
    for (const [ciChunk, relationshipChunk] of [[1, 1], [5, 4], [2000, 6000], [23, 22]]) {
      const text = await serializeDocumentToString(doc, { ciChunk, relationshipChunk });
      expect(text).not.toContain('\n');
      expect(text).toBe(JSON.stringify({ format: FORMAT_MARKER, ...runSteps(encodeCheckpointSteps(doc, { cis: ciChunk, relationships: relationshipChunk })) }));
      const raw = JSON.parse(text) as Record<string, unknown>;
      expect(raw).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, journalSeq: 7, settings: { theme: 'dark' }, records: {} });
      expect(validateDocument(raw, 'doc').document).toEqual(doc);
    }
    // One CI per slice: as many id groups as CIs.
    const fine = await serializeDocumentToString(doc, { ciChunk: 1, relationshipChunk: 1 });
    expect((JSON.parse(fine) as { cis: { id: string[] } }).cis.id).toHaveLength(23);
    expect(validateDocument(JSON.parse(fine) as Record<string, unknown>, 'doc').document).toEqual(doc);
    const empty = { ...chainDocument(0), settings: {} };
    expect(validateDocument(JSON.parse(await serializeDocumentToString(empty)) as Record<string, unknown>, 'doc').document).toEqual(empty);
  });

  it('writes long id columns in slices that join to the same text', async () => {
    // Ids long enough that one group spans several string slices.
    const doc = chainDocument(2);
    const long = Array.from({ length: 20_000 }, (_, i) => ci(`ci_${i}_${'x'.repeat(100)}`));
    const big = { ...doc, cis: long, relationships: [] };
    const text = await serializeDocumentToString(big, { ciChunk: 20_000 });
    expect(text).toBe(JSON.stringify({ format: FORMAT_MARKER, ...runSteps(encodeCheckpointSteps(big, { cis: 20_000 })) }));
    expect(validateDocument(JSON.parse(text) as Record<string, unknown>, 'doc').document.cis).toEqual(long);
  });

  it('round-trips through the lowdb adapter, atomically and without leftovers', async () => {
    const path = join(dir, 'a.faultline');
    const doc = chainDocument(50, 12);
    const adapter = new CheckpointAdapter(path, { ciChunk: 7, relationshipChunk: 9 });
    await adapter.write(doc);
    expect(await listDir(dir)).toEqual(['a.faultline']);
    expect(await adapter.read()).toEqual(doc);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, journalSeq: 12 });

    // Replacing keeps the file whole at every moment: the new content, never a mix.
    await adapter.write(chainDocument(3, 13));
    expect((await readCheckpoint(path))?.document).toEqual(chainDocument(3, 13));
    expect(await listDir(dir)).toEqual(['a.faultline']);
  });

  it('reads nothing (null) when the file does not exist', async () => {
    expect(await readCheckpoint(join(dir, 'missing.faultline'))).toBeNull();
  });

  it('a store opened on a checkpoint holds exactly its CIs, relationships and settings', async () => {
    const path = join(dir, 'b.faultline');
    const doc = chainDocument(30, 0);
    await writeFileAtomic(path, JSON.stringify(doc));
    const store = await open(path);
    expect(stateOf(store).cis).toEqual([...doc.cis].sort((a, b) => a.id.localeCompare(b.id)));
    expect(stateOf(store).relationships).toHaveLength(29);
    await store.saveCopy(join(dir, 'copy.faultline'));
    await store.close();
    const copy = await readCheckpoint(join(dir, 'copy.faultline'));
    expect(copy?.document.settings).toEqual({ theme: 'dark' });
    expect(copy?.document.cis).toHaveLength(30);
  });

  it('finds where JSON stops being valid', () => {
    expect(jsonErrorOffset('{"a":[1,2,{"b":null}],"c":"x\\u0041"}')).toBeNull();
    expect(jsonErrorOffset('{"a":[1,2,')).toBe(10);
    expect(jsonErrorOffset('{"a":[1,2,]}')).toBe(10);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('{"a":tru}')).toBe(8);
    expect(jsonErrorOffset('{} x')).toBe(3);
    expect(jsonErrorOffset('')).toBe(0);
    expect(jsonErrorOffset('[[[]],{}]')).toBeNull();
  });
});

describe('nodeEnvironment', () => {
  it('makes prefixed 16-hex ids and ISO times', () => {
    const env = nodeEnvironment('alice');
    expect(env.actor).toBe('alice');
    expect(env.newId('ci')).toMatch(/^ci_[0-9a-f]{16}$/);
    expect(env.newId('rel')).toMatch(/^rel_[0-9a-f]{16}$/);
    expect(env.newId('ci')).not.toBe(env.newId('ci'));
    expect(env.now()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});

describe('createIfMissing', () => {
  it('creates an empty document, and refuses a missing one without it', async () => {
    const path = join(dir, 'new.faultline');
    await expect(open(path, { createIfMissing: false })).rejects.toMatchObject({ kind: 'io', path });
    const store = await open(path);
    expect(store.cmdb.graph.ciCount).toBe(0);
    await store.close();
    const created = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(created).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, journalSeq: 0, settings: {} });
    expect(validateDocument(created, path).document).toEqual({ schemaVersion: 1, journalSeq: 0, settings: {}, cis: [], relationships: [] });
    await writeFile(join(dir, 'orphan.faultline.journal'), '');
    await expect(open(join(dir, 'orphan.faultline'))).rejects.toMatchObject({ kind: 'io' });
  });
});
