// "As of": the CIs, relationships and records of every other kind as they were at a past instant, rebuilt by replaying the
// journal (which is the audit log) onto a base document.
//
// Requirement on the base: `checkpoint` must stand at or before `time` — every change folded
// into it must have happened at or before that instant. Pass the earliest base you have
// (null means the empty CMDB before journal record 1). This is checked when the journal still
// holds records the base already contains (seq <= journalSeq): one later than `time` means the
// base is too recent (AsOfError 'base_too_recent'). The records after the base must run on
// from base.journalSeq + 1 without a gap up to the first record later than `time`
// ('journal_gap'), or the picture could be wrong.
//
// Replay runs in sequence order and stops at the first record later than `time`: a clock that
// stepped back can then never apply a record without the ones before it, and a transaction's
// records (which share one time) are applied all or not at all.
import type { Ci, CmdbDocument, JournalRecord, Relationship } from '../../shared/model';
import type { KindRecord } from '../../shared/record-kinds';
import { compareIds } from '../formats/export/scope';
import { applyRecord } from '../graph/cmdb';
import { CmdbGraph } from '../graph/cmdb-graph';
import { recordsOf } from '../graph/load';
import { RecordSet } from '../records/record-set';
import type { CmdbState } from '../records/registry';

export type AsOfErrorCode = 'invalid_time' | 'base_too_recent' | 'journal_gap';

export class AsOfError extends Error {
  readonly code: AsOfErrorCode;
  constructor(code: AsOfErrorCode, message: string) {
    super(message);
    this.name = 'AsOfError';
    this.code = code;
  }
}

export interface AsOfResult {
  cis: Ci[];
  relationships: Relationship[];
  /** The records of the other kinds (changes, incidents, settings…) by kind, each list sorted by id. */
  records: Record<string, KindRecord[]>;
  /** The last journal record applied (the base's journalSeq when none was). */
  journalSeq: number;
}

function instantOf(time: string, what: string): number {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) throw new AsOfError('invalid_time', `${what} is not a date and time: ${JSON.stringify(time)}`);
  return ms;
}

export function documentAsOf(checkpoint: CmdbDocument | null, journal: readonly JournalRecord[], time: string): AsOfResult {
  const instant = instantOf(time, 'time');
  const baseSeq = checkpoint?.journalSeq ?? 0;
  const records = [...journal].sort((a, b) => a.seq - b.seq);

  for (const record of records) {
    if (record.seq > baseSeq) break;
    if (instantOf(record.time, `journal record ${record.seq}'s time`) > instant) {
      throw new AsOfError(
        'base_too_recent',
        `the base document holds journal record ${record.seq} from ${record.time}, after ${time}: use an earlier base`,
      );
    }
  }

  const graph = new CmdbGraph(checkpoint?.cis ?? [], checkpoint?.relationships ?? []);
  const state: CmdbState = { graph, records: new RecordSet(checkpoint?.records ?? {}) };
  let lastSeq = baseSeq;
  for (const record of records) {
    if (record.seq <= baseSeq) continue;
    // Checked before the time: a missing record just before the first later one may still
    // belong before the instant.
    if (record.seq !== lastSeq + 1) {
      throw new AsOfError('journal_gap', `the journal jumps from record ${lastSeq} to ${record.seq}: records are missing`);
    }
    if (instantOf(record.time, `journal record ${record.seq}'s time`) > instant) break;
    applyRecord(state, record);
    lastSeq = record.seq;
  }

  return {
    cis: [...graph.cis()].sort((a, b) => compareIds(a.id, b.id)),
    relationships: [...graph.relationships()].sort((a, b) => compareIds(a.id, b.id)),
    records: recordsOf(state),
    journalSeq: lastSeq,
  };
}
