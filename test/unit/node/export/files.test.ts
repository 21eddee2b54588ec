// Writing export files to disk atomically (the command line writes what export.file returns: test/unit/node/cli/data.test.ts).
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, isExportFormat, writeFileAtomic } from '../../../../src/node/export';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faultline-export-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes text and bytes, replaces an existing file and leaves no temp file', async () => {
    const target = path.join(dir, 'out.txt');
    await writeFile(target, 'old');
    await writeFileAtomic(target, 'new ünïcødé');
    expect(await readFile(target, 'utf8')).toBe('new ünïcødé');
    await writeFileAtomic(target, new Uint8Array([1, 2, 3]));
    expect([...(await readFile(target))]).toEqual([1, 2, 3]);
    expect(await readdir(dir)).toEqual(['out.txt']);
  });

  it('fails without leaving anything when the folder does not exist', async () => {
    await expect(writeFileAtomic(path.join(dir, 'missing', 'out.txt'), 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('export formats', () => {
  it('knows its formats', () => {
    expect(EXPORT_FORMATS).toEqual(['json', 'csv', 'xlsx', 'graphml', 'gexf', 'dot']);
    expect(isExportFormat('gexf')).toBe(true);
    expect(isExportFormat('xls')).toBe(false);
  });
});
