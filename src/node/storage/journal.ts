// The journal: one JSON line per JournalRecord, appended and fsync'd before an edit is
// acknowledged. It is also the audit log (later: history, "as of" views and diffs).
//
// Framing: each line carries two extra keys, not part of the record (parseJournalRecord keeps
// only the record's own keys), so readers that do not care see plain records:
//   - `"txn":[i,n]`: record i of the n records of one transaction. Replay uses it to drop a
//     transaction whose last records never reached the disk, so a multi-record edit (a CI
//     deleted with its relationships) is replayed whole or not at all. Lines without `txn`
//     count as complete transactions.
//   - `"crc":"<8 hex>"`, always last: the CRC-32 of the line's bytes before `,"crc"`. It tells a
//     record damaged after it was written from one that was never finished. Lines written
//     before checksums have none and are read as they are.
// Only a last line without its newline (or a last transaction missing records) is a torn
// write; a complete line that does not read is damage (JournalDamageError).
import { crc32 } from 'node:zlib';
import { parseJournalRecord } from '../../core/records/validate';
import type { JournalRecord } from '../../shared/model';
import { CorruptFileError, errnoCode } from './errors';
import { FILE_MODE } from './fs-util';
import { nodeFs, type StorageFileHandle, type StorageFs } from './storage-fs';

/** `,"crc":"0123abcd"}`: the checksum field and the closing brace that end every line. */
const CRC_TAIL = /^,"crc":"([0-9a-f]{8})"\}$/;
const CRC_TAIL_LENGTH = 18;

function crcHex(data: string | Uint8Array): string {
  return crc32(data).toString(16).padStart(8, '0');
}

/** One record's line, without its newline: the JSON with `txn`, then the checksum of what precedes it. */
function encodeLine(record: JournalRecord, position: number, count: number): string {
  const body = JSON.stringify({ ...record, txn: [position, count] }).slice(0, -1);
  return `${body},"crc":"${crcHex(body)}"}`;
}

/** About how many characters journalChunks puts in one chunk. */
export const JOURNAL_CHUNK_CHARS = 1 << 20;

/** The lines of several transactions, in chunks of about JOURNAL_CHUNK_CHARS, encoded as they are asked for. */
export function* journalChunks(transactions: readonly (readonly JournalRecord[])[]): Generator<string, void, void> {
  let out = '';
  for (const records of transactions) {
    const n = records.length;
    for (let i = 0; i < n; i++) {
      out += `${encodeLine(records[i], i + 1, n)}\n`;
      if (out.length >= JOURNAL_CHUNK_CHARS) {
        yield out;
        out = '';
      }
    }
  }
  if (out.length > 0) yield out;
}

/** Where a journal file stops being readable, and what before that point is sound. */
export interface JournalDamage {
  /** The damaged line (1-based) and its byte offset. */
  line: number;
  byte: number;
  reason: string;
  /** What the damaged line still reads as (`seq 3: create ci ci_7`), when anything does. */
  held: string | null;
  /** Bytes of the file before the damage that hold complete transactions: what can be recovered. */
  goodBytes: number;
  /** The records in those bytes. */
  recovered: RecordRange;
}

/** `count` records, seq `firstSeq` to `lastSeq` (both 0 when there are none). */
export interface RecordRange {
  count: number;
  firstSeq: number;
  lastSeq: number;
}

/** A journal file with a complete line that does not read (the store recovers what precedes it). */
export class JournalDamageError extends CorruptFileError {
  readonly damage: JournalDamage;

  constructor(path: string, damage: JournalDamage) {
    const held = damage.held ? `; it reads as ${damage.held}` : '';
    super(path, `${path}: line ${damage.line} (byte ${damage.byte}) is damaged: ${damage.reason}${held}`);
    this.name = 'JournalDamageError';
    this.damage = damage;
  }
}

export interface JournalReadResult {
  records: JournalRecord[];
  /** Bytes of the file that hold complete, valid records (the file should be cut here when `dropped`). */
  goodBytes: number;
  fileBytes: number;
  /** Set when an interrupted write left an incomplete tail, which is not part of `records`. */
  dropped: { bytes: number; records: number; line: number; reason: string } | null;
  /** Each complete transaction's end (byte), last seq and the records up to it, in order: where the file can be cut. */
  transactionEnds: TransactionEnd[];
}

export interface TransactionEnd {
  firstSeq: number;
  lastSeq: number;
  end: number;
  records: number;
}

