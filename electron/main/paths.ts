// Where the built preload, the renderer and the sample CMDB are, in dev and when packaged,
// and which .faultline file (if any) a command line asks to open.
import { isAbsolute, join, resolve } from 'node:path';

/** The page the window loads: the built renderer file, or the dev server electron-vite started. */
export type RendererTarget = { kind: 'file'; path: string } | { kind: 'url'; url: string };

export interface AppPaths {
  preload: string;
  renderer: RendererTarget;
  sampleSource: string;
}

export const SAMPLE_FILE_NAME = 'sample-cmdb.faultline';
export const DOCUMENT_EXTENSION = '.faultline';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server URL electron-vite passes in ELECTRON_RENDERER_URL, only when the app is not
 * packaged and only for an http(s) loopback URL: a packaged app never loads a page named by
 * an environment variable.
 */
export function devRendererUrl(env: Record<string, string | undefined>, isPackaged: boolean): string | null {
  const raw = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname)) return null;
  return url.href;
}

export function resolveAppPaths(input: {
  /** Directory of the built main bundle (out/main). */
  mainDir: string;
  isPackaged: boolean;
  /** app.getAppPath(): the project root in dev, resources/app.asar when packaged. */
  appPath: string;
  /** process.resourcesPath: where extraResources land when packaged. */
  resourcesPath: string;
  devUrl: string | null;
}): AppPaths {
  const outDir = join(input.mainDir, '..');
  return {
    preload: join(outDir, 'preload', 'index.cjs'),
    renderer: input.devUrl ? { kind: 'url', url: input.devUrl } : { kind: 'file', path: join(outDir, 'renderer', 'index.html') },
    sampleSource: input.isPackaged
      ? join(input.resourcesPath, SAMPLE_FILE_NAME)
      : join(input.appPath, 'resources', SAMPLE_FILE_NAME),
  };
}

/**
 * The .faultline file named on a command line (the first instance's or a second instance's argv),
 * resolved against that process's working directory; flags and other arguments are ignored.
 */
export function fileArgFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i];
    if (!arg || arg.startsWith('-')) continue;
    if (arg.toLowerCase().endsWith(DOCUMENT_EXTENSION)) return isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return null;
}

/** Adds `.faultline` when a save dialog returned a name without it (GTK dialogs do not add it). */
export function withDocumentExtension(path: string): string {
  return path.toLowerCase().endsWith(DOCUMENT_EXTENSION) ? path : `${path}${DOCUMENT_EXTENSION}`;
}
