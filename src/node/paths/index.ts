// Where Faultline keeps things on disk: the per-user data folder (the same folder
// Electron's app.getPath('userData') gives for productName "Faultline"), the app root
// (where package.json, resources/ and out/ live) and user-typed document paths.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PRODUCT_NAME = 'Faultline';
export const DOCUMENT_EXTENSION = '.faultline';
export const SAMPLE_FILE_NAME = `sample-cmdb${DOCUMENT_EXTENSION}`;

export interface PlatformInfo {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

function currentPlatform(): PlatformInfo {
  return { platform: process.platform, env: process.env, home: homedir() };
}

/**
 * Electron's `appData` joined with the product name:
 * Linux `$XDG_CONFIG_HOME` or `~/.config`, macOS `~/Library/Application Support`, Windows `%APPDATA%`.
 */
export function defaultDataDir(info: PlatformInfo = currentPlatform()): string {
  const { platform, env, home } = info;
  if (platform === 'win32') {
    const appData = env.APPDATA && env.APPDATA.length > 0 ? env.APPDATA : win32.join(home, 'AppData', 'Roaming');
    return win32.join(appData, PRODUCT_NAME);
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  const config = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(config, PRODUCT_NAME);
}

/** The data folder to use: an explicit choice, else FAULTLINE_DATA_DIR, else the platform default. */
export function resolveDataDir(explicit?: string, info: PlatformInfo = currentPlatform()): string {
  if (explicit && explicit.length > 0) return resolve(expandHome(explicit, info.home));
  const fromEnv = info.env.FAULTLINE_DATA_DIR;
  if (fromEnv && fromEnv.length > 0) return resolve(expandHome(fromEnv, info.home));
  return defaultDataDir(info);
}

export function expandHome(path: string, home: string = homedir()): string {
  if (path === '~') return home;
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(home, path.slice(2));
  return path;
}

/** A path as a user typed it: `~` expanded, relative paths taken from `baseDir`. */
export function resolveUserPath(path: string, baseDir: string): string {
  return resolve(baseDir, expandHome(path.trim()));
}

/** Adds `.faultline` when a new file's name has no extension of ours. */
export function withDocumentExtension(path: string): string {
  return path.toLowerCase().endsWith(DOCUMENT_EXTENSION) ? path : `${path}${DOCUMENT_EXTENSION}`;
}

/**
 * The folder holding Faultline's package.json, found by walking up from `start`
 * (this module's folder by default; also right for the bundle in out/main).
 */
export function findAppRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(start);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
        if (typeof parsed === 'object' && parsed !== null && (parsed as { name?: unknown }).name === 'faultline') return dir;
      } catch {
        // An unreadable package.json on the way up is not ours; keep walking.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Could not find Faultline's package.json above ${start}`);
    dir = parent;
  }
}

/** The bundled sample CMDB inside an app root. */
export function sampleCmdbSource(appRoot: string = findAppRoot()): string {
  return join(appRoot, 'resources', SAMPLE_FILE_NAME);
}

/** The production renderer build served in browser mode. */
export function rendererBuildDir(appRoot: string = findAppRoot()): string {
  return join(appRoot, 'out', 'renderer');
}