interface Line {
  number: number;
  start: number;
  end: number;
  terminated: boolean;
}

/** What a damaged line still says about itself, for the user. */
function describeHeld(text: string, value: unknown): string | null {
  if (typeof value === 'object' && value !== null) {
    const { seq, op, entity, id } = value as Record<string, unknown>;
    const parts = [op, entity, id].filter((part) => typeof part === 'string' || typeof part === 'number');
    if (typeof seq === 'number') return `seq ${seq}${parts.length > 0 ? `: ${parts.join(' ')}` : ''}`;
    if (parts.length > 0) return parts.join(' ');
  }
  const seq = /"seq":(\d+)/.exec(text);
  return seq ? `seq ${seq[1]} (the rest does not read)` : null;
}

/**
 * Reads a journal file. With `allowTornTail`, a tail left by an interrupted write (an
 * unterminated last line, or the first records of a transaction whose last record is
 * missing) is reported in `dropped` instead of failing. A complete line that does not read
 * (checksum, JSON, schema, seq order, framing) throws JournalDamageError naming the line and
 * what precedes it. Returns null if the file is missing.
 */
export async function readJournal(path: string, options: { allowTornTail: boolean; fs?: StorageFs }): Promise<JournalReadResult | null> {
  let buffer: Buffer;
  try {
    buffer = await (options.fs ?? nodeFs).readFile(path);
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
  const transactionEnds: TransactionEnd[] = [];
  let goodBytes = 0;
  // Records of the transaction being read, not yet known to be complete.
  let group: { records: JournalRecord[]; size: number; firstLine: number; start: number } | null = null;
  let previousSeq = 0;
  const damaged = (line: Line, reason: string, held: string | null = null): JournalDamageError => {
    // A transaction under way when the damage is found is lost with it.
    const from = group ? (lines.find((l) => l.number === group?.firstLine) as Line) : line;
    return new JournalDamageError(path, {
      line: from.number,
      byte: from.start,
      reason: from === line ? reason : `${reason} (line ${line.number}, inside the transaction that starts here)`,
      held,
      goodBytes: group ? group.start : goodBytes,
      recovered: { count: records.length, firstSeq: records[0]?.seq ?? 0, lastSeq: records.at(-1)?.seq ?? 0 },
    });
  };
  const torn = (line: Line, reason: string): JournalReadResult => {
    const cut = group ? group.start : line.start;
    const droppedRecords = group ? group.records.length : 0;
    return {
      records,
      goodBytes: cut,
      fileBytes: buffer.length,
      dropped: { bytes: buffer.length - cut, records: droppedRecords, line: group ? group.firstLine : line.number, reason },
      transactionEnds,
    };
  };

  for (const line of lines) {
    if (line.end === line.start && line.terminated) {
      goodBytes = group ? goodBytes : line.end + 1;
      continue;
    }
    if (!line.terminated) {
      if (options.allowTornTail) return torn(line, 'the last line is incomplete (no newline)');
      throw damaged(line, 'the last line is incomplete (no newline)');
    }
    const text = buffer.toString('utf8', line.start, line.end);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw damaged(line, `not valid JSON (${(error as Error).message})`, describeHeld(text, undefined));
    }
    const tail = CRC_TAIL.exec(text.slice(-CRC_TAIL_LENGTH));
    if (tail && crcHex(buffer.subarray(line.start, line.end - CRC_TAIL_LENGTH)) !== tail[1]) {
      throw damaged(line, 'its checksum does not match (the line was changed after it was written)', describeHeld(text, value));
    }
    const parsed = parseJournalRecord(value);
    if (!parsed.ok) throw damaged(line, `${parsed.field ? `${parsed.field}: ` : ''}${parsed.message}`, describeHeld(text, value));
    const record = parsed.value;
    if (record.seq <= previousSeq) throw damaged(line, `seq ${record.seq} does not follow seq ${previousSeq}`, describeHeld(text, value));
    previousSeq = record.seq;

    const txn = (value as { txn?: unknown }).txn;
    let position = 1;
    let size = 1;
    if (txn !== undefined) {
      if (!Array.isArray(txn) || txn.length !== 2 || !txn.every((x) => Number.isSafeInteger(x) && x >= 1) || txn[0] > txn[1]) {
        throw damaged(line, `txn: expected [index, count], got ${JSON.stringify(txn)}`, describeHeld(text, value));
      }
      [position, size] = txn as [number, number];
    }
    if (group) {
      if (position !== group.records.length + 1 || size !== group.size) {
        throw damaged(line, `record ${position} of ${size} of a transaction follows record ${group.records.length} of ${group.size} of another`, describeHeld(text, value));
      }
      group.records.push(record);
    } else {
      if (position !== 1) throw damaged(line, `record ${position} of ${size} of a transaction has no record 1`, describeHeld(text, value));
      group = { records: [record], size, firstLine: line.number, start: line.start };
    }
    if (group.records.length === group.size) {
      for (const member of group.records) records.push(member);
      goodBytes = line.end + 1;
      transactionEnds.push({ firstSeq: group.records[0].seq, lastSeq: record.seq, end: line.end + 1, records: records.length });
      group = null;
    }
  }
  if (group) {
    const first = lines.find((l) => l.number === group?.firstLine) as Line;
    const reason = `the last transaction has ${group.records.length} of its ${group.size} records`;
    if (options.allowTornTail) return torn(first, reason);
    throw damaged(first, reason);
  }
  return { records, goodBytes, fileBytes: buffer.length, dropped: null, transactionEnds };
}

