// Writing exports to disk: one file per format (a folder of two for CSV), written atomically.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTextExport } from '../../../../src/core/formats/export';
import { EXPORT_FORMATS, exportToPath, isExportFormat, writeFileAtomic } from '../../../../src/node/export';
import { fixtureScope } from '../../core/formats/export/fixture';

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

describe('exportToPath', () => {
  it('writes each single-file format with the writer output', async () => {
    const scope = fixtureScope();
    for (const format of ['json', 'graphml', 'gexf', 'dot'] as const) {
      const target = path.join(dir, `cmdb.${format}`);
      expect(await exportToPath(format, scope, target)).toEqual([target]);
      expect(await readFile(target, 'utf8')).toBe(writeTextExport(format, scope)[0].content);
    }
  });

  it('writes CSV as cis.csv and relationships.csv in a folder it creates', async () => {
    const folder = path.join(dir, 'csv-out');
    const written = await exportToPath('csv', fixtureScope(), folder);
    expect(written).toEqual([path.join(folder, 'cis.csv'), path.join(folder, 'relationships.csv')]);
    expect((await readdir(folder)).sort()).toEqual(['cis.csv', 'relationships.csv']);
    expect(await readFile(path.join(folder, 'relationships.csv'), 'utf8')).toMatch(/^Source,Target,Type,Id,Relationship/);
  });

  it('writes an .xlsx (a zip file)', async () => {
    const target = path.join(dir, 'cmdb.xlsx');
    await exportToPath('xlsx', fixtureScope(), target);
    const bytes = await readFile(target);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('knows its formats', () => {
    expect(EXPORT_FORMATS).toEqual(['json', 'csv', 'xlsx', 'graphml', 'gexf', 'dot']);
    expect(isExportFormat('gexf')).toBe(true);
    expect(isExportFormat('xls')).toBe(false);
  });
});
