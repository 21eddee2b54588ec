// A file that is not a Faultline document (a spreadsheet picked by mistake, a CLI typo) is
// refused with "X is not a Faultline document" and left exactly as it was: not renamed, no
// lock, journal or history beside it. Only a file that is one of ours (format marker, or a
// schemaVersion as its first key as every Faultline writer has written) and fails to read is
// moved aside.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CURRENT_SCHEMA_VERSION } from '../../../../src/shared/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeDocumentToString, StoreOpenError } from '../../../../src/node/storage';
import { chainDocument, listDir, makeTempDir, open } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(() => cleanup());

async function openError(path: string, createIfMissing: boolean): Promise<StoreOpenError> {
  const error = await open(path, { createIfMissing }).then(
    async (store) => {
      await store.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreOpenError);
  return error as StoreOpenError;
}

const notOurs: [string, string][] = [
  ['notes.csv', 'name,owner\nweb,team-a\n'],
  ['package.json', '{"name":"x","version":"1.0.0"}'],
  ['list.json', '[1,2,3]'],
  ['other-app.json', '{"version":3,"schemaVersion":2,"cis":{}}'],
  ['empty.faultline', ''],
  ['binary.xlsx', 'PK\u0003\u0004\u0000\u0000garbage'],
  ['broken.json', '{"items": [1, 2'],
];

describe('a file that is not a Faultline document', () => {
  for (const [name, content] of notOurs) {
    for (const createIfMissing of [false, true]) {
      it(`is refused untouched: ${name} (createIfMissing ${createIfMissing})`, async () => {
        const path = join(dir, name);
        await writeFile(path, content);
        const error = await openError(path, createIfMissing);
        expect(error.kind).toBe('not_a_document');
        expect(error.message).toContain(`${path} is not a Faultline document`);
        expect(error.message).toMatch(/left untouched/);
        expect(error.movedTo).toBeUndefined();
        expect(await listDir(dir)).toEqual([name]);
        expect(await readFile(path, 'utf8')).toBe(content);
      });
    }
  }
});

describe('a Faultline document that fails to read', () => {
  it('is moved aside when it carries the format marker', async () => {
    const path = join(dir, 'doc.faultline');
    const whole = await serializeDocumentToString(chainDocument(5));
    expect(whole.startsWith(`{"format":"faultline","schemaVersion":${CURRENT_SCHEMA_VERSION},`)).toBe(true);
    await writeFile(path, whole.slice(0, 200));
    const error = await openError(path, false);
    expect(error.kind).toBe('corrupt');
    expect(error.movedTo).toMatch(/doc\.faultline\.corrupt-/);
    expect(await readFile(error.movedTo as string, 'utf8')).toBe(whole.slice(0, 200));
  });

  it('is moved aside when it was written before the marker (schemaVersion first)', async () => {
    const path = join(dir, 'old.faultline');
    const text = JSON.stringify(chainDocument(5)).slice(0, 150);
    await writeFile(path, text);
    const error = await openError(path, false);
    expect(error.kind).toBe('corrupt');
    expect(await readFile(error.movedTo as string, 'utf8')).toBe(text);
  });

  it('with the marker but a bad schemaVersion is ours, and moved aside', async () => {
    const path = join(dir, 'doc.faultline');
    await writeFile(path, '{"format":"faultline","schemaVersion":"two","cis":{}}');
    const error = await openError(path, false);
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/schemaVersion: expected a whole number/);
  });

  it('a document with the marker opens', async () => {
    const path = join(dir, 'doc.faultline');
    await writeFile(path, await serializeDocumentToString(chainDocument(5)));
    const store = await open(path, { createIfMissing: false });
    expect(store.cmdb.graph.ciCount).toBe(5);
    await store.close();
  });
});
