// Writing export files to disk: each file atomically (unique temp file, fsync, rename), so a
// crash or a full disk never leaves a half-written export under the chosen name.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeTextExportSteps, type ExportScope, type TextExportFormat, type TextExportOptions } from '../../core/formats/export';
import { runInSlices } from '../steps/run-in-slices';
import { writeXlsx } from './xlsx';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'graphml', 'gexf', 'dot'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** Writes bytes or UTF-8 text to `filePath` through a temp file in the same folder. */
export async function writeFileAtomic(filePath: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(filePath);
  const temp = path.join(dir, `.${path.basename(filePath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, filePath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Exports a scope in one format and returns the paths written.
 * - csv: `destination` is a folder (created if missing) that gets cis.csv and relationships.csv.
 * - every other format: `destination` is the file to write.
 */
export async function exportToPath(
  format: ExportFormat,
  scope: ExportScope,
  destination: string,
  options: TextExportOptions & { created?: Date } = {},
): Promise<string[]> {
  if (format === 'xlsx') {
    await writeFileAtomic(destination, await writeXlsx(scope, { created: options.created }));
    return [destination];
  }
  const files = await runInSlices(writeTextExportSteps(format satisfies TextExportFormat, scope, options));
  if (format === 'csv') {
    await mkdir(destination, { recursive: true });
    const written: string[] = [];
    for (const file of files) {
      const target = path.join(destination, file.name);
      await writeFileAtomic(target, file.content);
      written.push(target);
    }
    return written;
  }
  await writeFileAtomic(destination, files[0].content);
  return [destination];
}
