// Which paths doc.open / doc.new / doc.saveCopy may touch. The renderer (browser mode, or a
// compromised Electron window) can send any path, so the service accepts only what a user
// could have meant as a document: a path chosen in a native dialog or on the command line,
// one from the recent list, one inside the data folder, or a `.faultline` file. Anything
// else (/etc/passwd, ~/notes.csv) is refused before a byte of it is read.
import { isAbsolute, relative, resolve } from 'node:path';
import { DOCUMENT_EXTENSION } from '../paths';

export interface DocumentAccess {
  dataDir: string;
  recent: readonly string[];
  /** Paths the user chose outside the renderer: a native dialog, --open, the OS opening a file. */
  chosen: ReadonlySet<string>;
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(resolve(dir), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Null when `path` (absolute) may be used as a document; else why not, naming the path. */
export function refusedDocumentPath(path: string, access: DocumentAccess): string | null {
  if (path.toLowerCase().endsWith(DOCUMENT_EXTENSION)) return null;
  if (access.chosen.has(path) || access.recent.includes(path) || isInside(path, access.dataDir)) return null;
  return `${path} is not a ${DOCUMENT_EXTENSION} file, nor in the recent list or the data folder (${access.dataDir}), nor chosen in a dialog; Faultline does not open it.`;
}
