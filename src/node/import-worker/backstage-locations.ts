// A Backstage catalog root on disk with its Location entities followed: every spec.target /
// spec.targets file, relative to the file that names it (a `*` in the file name matches as in
// Backstage's file locations), is read and parsed as a catalog too, its own Locations followed
// in turn, each file once; the batches become one, so refs between the files resolve in one
// plan. Targets are confined to the root's folder: one outside it (`../x.yaml`, a symlink out)
// refuses the import with its name. A target that is not there and a URL (not fetched) are
// warnings, counted as dangling references and unread fields.
import { readdir, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  backstageLocationTargets,
  emptyLeftOut,
  formatPlace,
  ImportError,
  mergeBatches,
  mergeLeftOut,
  parseBackstage,
  type ImportBatch,
  type LocationTarget,
} from '../../core/formats/import';

/** Files one root may pull in, all told (a guard against a Location loop through globs). */
export const MAX_LOCATION_FILES = 1000;

export interface BackstageCatalogOptions {
  skipUnreadable?: boolean;
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The files a target names: one path, or the matches of a `*` in its last segment. */
async function filesOf(target: string, from: string): Promise<string[]> {
  const path = resolve(dirname(from), target.replace(/^file:/, ''));
  const name = basename(path);
  if (!name.includes('*')) return [path];
  const pattern = new RegExp(`^${name.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
  const folder = dirname(path);
  const entries = await readdir(folder).catch(() => [] as string[]);
  return entries.filter((entry) => pattern.test(entry)).sort().map((entry) => join(folder, entry));
}

/**
 * The batch of the catalog at `rootPath` (its text `content`) and of every file its Locations
 * name. Throws ImportError for a target outside the root's folder or one that cannot be read.
 */
export async function readBackstageCatalog(rootPath: string, content: string, options: BackstageCatalogOptions = {}): Promise<ImportBatch> {
  const root = await realpath(rootPath);
  const folder = dirname(root);
  const display = (path: string): string => relative(folder, path) || basename(path);
  const seen = new Set<string>([root]);
  const batches: ImportBatch[] = [];
  const urls: string[] = [];
  const missing: string[] = [];
  const queue: { path: string; text: string }[] = [{ path: root, text: content }];
  while (queue.length > 0) {
    const { path, text } = queue.shift() as { path: string; text: string };
    const fileName = display(path);
    const parseOptions = { fileName, followsLocations: true, ...(options.skipUnreadable ? { skipUnreadable: true } : {}) };
    batches.push(parseBackstage(text, parseOptions));
    const targets: LocationTarget[] = backstageLocationTargets(text, parseOptions);
    for (const { target, ref, field } of targets) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) || target.startsWith('url:')) {
        urls.push(`${formatPlace({ ...ref, field })}: ${target}`);
        continue;
      }
      for (const candidate of await filesOf(target, path)) {
        const refuse = (why: string): never => {
          throw new ImportError('format', { ...ref, field }, `the Location target "${target}" ${why}`);
        };
        if (!inside(folder, resolve(candidate))) refuse(`is outside the catalog's folder (${folder})`);
        const real = await realpath(candidate).catch(() => null);
        if (real === null) {
          missing.push(`${formatPlace({ ...ref, field })}: the Location target "${target}" is not there (${display(resolve(candidate))}); not imported`);
          continue;
        }
        if (!inside(folder, real)) refuse(`leads outside the catalog's folder (${folder})`);
        if (seen.has(real)) continue;
        seen.add(real);
        if (seen.size > MAX_LOCATION_FILES) refuse(`takes the catalog past ${MAX_LOCATION_FILES} files`);
        const body = await readFile(real, 'utf8').catch((error: Error) => refuse(`cannot be read (${error.message})`));
        queue.push({ path: real, text: body });
      }
    }
  }
  const batch = mergeBatches(batches);
  if (missing.length > 0) {
    for (const warning of missing) batch.warnings.push(warning);
    batch.leftOut = mergeLeftOut(batch.leftOut, { ...emptyLeftOut(), danglingReferences: missing.length });
  }
  if (urls.length > 0) {
    batch.warnings.push(`Location targets that are URLs are not fetched: ${urls.join('; ')}`);
    batch.leftOut = mergeLeftOut(batch.leftOut, { ...emptyLeftOut(), unreadFields: [{ field: 'Location URL targets', entities: urls.length }] });
  }
  return batch;
}
