// Recovering what a damaged journal file still holds: the complete transactions before the
// damage are written back (the damaged file itself was moved aside unchanged), and a note
// beside the document makes the next open say what happened instead of opening quietly.
import { dirname } from 'node:path';
import { errnoCode } from './errors';
import { fsyncDir, writeFileAtomic } from './fs-util';
import type { RecordRange } from './journal';
import { nodeFs, type StorageFs } from './storage-fs';

/** What was lost from one journal file: the lines from `line` on. */
export interface LostTail {
  line: number;
  /** Non-empty lines after `line`. */
  linesAfter: number;
  bytes: number;
  /** The seqs the lost lines still name (read as text: they may be damaged), lowest and highest. */
  seqs: { count: number; first: number; last: number };
}

/**
 * Writes the first `goodBytes` bytes of `copy` (complete transactions) to `dest` atomically,
 * or nothing when there are none, and says what lies beyond them.
 */
export async function writeRecoveredPrefix(copy: string, dest: string, goodBytes: number, fs: StorageFs = nodeFs): Promise<LostTail> {
  const buffer = await fs.readFile(copy);
  let line = 1;
  for (let i = buffer.indexOf(0x0a); i !== -1 && i < goodBytes; i = buffer.indexOf(0x0a, i + 1)) line++;
  let linesAfter = -1;
  const seqs = { count: 0, first: Infinity, last: -Infinity };
  for (let start = goodBytes; start < buffer.length; ) {
    const nl = buffer.indexOf(0x0a, start);
    const end = nl === -1 ? buffer.length : nl;
    if (end > start) linesAfter++;
    // The record's seq follows its before/after bodies, which hold no number named seq: the last match.
    const found = [...buffer.toString('utf8', start, end).matchAll(/"seq":(\d+)/g)].at(-1);
    if (found) {
      const n = Number(found[1]);
      seqs.count++;
      seqs.first = Math.min(seqs.first, n);
      seqs.last = Math.max(seqs.last, n);
    }
    start = end + 1;
  }
  if (goodBytes > 0) await writeFileAtomic(dest, buffer.subarray(0, goodBytes), fs);
  return { line, linesAfter: Math.max(0, linesAfter), bytes: buffer.length - goodBytes, seqs };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "Faultline recovered the 2 records before it (seq 1–2) into X; not recovered: line 3 and the 3 lines after it (412 bytes)". */
export function describeRecovery(recovered: RecordRange, dest: string, lost: LostTail, laterFiles: readonly string[]): string {
  const kept =
    recovered.count > 0
      ? `Faultline recovered the ${recovered.count === 1 ? 'record' : plural(recovered.count, 'record')} before it (seq ${recovered.firstSeq}${recovered.lastSeq === recovered.firstSeq ? '' : `–${recovered.lastSeq}`}) into ${dest}`
      : 'no record before it could be recovered';
  const after = lost.linesAfter > 0 ? ` and the ${plural(lost.linesAfter, 'line')} after it` : '';
  const { seqs } = lost;
  const held = seqs.count === 0 ? '' : seqs.first === seqs.last ? `, which read as seq ${seqs.first}` : `, which read as ${plural(seqs.count, 'record')} of seq ${seqs.first}–${seqs.last}`;
  const later = laterFiles.length > 0 ? `, and every record in the later journal files (${laterFiles.join(', ')})` : '';
  return `${kept}; not recovered: line ${lost.line}${after} (${plural(lost.bytes, 'byte')}${held})${later}: the edits they hold are not in the document`;
}

export async function writeRecoveryNote(notePath: string, text: string, fs: StorageFs = nodeFs): Promise<void> {
  await writeFileAtomic(notePath, text, fs);
}

/** The note an earlier recovery left, or null. */
export async function readRecoveryNote(notePath: string, fs: StorageFs = nodeFs): Promise<string | null> {
  try {
    return (await fs.readFile(notePath)).toString('utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  }
}

export async function removeRecoveryNote(notePath: string, fs: StorageFs = nodeFs): Promise<void> {
  try {
    await fs.unlink(notePath);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return;
    throw error;
  }
  await fsyncDir(dirname(notePath), fs);
}
