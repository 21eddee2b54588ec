// A journal line that was written whole (it ends in a newline) but no longer reads — a flipped
// byte, garbage in the middle — is corruption, not a torn write: the journal is kept byte for
// byte, every valid record before the damage is recovered, the user is told which record was
// damaged and what was and was not recovered, and the next open says so again instead of
// quietly opening. Only a last line without its newline is a torn write.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJournal, StoreOpenError, writeFileAtomic } from '../../../../src/node/storage';
import { chainDocument, listDir, makeTempDir, open } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let path: string;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  path = join(dir, 'doc.faultline');
  await writeFileAtomic(path, JSON.stringify(chainDocument(4)));
});
afterEach(() => cleanup());

async function edits(count: number): Promise<void> {
  const store = await open(path);
  for (let i = 0; i < count; i++) await store.persist(store.cmdb.createCi({ name: `Edit ${i}`, class: 'server' }).tx);
  await store.close();
}

async function openFailure(): Promise<StoreOpenError> {
  const error = await open(path).then(
    async (store) => {
      await store.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreOpenError);
  return error as StoreOpenError;
}

async function journalLines(): Promise<string[]> {
  return (await readFile(`${path}.journal`, 'utf8')).split('\n');
}

describe('a damaged journal record', () => {
  it('every line carries a checksum of its text', async () => {
    await edits(2);
    const lines = (await journalLines()).filter(Boolean);
    for (const line of lines) expect(line).toMatch(/,"crc":"[0-9a-f]{8}"\}$/);
  });

  it('a complete last record with one changed byte (still valid JSON) is corruption: copy kept, the record named, nothing claimed safe', async () => {
    await edits(3);
    const lines = await journalLines();
    expect(lines[2]).toContain('"Edit 2"');
    lines[2] = lines[2].replace('"Edit 2"', '"Edit 7"');
    const damaged = Buffer.from(lines.join('\n'));
    await writeFile(`${path}.journal`, damaged);

    const error = await openFailure();
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/line 3/);
    expect(error.message).toMatch(/seq 3/);
    expect(error.message).toMatch(/checksum/);
    expect(error.message).toMatch(/create ci/);
    expect(error.message).not.toMatch(/no saved edit is lost/);
    expect(error.message).toMatch(/recovered the 2 records before it \(seq 1–2\)/);
    expect(error.movedTo).toMatch(/doc\.faultline\.journal\.corrupt-/);
    expect(error.message).toContain(error.movedTo as string);
    expect(Buffer.compare(await readFile(error.movedTo as string), damaged)).toBe(0);

    const reopened = await open(path);
    expect(reopened.cmdb.graph.ciCount).toBe(6);
    expect(reopened.warnings.join('\n')).toContain(error.movedTo as string);
    expect(reopened.warnings.join('\n')).toMatch(/line 3/);
    await reopened.close();
  });

  it('a complete last line that is not JSON any more is corruption too', async () => {
    await edits(2);
    const lines = await journalLines();
    lines[1] = lines[1].replace('{', '#');
    await writeFile(`${path}.journal`, lines.join('\n'));
    const error = await openFailure();
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/line 2/);
    expect(error.message).not.toMatch(/no saved edit is lost/);
    const reopened = await open(path);
    expect(reopened.cmdb.graph.ciCount).toBe(5);
    await reopened.close();
  });

  it('only a last line without its newline is a torn write', async () => {
    await edits(2);
    const text = await readFile(`${path}.journal`, 'utf8');
    await writeFile(`${path}.journal`, text.slice(0, -10));
    const reopened = await open(path);
    expect(reopened.cmdb.graph.ciCount).toBe(5);
    expect(reopened.warnings.join('\n')).toMatch(/incomplete tail .*no saved edit is lost/);
    await reopened.close();
  });

  it('garbage in the middle: the records before it are recovered, the user told what was and was not, and the second open says so', async () => {
    await edits(5);
    const lines = await journalLines();
    lines.splice(2, 0, 'garbage that is not a record');
    const damaged = Buffer.from(lines.join('\n'));
    await writeFile(`${path}.journal`, damaged);

    const error = await openFailure();
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/line 3/);
    expect(error.message).toMatch(/recovered the 2 records before it \(seq 1–2\)/);
    expect(error.message).toMatch(/not recovered: line 3 and the 3 lines after it \(\d+ bytes, which read as 3 records of seq 3–5\)/);
    expect(Buffer.compare(await readFile(error.movedTo as string), damaged)).toBe(0);
    // What is left beside the document is exactly the recovered records.
    const recovered = await readJournal(`${path}.journal`, { allowTornTail: false });
    expect(recovered?.records.map((r) => r.seq)).toEqual([1, 2]);

    const second = await open(path);
    expect(second.cmdb.graph.ciCount).toBe(6);
    const said = second.warnings.join('\n');
    expect(said).toMatch(/recovered the 2 records before it/);
    expect(said).toContain(error.movedTo as string);
    await second.persist(second.cmdb.createCi({ name: 'After', class: 'server' }).tx);
    await second.close();

    const third = await open(path);
    expect(third.warnings).toEqual([]);
    expect(third.cmdb.graph.ciCount).toBe(7);
    await third.close();
    expect((await listDir(dir)).filter((name) => name.includes('.corrupt-'))).toHaveLength(1);
  });

  it('damage on the first line recovers nothing and says so', async () => {
    await edits(2);
    const lines = await journalLines();
    lines[0] = 'x';
    await writeFile(`${path}.journal`, lines.join('\n'));
    const error = await openFailure();
    expect(error.message).toMatch(/no record before it could be recovered/);
    const second = await open(path);
    expect(second.cmdb.graph.ciCount).toBe(4);
    expect(second.warnings.join('\n')).toContain(error.movedTo as string);
    await second.close();
  });

  it('reads a journal written before checksums', async () => {
    await edits(2);
    const lines = (await journalLines()).map((line) => line.replace(/,"crc":"[0-9a-f]{8}"\}$/, '}'));
    await writeFile(`${path}.journal`, lines.join('\n'));
    const reopened = await open(path);
    expect(reopened.cmdb.graph.ciCount).toBe(6);
    expect(reopened.warnings).toEqual([]);
    await reopened.close();
  });

  it('damage in a sealed segment: its sound records are recovered as a segment, later journal files are kept aside and named', async () => {
    await edits(5);
    const lines = (await journalLines()).filter(Boolean);
    // Seal the first three records as a segment (as a compaction interrupted before its checkpoint leaves them).
    const segment = `${path}.journal.1-3`;
    lines[1] = lines[1].replace('"Edit 1"', '"Edit 8"');
    await writeFile(segment, `${lines.slice(0, 3).join('\n')}\n`);
    await writeFile(`${path}.journal`, `${lines.slice(3).join('\n')}\n`);

    const error = await openFailure();
    expect(error.path).toBe(segment);
    expect(error.message).toMatch(/line 2 .*checksum/);
    expect(error.message).toContain(`recovered the record before it (seq 1) into ${path}.journal.1-1`);
    expect(error.message).toMatch(/and every record in the later journal files \(.*doc\.faultline\.journal\.corrupt-/);
    const names = await listDir(dir);
    expect(names).toContain('doc.faultline.journal.1-1');
    expect(names.filter((name) => name.includes('.corrupt-'))).toHaveLength(2);

    const second = await open(path);
    expect(second.cmdb.graph.ciCount).toBe(5);
    expect(second.warnings.join('\n')).toContain(error.movedTo as string);
    await second.close();
  });
});