/**
 * An append that failed and could not be cut back: its bytes may be in the file, so a later open
 * may find the edit saved. The writer cuts them off before its next append or when it closes.
 */
export class UncertainAppendError extends Error {
  /** The failed call's code (EIO, ENOSPC…), as the append's own error carries it. */
  readonly code: string | undefined;

  constructor(path: string, appendError: Error, cutBackError: Error) {
    super(`${appendError.message}; cutting ${path} back failed too (${cutBackError.message})`, { cause: appendError });
    this.name = 'UncertainAppendError';
    this.code = (appendError as NodeJS.ErrnoException).code;
  }
}

/**
 * The open journal: an append is written (in chunks when it is big) and made durable with one fdatasync
 * before the returned promise resolves. The file handle stays open between appends.
 */
export class JournalWriter {
  readonly path: string;
  private handle: StorageFileHandle;
  private sizeBytes: number;
  /** Set when a failed append could not be rolled back: the file's tail is unknown, so no append (and no sealing) until it is cut back. */
  private brokenBy: Error | null = null;

  private constructor(path: string, handle: StorageFileHandle, size: number) {
    this.path = path;
    this.handle = handle;
    this.sizeBytes = size;
  }

  /** Opens (creating if needed) for appending, after cutting the file to `truncateTo` bytes if given. */
  static async open(path: string, truncateTo?: number, fs: StorageFs = nodeFs): Promise<JournalWriter> {
    const handle = await fs.open(path, 'a', FILE_MODE);
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

  /**
   * Appends the chunks and fdatasyncs once. On failure the file is cut back to where it was, so a
   * failed append leaves no trace; when that fails too, UncertainAppendError says the bytes may be
   * there. The chunks are encoded and written one at a time: a transaction of a million records
   * never stands in memory as one string and one buffer.
   */
  async append(chunks: Iterable<string>): Promise<void> {
    await this.repair();
    const before = this.sizeBytes;
    let appended = 0;
    try {
      for (const chunk of chunks) {
        const data = Buffer.from(chunk, 'utf8');
        let written = 0;
        while (written < data.length) {
          const { bytesWritten } = await this.handle.write(data, written, data.length - written, null);
          written += bytesWritten;
        }
        appended += data.length;
      }
      await this.handle.datasync();
      this.sizeBytes = before + appended;
    } catch (error) {
      try {
        await this.handle.truncate(before);
      } catch (truncateError) {
        this.brokenBy = truncateError as Error;
        throw new UncertainAppendError(this.path, error as Error, truncateError as Error);
      }
      throw error;
    }
  }

  /**
   * Cuts the file back to its last acknowledged byte when a failed append could not (the disk
   * failed twice), durably; throws if it still cannot. Called before every append and before the
   * file is sealed as a segment, so a record that was reported failed never stays in the journal.
   */
  async repair(): Promise<void> {
    const broken = this.brokenBy;
    if (!broken) return;
    try {
      await this.handle.truncate(this.sizeBytes);
      await this.handle.datasync();
    } catch (error) {
      throw new Error(`${this.path} cannot be written after an earlier failure (${broken.message}); cutting it back failed again: ${(error as Error).message}`, { cause: error });
    }
    this.brokenBy = null;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
