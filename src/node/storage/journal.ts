// The journal: one JSON line per JournalRecord, appended and fsync'd before an edit is
// acknowledged. It is also the audit log (later: history, "as of" views and diffs).
//
// Framing: each line carries one extra key, `"txn":[i,n]` (record i of the n records of
// one transaction). parseJournalRecord keeps only the record's own keys, so readers that do not care
// see plain records; replay uses it to drop a transaction whose last records never
// reached the disk, so a multi-record edit (a CI deleted with its relationships) is
// replayed whole or not at all. Lines without `txn` count as complete transactions.
import type { FileHandle } from 'node:fs/promises';
import { open, readFile } from 'node:fs/promises';
import { parseJournalRecord } from '../../core/records/validate';
import type { JournalRecord } from '../../shared/model';
import { CorruptFileError, errnoCode } from './errors';

/** The lines for one transaction's records, each ending in a newline. */
export function encodeTransaction(records: readonly JournalRecord[]): string {
  const n = records.length;
  let out = '';
  for (let i = 0; i < n; i++) out += `${JSON.stringify({ ...records[i], txn: [i + 1, n] })}\n`;
  return out;
}

export interface JournalReadResult {
  records: JournalRecord[];
  /** Bytes of the file that hold complete, valid records (the file should be cut here when `dropped`). */
  goodBytes: number;
  fileBytes: number;
  /** Set when an interrupted write left an incomplete tail, which is not part of `records`. */
  dropped: { bytes: number; records: number; line: number; reason: string } | null;
}

interface Line {
  number: number;
  start: number;
  end: number;
  terminated: boolean;
}

/**
 * Reads a journal file. With `allowTornTail`, a tail left by an interrupted write (an
 * unterminated or unparseable last line, or the first records of a transaction whose
 * last record is missing) is reported in `dropped` instead of failing; any other bad
 * line throws CorruptFileError naming the line. Returns null if the file is missing.
 */
export async function readJournal(path: string, options: { allowTornTail: boolean }): Promise<JournalReadResult | null> {
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  }
  const lines: Line[] = [];
  for (let start = 0, number = 1; start < buffer.length; number++) {
    const nl = buffer.indexOf(0x0a, start);
    const end = nl === -1 ? buffer.length : nl;
    lines.push({ number, start, end, terminated: nl !== -1 });
    start = end + 1;
  }

  const records: JournalRecord[] = [];
  let goodBytes = 0;
  // Records of the transaction being read, not yet known to be complete.
  let group: { records: JournalRecord[]; size: number; firstLine: number; start: number } | null = null;
  let previousSeq = 0;
  const corrupt = (line: Line, message: string): CorruptFileError =>
    new CorruptFileError(path, `${path}: line ${line.number} (byte ${line.start}): ${message}`);
  const torn = (line: Line, reason: string): JournalReadResult => {
    const cut = group ? group.start : line.start;
    const droppedRecords = group ? group.records.length : 0;
    return {
      records,
      goodBytes: cut,
      fileBytes: buffer.length,
      dropped: { bytes: buffer.length - cut, records: droppedRecords, line: group ? group.firstLine : line.number, reason },
    };
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line.end === line.start && line.terminated) {
      goodBytes = group ? goodBytes : line.end + 1;
      continue;
    }
    const isLast = index === lines.length - 1;
    if (!line.terminated) {
      if (options.allowTornTail) return torn(line, 'the last line is incomplete (no newline)');
      throw corrupt(line, 'the last line is incomplete (no newline)');
    }
    let value: unknown;
    try {
      value = JSON.parse(buffer.toString('utf8', line.start, line.end));
    } catch (error) {
      if (isLast && options.allowTornTail) return torn(line, 'the last line is not valid JSON');
      throw corrupt(line, `not valid JSON (${(error as Error).message})`);
    }
    const parsed = parseJournalRecord(value);
    if (!parsed.ok) throw corrupt(line, `${parsed.field ? `${parsed.field}: ` : ''}${parsed.message}`);
    const record = parsed.value;
    if (record.seq <= previousSeq) throw corrupt(line, `seq ${record.seq} does not follow seq ${previousSeq}`);
    previousSeq = record.seq;

    const txn = (value as { txn?: unknown }).txn;
    let position = 1;
    let size = 1;
    if (txn !== undefined) {
      if (!Array.isArray(txn) || txn.length !== 2 || !txn.every((x) => Number.isSafeInteger(x) && x >= 1) || txn[0] > txn[1]) {
        throw corrupt(line, `txn: expected [index, count], got ${JSON.stringify(txn)}`);
      }
      [position, size] = txn as [number, number];
    }
    if (group) {
      if (position !== group.records.length + 1 || size !== group.size) {
        throw corrupt(line, `record ${position} of ${size} of a transaction follows record ${group.records.length} of ${group.size} of another`);
      }
      group.records.push(record);
    } else {
      if (position !== 1) throw corrupt(line, `record ${position} of ${size} of a transaction has no record 1`);
      group = { records: [record], size, firstLine: line.number, start: line.start };
    }
    if (group.records.length === group.size) {
      records.push(...group.records);
      group = null;
      goodBytes = line.end + 1;
    }
  }
  if (group) {
    const tail = lines.find((l) => l.number === group?.firstLine) as Line;
    if (options.allowTornTail) return torn(tail, `the last transaction has ${group.records.length} of its ${group.size} records`);
    throw corrupt(tail, `the last transaction has ${group.records.length} of its ${group.size} records`);
  }
  return { records, goodBytes, fileBytes: buffer.length, dropped: null };
}

/**
 * The open journal: appends are written with one write and made durable with fdatasync
 * before the returned promise resolves. The file handle stays open between appends.
 */
export class JournalWriter {
  readonly path: string;
  private handle: FileHandle;
  private sizeBytes: number;
  /** Set when a failed append could not be rolled back: the file's tail is unknown, so no more appends. */
  private brokenBy: Error | null = null;

  private constructor(path: string, handle: FileHandle, size: number) {
    this.path = path;
    this.handle = handle;
    this.sizeBytes = size;
  }

  /** Opens (creating if needed) for appending, after cutting the file to `truncateTo` bytes if given. */
  static async open(path: string, truncateTo?: number): Promise<JournalWriter> {
    const handle = await open(path, 'a');
    try {
      if (truncateTo !== undefined) {
        await handle.truncate(truncateTo);
        await handle.sync();
      }
      const { size } = await handle.stat();
      return new JournalWriter(path, handle, size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  get size(): number {
    return this.sizeBytes;
  }

  /** Appends `text` and fdatasyncs. On failure the file is cut back to where it was, so a failed append leaves no trace. */
  async append(text: string): Promise<void> {
    if (this.brokenBy) throw new Error(`${this.path} cannot be written after an earlier failure: ${this.brokenBy.message}`);
    const data = Buffer.from(text, 'utf8');
    const before = this.sizeBytes;
    try {
      let written = 0;
      while (written < data.length) {
        const { bytesWritten } = await this.handle.write(data, written, data.length - written, null);
        written += bytesWritten;
      }
      await this.handle.datasync();
      this.sizeBytes = before + data.length;
    } catch (error) {
      try {
        await this.handle.truncate(before);
      } catch (truncateError) {
        this.brokenBy = truncateError as Error;
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
