// The app's own settings in <dataDir>/settings.json: the recent-files list, the
// document last opened and the display name recorded as the actor of the user's edits. Written atomically (unique temp file, fsync, rename); keys this
// module does not know are kept as they are, so other parts of the app may add theirs.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export const SETTINGS_FILE_NAME = 'settings.json';
export const RECENT_LIMIT = 10;

/** A name to record as the actor of the user's edits instead of the OS user name. */
export const DisplayNameSchema = z.string().trim().min(1).max(100);

const KnownSettingsSchema = z.object({
  recent: z.array(z.string().min(1)).catch([]),
  lastOpened: z.string().min(1).nullable().catch(null),
  displayName: DisplayNameSchema.nullable().catch(null),
});

export interface AppSettings {
  recent: string[];
  lastOpened: string | null;
  /** Recorded as the actor of every edit when set; the OS user name otherwise. */
  displayName: string | null;
  /** Everything else found in the file, written back untouched. */
  other: Record<string, unknown>;
}

export interface LoadedSettings {
  settings: AppSettings;
  /** Set when the file existed but could not be read as JSON (it is then rewritten on the next save). */
  problem: string | null;
}

export function settingsPath(dataDir: string): string {
  return join(dataDir, SETTINGS_FILE_NAME);
}

export async function loadSettings(dataDir: string): Promise<LoadedSettings> {
  const empty: AppSettings = { recent: [], lastOpened: null, displayName: null, other: {} };
  let text: string;
  try {
    text = await readFile(settingsPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: empty, problem: null };
    return { settings: empty, problem: `Could not read ${settingsPath(dataDir)}: ${(error as Error).message}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { settings: empty, problem: `${settingsPath(dataDir)} is not valid JSON (${(error as Error).message}); using defaults.` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { settings: empty, problem: `${settingsPath(dataDir)} does not hold a JSON object; using defaults.` };
  }
  const known = KnownSettingsSchema.parse({
    recent: (parsed as Record<string, unknown>).recent ?? [],
    lastOpened: (parsed as Record<string, unknown>).lastOpened ?? null,
    displayName: (parsed as Record<string, unknown>).displayName ?? null,
  });
  const { recent: _recent, lastOpened: _lastOpened, displayName: _displayName, ...other } = parsed as Record<string, unknown>;
  return {
    settings: { recent: dedupe(known.recent).slice(0, RECENT_LIMIT), lastOpened: known.lastOpened, displayName: known.displayName, other },
    problem: null,
  };
}

export async function saveSettings(dataDir: string, settings: AppSettings): Promise<void> {
  const body = { ...settings.other, recent: settings.recent, lastOpened: settings.lastOpened, ...(settings.displayName ? { displayName: settings.displayName } : {}) };
  await writeFileAtomic(settingsPath(dataDir), `${JSON.stringify(body, null, 2)}\n`);
}

/** Puts `path` first in the list, without duplicates, at most RECENT_LIMIT long. */
export function pushRecent(recent: readonly string[], path: string): string[] {
  return dedupe([path, ...recent]).slice(0, RECENT_LIMIT);
}

function dedupe(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Writes a file so that a crash leaves either the old or the new content, never a mix. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
