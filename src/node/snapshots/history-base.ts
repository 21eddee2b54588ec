// "As of" needs a base at or before the asked time. The storage's first compaction
// overwrites the original checkpoint, so the first time a document is opened its checkpoint
// is copied to <doc>.history/base.json; as of T = base.json + the journal records after it
// (segments in <doc>.history/, sealed segments beside the document, the live journal)
// replayed up to T with the core's documentAsOf.
import { mkdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AsOfError, documentAsOf, type AsOfResult } from '../../core/diff';
import type { CmdbDocument, JournalRecord } from '../../shared/model';
import { DIR_MODE, documentPaths, listSegments, readCheckpoint, readJournal, serializeDocument, writeFileAtomic } from '../storage';

export const HISTORY_BASE = 'base.json';

export function historyBasePath(documentPath: string): string {
  return join(documentPaths(documentPath).history, HISTORY_BASE);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Copies the document's checkpoint (validated) to <doc>.history/base.json (atomically) unless a base is
 * already there. Returns true when it made one. Call it when a document is opened, before
 * anything can compact it.
 */
export async function ensureHistoryBase(documentPath: string): Promise<boolean> {
  const base = historyBasePath(documentPath);
  if (await exists(base)) return false;
  // Read and validated like a checkpoint, so a corrupt file (which the store moves aside) never becomes the base.
  let read: Awaited<ReturnType<typeof readCheckpoint>>;
  try {
    read = await readCheckpoint(documentPath);
  } catch {
    return false;
  }
  if (!read) return false;
  await mkdir(documentPaths(documentPath).history, { recursive: true, mode: DIR_MODE });
  await writeFileAtomic(base, serializeDocument(read.document));
  return true;
}

/** Every journal record after the base that is still on disk, in seq order, one per seq. */
export async function readHistoryRecords(documentPath: string): Promise<JournalRecord[]> {
  const paths = documentPaths(documentPath);
  const files = [
    ...(await listSegmentsIn(join(paths.history, basename(documentPath)))),
    ...(await listSegments(documentPath)).map((s) => s.path),
  ];
  const bySeq = new Map<number, JournalRecord>();
  for (const file of files) {
    const read = await readJournal(file, { allowTornTail: false });
    for (const record of read?.records ?? []) if (!bySeq.has(record.seq)) bySeq.set(record.seq, record);
  }
  // The live journal may be being appended to: an unfinished tail is not history yet.
  const live = await readJournal(paths.journal, { allowTornTail: true });
  for (const record of live?.records ?? []) if (!bySeq.has(record.seq)) bySeq.set(record.seq, record);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

async function listSegmentsIn(pathInDir: string): Promise<string[]> {
  try {
    return (await listSegments(pathInDir)).map((s) => s.path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** The latest time the base document is known to hold: its newest CI time (relationships carry none). */
export function baseTime(base: CmdbDocument): string | null {
  let latest: string | null = null;
  let latestMs = -Infinity;
  for (const ci of base.cis) {
    for (const time of [ci.createdAt, ci.updatedAt]) {
      const ms = Date.parse(time);
      if (ms > latestMs) {
        latestMs = ms;
        latest = time;
      }
    }
  }
  return latest;
}

/**
 * The CIs and relationships as they were at `time`. Throws AsOfError: 'invalid_time',
 * 'base_too_recent' (the time is before the oldest state Faultline still has), 'journal_gap'.
 */
export async function documentAsOfTime(documentPath: string, time: string): Promise<AsOfResult & { base: string | null }> {
  const instant = Date.parse(time);
  if (Number.isNaN(instant)) throw new AsOfError('invalid_time', `time is not a date and time: ${JSON.stringify(time)}`);
  // No base yet (a document never opened by the app): the checkpoint itself is the earliest state.
  const read = (await readCheckpoint(historyBasePath(documentPath))) ?? (await readCheckpoint(documentPath));
  const base = read?.document ?? null;
  const known = base ? baseTime(base) : null;
  if (known !== null && instant < Date.parse(known)) {
    throw new AsOfError(
      'base_too_recent',
      `${time} is before the oldest state Faultline keeps for ${basename(documentPath)} (the document as first opened, which already holds changes from ${known}).`,
    );
  }
  const records = await readHistoryRecords(documentPath);
  try {
    return { ...documentAsOf(base, records, time), base: known };
  } catch (error) {
    if (error instanceof AsOfError && error.code === 'base_too_recent') {
      throw new AsOfError('base_too_recent', `${time} is before the oldest state Faultline keeps for ${basename(documentPath)}: ${error.message}`);
    }
    throw error;
  }
}

const END_OF_TIME = '9999-12-31T23:59:59.999Z';

/**
 * A document's current CIs and relationships read without opening it for writing (no lock):
 * its checkpoint plus the journal records after it. Also reads a snapshot file (no journal).
 * Returns null when there is no file at `path`.
 */
export async function readDocumentState(path: string): Promise<AsOfResult | null> {
  const read = await readCheckpoint(path);
  if (!read) return null;
  const records = (await readHistoryRecords(path)).filter((r) => r.seq > read.document.journalSeq);
  return documentAsOf(read.document, records, END_OF_TIME);
}
