// The schemaVersion 2 checkpoint (columns): what it refuses and how it names the place, and a
// corrupt one moved aside untouched.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeCheckpointSteps, type ColumnarCheckpoint } from '../../../../src/core/checkpoint/columns';
import { packInts, unpackInts } from '../../../../src/core/checkpoint/packed';
import { runSteps } from '../../../../src/core/steps';
import { serializeDocumentToString, StoreOpenError, validateDocument } from '../../../../src/node/storage';
import { chainDocument, ci, listDir, makeTempDir, open, rel } from './helpers';

/** A valid version 2 document of 6 CIs in a chain (ci_0 ← ci_1 ← …), as parsed from its file. */
function columns(): ColumnarCheckpoint {
  const doc = chainDocument(6, 3);
  doc.relationships[1] = { ...doc.relationships[1], inferred: true };
  doc.relationships[3] = { ...doc.relationships[3], inferred: false };
  return JSON.parse(JSON.stringify(runSteps(encodeCheckpointSteps(doc)))) as ColumnarCheckpoint;
}

function ints(packed: string): number[] {
  return Array.from(unpackInts(packed) as Int32Array);
}

function refusal(file: ColumnarCheckpoint | Record<string, unknown>): string {
  try {
    validateDocument(file as Record<string, unknown>, 'doc');
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

describe('a version 2 checkpoint', () => {
  it('reads back to the document it was written from', () => {
    const doc = chainDocument(6, 3);
    doc.relationships[1] = { ...doc.relationships[1], inferred: true };
    doc.relationships[3] = { ...doc.relationships[3], inferred: false };
    const { document, columns: dense } = validateDocument(columns(), 'doc');
    expect(document).toEqual(doc);
    expect(Array.from(dense.relSource)).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(dense.relTarget)).toEqual([0, 1, 2, 3, 4]);
    expect(dense.indexOf.get('ci_4')).toBe(4);
    expect(dense.relationshipIndex.get('rel_3')).toBe(3);
  });

  it('stores repeated values once', () => {
    const file = columns();
    expect(file.cis.class.values).toEqual(['application']);
    expect(file.cis.attributes.values).toEqual([{ region: 'eu-1' }]);
    expect(file.relationships.strength.values).toEqual(['soft', 'hard']);
    expect(ints(file.relationships.strength.codes)).toEqual([0, 1, 1, 0, 1]);
    expect(ints(file.cis.redundancy.ci)).toEqual([0, 5]);
    expect(ints(file.relationships.inferred.true)).toEqual([1]);
  });

  it('refuses duplicate ids, self-loops and duplicate relationships, naming the field', () => {
    let file = columns();
    file.cis.id = ['ci_0 ci_1 ci_2 ci_3 ci_1 ci_5'];
    expect(refusal(file)).toBe('doc: cis.id[4]: duplicate CI id ci_1');

    file = columns();
    file.relationships.id = ['rel_0 rel_1 rel_2 rel_1 rel_4'];
    expect(refusal(file)).toBe('doc: relationships.id[3]: duplicate relationship id rel_1');

    file = columns();
    file.relationships.target = packInts([0, 1, 3, 3, 4]);
    expect(refusal(file)).toBe('doc: relationships.target[2]: relationship rel_2 relates ci_3 to itself');

    file = columns();
    file.relationships.source = packInts([1, 2, 3, 1, 5]);
    file.relationships.target = packInts([0, 1, 2, 0, 4]);
    file.relationships.type = { values: ['depends_on'], codes: packInts([0, 0, 0, 0, 0]) };
    expect(refusal(file)).toBe('doc: relationships[3]: duplicate depends_on relationship from ci_1 to ci_0');
  });

  it('refuses ends, table positions and packed numbers out of range, naming the entry', () => {
    let file = columns();
    file.relationships.source = packInts([1, 2, 6, 4, 5]);
    expect(refusal(file)).toBe('doc: relationships.source[2]: expected the position of a CI (below 6), got 6');

    file = columns();
    file.cis.class.codes = packInts([0, 0, 0, 1, 0, 0]);
    expect(refusal(file)).toBe('doc: cis.class.codes[3]: expected a position in cis.class.values (below 1), got 1');

    file = columns();
    file.relationships.target = `1A!AAA`;
    expect(refusal(file)).toBe('doc: relationships.target[1]: "!" is not a base-64 digit');

    file = columns();
    file.cis.status.codes = '9AAAAAA';
    expect(refusal(file)).toBe('doc: cis.status.codes: expected a width digit from 1 to 5 first, got "9"');

    file = columns();
    file.cis.status.codes = '2AAAAA';
    expect(refusal(file)).toBe('doc: cis.status.codes: expected groups of 2 digits, got 5 digits');
  });

  it('refuses columns of the wrong length or shape, and position lists out of order or overlapping', () => {
    let file = columns();
    file.cis.name = file.cis.name.slice(1);
    expect(refusal(file)).toBe('doc: cis.name: expected 6 entries (one per CI), got 5');

    file = columns();
    file.relationships.type.codes = packInts([0, 0, 0]);
    expect(refusal(file)).toBe('doc: relationships.type.codes: expected 5 entries (one per relationship), got 3');

    file = columns();
    delete (file.cis as Partial<ColumnarCheckpoint['cis']>).owner;
    expect(refusal(file)).toBe('doc: cis.owner: expected an object of columns, got nothing');

    file = columns();
    file.relationships.inferred.true = packInts([3, 1]);
    expect(refusal(file)).toBe('doc: relationships.inferred.true[1]: positions must be in ascending order without repeats (1 after 3)');

    file = columns();
    file.relationships.inferred.false = packInts([1]);
    expect(refusal(file)).toBe('doc: relationships.inferred.false[0]: relationship 1 is listed in relationships.inferred.true as well');

    file = columns();
    file.cis.redundancy.minHealthy = [1];
    expect(refusal(file)).toBe('doc: cis.redundancy.minHealthy: expected 2 entries (one per position in cis.redundancy.ci), got 1');

    expect(refusal({ ...columns(), journalSeq: -1 })).toBe('doc: journalSeq: expected a whole number of at least 0, got -1');
    expect(refusal({ ...columns(), settings: [] })).toBe('doc: settings: expected an object, got []');
    expect(refusal({ ...columns(), cis: [] })).toBe('doc: cis: expected an object of columns, got []');
  });

  it('leaves values to zod: normalised when zod normalises them, named by CI when it refuses them', () => {
    let file = columns();
    file.cis.owner.values = ['  team-a  '];
    const { document } = validateDocument(file, 'doc');
    expect(document.cis.map((c) => c.owner)).toEqual(Array(6).fill('team-a'));

    file = columns();
    file.cis.class = { values: ['application', 'toaster'], codes: packInts([0, 0, 1, 0, 0, 0]) };
    expect(refusal(file)).toMatch(/^doc: cis\.class\[2\]: Invalid option/);

    file = columns();
    file.cis.redundancy.minHealthy = [1, 0];
    expect(refusal(file)).toBe('doc: cis.redundancy[5].minHealthy: must be at least 1');

    file = columns();
    file.cis.attributes.values = [{ region: 'x'.repeat(4001) }];
    expect(refusal(file)).toMatch(/^doc: cis\.attributes\[0\]\.region: /);

    file = columns();
    file.cis.id = ['ci_0 ci_1 _ci_2 ci_3 ci_4 ci_5'];
    expect(refusal(file)).toMatch(/^doc: cis\.id\[2\]: must be 1–128 characters/);
  });
});

describe('a corrupt version 2 checkpoint', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(() => cleanup());

  it('is moved aside byte for byte with its journal, and the error names the file and the field', async () => {
    const path = join(dir, 'doc.faultline');
    const doc = { ...chainDocument(4), cis: [ci('a'), ci('b'), ci('c')], relationships: [rel('r1', 'a', 'b'), rel('r2', 'b', 'c')] };
    const text = await serializeDocumentToString(doc);
    const broken = Buffer.from(text.replace(packInts([0, 1]), packInts([0, 3])));
    expect(broken.toString()).not.toBe(text);
    await writeFile(path, broken);
    await writeFile(`${path}.journal`, 'journal bytes\n');
    const error = await open(path).then(
      () => null,
      (e: unknown) => e as StoreOpenError,
    );
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error?.kind).toBe('corrupt');
    expect(error?.message).toContain(`${path}: relationships.source[1]: expected the position of a CI (below 3), got 3`);
    expect(Buffer.compare(await readFile(error?.movedTo as string), broken)).toBe(0);
    expect(await readFile(`${error?.movedTo}.journal`, 'utf8')).toBe('journal bytes\n');
    expect(await listDir(dir)).not.toContain('doc.faultline');
  });
});
