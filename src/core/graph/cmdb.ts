// The editable CMDB: validated mutations over a CmdbGraph (CIs, relationships) and the records
// of every other kind (src/core/records), each one producing journal records (the audit log)
// grouped in a transaction, with undo and redo as new transactions. Every journal record goes
// through the record-kind registry, so a new kind gets all of this by registering.
import {
  CiInputSchema,
  CiPatchSchema,
  CiSchema,
  RelationshipInputSchema,
  RelationshipPatchSchema,
  RelationshipSchema,
  type Ci,
  type JournalRecord,
  type Relationship,
} from '../../shared/model';
import { TOMBSTONE_KIND, type KindRecord, type Tombstone } from '../../shared/record-kinds';
import { RecordSet } from '../records/record-set';
import { describeReferrers, missingReference, referrersOf } from '../records/references';
import { recordKind, type AnyRecordKind, type CmdbState, type RecordContext } from '../records/registry';
import { CmdbGraph } from './cmdb-graph';
import { CmdbError } from './errors';
import { parseOrThrow } from './validation';

/** What the core needs from its host: a clock, an id source and who is acting. */
export interface CmdbEnvironment {
  now(): string;
  /** A new id `<prefix>_<random>`; the prefix is the kind's idPrefix (`ci`, `rel`, `chg`…). */
  newId(prefix: string): string;
  /** Who is acting, recorded on every journal record; the host may change it (a display name set in settings). */
  actor: string;
}

export interface Transaction {
  tx: number;
  label: string;
  records: JournalRecord[];
}

/** A journal record before it is stamped with seq, tx, time and actor. */
type RecordBody = { entity: string; op: JournalRecord['op']; id: string; before: KindRecord | null; after: KindRecord | null };

type CiBody = RecordBody & { entity: 'ci'; after: Ci };
type RelationshipBody = RecordBody & { entity: 'relationship'; after: Relationship };

/**
 * One operation of an all-or-nothing batch (an import's apply step). `importRecord` creates
 * (no `id`, or one not in use) or replaces a record of a stored kind through the kind's
 * prepareImport.
 */
export type BatchOperation =
  | { kind: 'createCi'; input: unknown }
  | { kind: 'updateCi'; id: string; patch: unknown }
  | { kind: 'deleteCi'; id: string }
  | { kind: 'createRelationship'; input: unknown }
  | { kind: 'updateRelationship'; id: string; patch: unknown }
  | { kind: 'deleteRelationship'; id: string }
  | { kind: 'importRecord'; entity: string; id?: string; fields: unknown };

interface HistoryState {
  undo: Transaction[];
  redo: Transaction[];
  lastSeq: number;
  lastTx: number;
}

const UNDO_LIMIT = 500;

/** Applies one journal record to the state, as replay does: no validation beyond integrity. */
export function applyRecord(state: CmdbState, record: Pick<JournalRecord, 'entity' | 'id' | 'after'>): void {
  recordKind(record.entity).apply(state, record.id, record.after as KindRecord | null);
}

function invert(body: RecordBody): RecordBody {
  const op = body.op === 'create' ? 'delete' : body.op === 'delete' ? 'create' : 'update';
  return { ...body, op, before: body.after, after: body.before };
}

function storedKind(name: string): AnyRecordKind {
  let kind: AnyRecordKind;
  try {
    kind = recordKind(name);
  } catch {
    throw new CmdbError('invalid_input', `kind: unknown record kind ${JSON.stringify(name)}`, 'kind');
  }
  if (kind.storage !== 'records') throw new CmdbError('invalid_input', `kind: ${kind.plural} have their own operations`, 'kind');
  return kind;
}

export class Cmdb implements CmdbState {
  readonly graph: CmdbGraph;
  readonly records: RecordSet;
  private readonly env: CmdbEnvironment;
  private history: HistoryState;
  private savedHistory: HistoryState | null = null;

  constructor(graph: CmdbGraph, env: CmdbEnvironment, lastSeq = 0, records: RecordSet = new RecordSet()) {
    this.graph = graph;
    this.records = records;
    this.env = env;
    this.history = { undo: [], redo: [], lastSeq, lastTx: 0 };
  }

  get lastSeq(): number {
    return this.history.lastSeq;
  }

  get canUndo(): boolean {
    return this.history.undo.length > 0;
  }

  get canRedo(): boolean {
    return this.history.redo.length > 0;
  }

  get undoLabel(): string | null {
    return this.history.undo.at(-1)?.label ?? null;
  }

  get redoLabel(): string | null {
    return this.history.redo.at(-1)?.label ?? null;
  }

  createCi(input: unknown): { ci: Ci; tx: Transaction } {
    const body = this.prepareCreateCi(input);
    return { ci: body.after, tx: this.commit(`Create ${body.after.name}`, [body]) };
  }

  updateCi(id: string, patch: unknown): { ci: Ci; tx: Transaction } {
    const body = this.prepareUpdateCi(id, patch);
    return { ci: body.after, tx: this.commit(`Edit ${body.after.name}`, [body]) };
  }

  /** Deletes a CI and every relationship touching it, as one transaction. */
  deleteCi(id: string): { deletedRelationships: number; tx: Transaction } {
    const bodies = this.prepareDeleteCi(id);
    const ci = this.requireCi(id);
    const deletedRelationships = bodies.filter((body) => body.entity === 'relationship').length;
    return { deletedRelationships, tx: this.commit(`Delete ${ci.name}`, bodies) };
  }

  createRelationship(input: unknown): { relationship: Relationship; tx: Transaction } {
    const body = this.prepareCreateRelationship(input);
    const rel = body.after;
    const label = `Link ${this.graph.getCi(rel.source)?.name} ${rel.type} ${this.graph.getCi(rel.target)?.name}`;
    return { relationship: rel, tx: this.commit(label, [body]) };
  }

  updateRelationship(id: string, patch: unknown): { relationship: Relationship; tx: Transaction } {
    const body = this.prepareUpdateRelationship(id, patch);
    return { relationship: body.after, tx: this.commit('Edit relationship', [body]) };
  }

  deleteRelationship(id: string): { tx: Transaction } {
    const before = this.requireRelationship(id);
    return { tx: this.commit('Delete relationship', [{ entity: 'relationship', op: 'delete', id, before, after: null }]) };
  }

  /** Creates a record of a stored kind (`input` without an id gets a new one); its references must exist. */
  createRecord(kindName: string, input: unknown): { record: KindRecord; tx: Transaction } {
    const kind = storedKind(kindName);
    const base = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
    const id = typeof base.id === 'string' ? base.id : this.env.newId(kind.idPrefix);
    if (kind.get(this, id)) throw new CmdbError('conflict', `id: a ${kind.label} with id ${id} already exists`, 'id');
    const candidate = kind.prepareCreate ? kind.prepareCreate(base, id, this.context()) : { ...base, id };
    const record = parseOrThrow(kind.schema, candidate);
    this.checkReferences(kind, record);
    return { record, tx: this.commit(`Create ${kind.label} ${kind.title(record)}`, [{ entity: kind.name, op: 'create', id, before: null, after: record }]) };
  }

  /** Replaces fields of a stored record (`patch` cannot change its id); the result is validated whole. */
  updateRecord(kindName: string, id: string, patch: unknown): { record: KindRecord; tx: Transaction } {
    const kind = storedKind(kindName);
    const before = this.requireRecord(kind, id);
    const fields = typeof patch === 'object' && patch !== null && !Array.isArray(patch) ? (patch as Record<string, unknown>) : {};
    if (fields.id !== undefined && fields.id !== id) throw new CmdbError('invalid_input', 'id: a record keeps its id', 'id');
    const candidate = kind.prepareUpdate ? kind.prepareUpdate(before, fields, this.context()) : { ...before, ...fields, id };
    return this.replaceRecord(kind.name, id, candidate, (record) => `Edit ${kind.label} ${kind.title(record)}`);
  }

  /**
   * Replaces a stored record with `next` as one transaction, checked against the kind's schema
   * and references but not its prepareUpdate: for a kind's own moves (a change's transitions),
   * whose rules are applied by the caller.
   */
  replaceRecord(kindName: string, id: string, next: unknown, label: (record: KindRecord) => string): { record: KindRecord; tx: Transaction } {
    const kind = storedKind(kindName);
    const before = this.requireRecord(kind, id);
    const record = parseOrThrow(kind.schema, next);
    if (record.id !== id) throw new CmdbError('invalid_input', 'id: a record keeps its id', 'id');
    this.checkReferences(kind, record);
    return { record, tx: this.commit(label(record), [{ entity: kind.name, op: 'update', id, before, after: record }]) };
  }

  /** What a kind's own rules see: the state, the time of the edit and who makes it. */
  context(): RecordContext {
    return { state: this, now: this.env.now(), actor: this.env.actor };
  }

  /** Deletes a stored record; refused while an open record names it. */
  deleteRecord(kindName: string, id: string): { tx: Transaction } {
    const kind = storedKind(kindName);
    const before = this.requireRecord(kind, id);
    const open = referrersOf(this, kind.name, id).filter((r) => !r.closed);
    if (open.length > 0) {
      throw new CmdbError('conflict', `id: ${kind.label} ${kind.title(before)} cannot be deleted: ${describeReferrers(open)} still name it`, 'id');
    }
    return { tx: this.commit(`Delete ${kind.label} ${kind.title(before)}`, [{ entity: kind.name, op: 'delete', id, before, after: null }]) };
  }

  /**
   * Applies many operations as ONE transaction (one undo step), all or nothing: each
   * operation is validated against the state the earlier ones left; if any fails, the
   * ones already applied are taken back and the error names the operation's index.
   */
  applyBatch(label: string, ops: readonly BatchOperation[]): { tx: Transaction; results: (KindRecord | null)[] } {
    const applied: RecordBody[] = [];
    const results: (KindRecord | null)[] = [];
    try {
      ops.forEach((op, index) => {
        let bodies: RecordBody[];
        try {
          bodies = this.prepareBatchOperation(op);
        } catch (e) {
          if (e instanceof CmdbError) {
            const field = e.field ? `operations[${index}].${e.field}` : `operations[${index}]`;
            throw new CmdbError(e.code, `operation ${index + 1} (${op.kind}): ${e.message}`, field);
          }
          throw e;
        }
        for (const body of bodies) {
          applyRecord(this, body);
          applied.push(body);
        }
        results.push(op.kind.startsWith('delete') ? null : (bodies[0].after ?? null));
      });
    } catch (e) {
      for (const body of [...applied].reverse().map(invert)) applyRecord(this, body);
      throw e;
    }
    this.saveHistory();
    const tx = this.record(label, applied, false);
    this.history.undo.push(tx);
    if (this.history.undo.length > UNDO_LIMIT) this.history.undo.shift();
    this.history.redo = [];
    return { tx, results };
  }

  private prepareBatchOperation(op: BatchOperation): RecordBody[] {
    switch (op.kind) {
      case 'createCi':
        return [this.prepareCreateCi(op.input)];
      case 'updateCi':
        return [this.prepareUpdateCi(op.id, op.patch)];
      case 'deleteCi':
        return this.prepareDeleteCi(op.id);
      case 'createRelationship':
        return [this.prepareCreateRelationship(op.input)];
      case 'updateRelationship':
        return [this.prepareUpdateRelationship(op.id, op.patch)];
      case 'deleteRelationship':
        return [{ entity: 'relationship', op: 'delete', id: op.id, before: this.requireRelationship(op.id), after: null }];
      case 'importRecord':
        return [this.prepareImportRecord(op.entity, op.id, op.fields)];
    }
  }

  private prepareImportRecord(kindName: string, id: string | undefined, fields: unknown): RecordBody {
    const kind = storedKind(kindName);
    if (!kind.prepareImport) throw new CmdbError('invalid_input', `kind: ${kind.plural} cannot be imported`, 'kind');
    const recordId = id ?? this.env.newId(kind.idPrefix);
    const before = kind.get(this, recordId) ?? null;
    const given = typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? (fields as Record<string, unknown>) : {};
    const record = parseOrThrow(kind.schema, kind.prepareImport(before, given, recordId, this.context()));
    if (record.id !== recordId) throw new CmdbError('invalid_input', 'id: a record keeps its id', 'id');
    this.checkReferences(kind, record);
    return { entity: kind.name, op: before ? 'update' : 'create', id: recordId, before, after: record };
  }

  private prepareCreateCi(input: unknown): CiBody {
    const parsed = parseOrThrow(CiInputSchema, input);
    const id = parsed.id ?? this.env.newId('ci');
    if (this.records.has(TOMBSTONE_KIND.name, id)) {
      throw new CmdbError('conflict', `id: ${id} was the id of a deleted CI that closed records still name; choose another id`, 'id');
    }
    if (this.graph.hasCi(id)) throw new CmdbError('conflict', `id: a CI with id ${id} already exists`, 'id');
    const now = this.env.now();
    const ci = parseOrThrow(CiSchema, { ...parsed, id, createdAt: now, updatedAt: now });
    return { entity: 'ci', op: 'create', id, before: null, after: ci };
  }

  private prepareUpdateCi(id: string, patch: unknown): CiBody {
    const before = this.requireCi(id);
    const parsed = parseOrThrow(CiPatchSchema, patch);
    const { redundancy, ...rest } = parsed;
    const merged: Ci = { ...before, ...rest, updatedAt: this.env.now() };
    if (redundancy === null) delete merged.redundancy;
    else if (redundancy !== undefined) merged.redundancy = redundancy;
    const ci = parseOrThrow(CiSchema, merged);
    return { entity: 'ci', op: 'update', id, before, after: ci };
  }

  /**
   * The records deleting a CI writes: its relationships, the CI, and a tombstone when closed
   * records name it. Refused while an open record (a scheduled change, an open incident) names it.
   */
  private prepareDeleteCi(id: string): RecordBody[] {
    const ci = this.requireCi(id);
    const referrers = referrersOf(this, 'ci', id);
    const open = referrers.filter((r) => !r.closed);
    if (open.length > 0) {
      throw new CmdbError('conflict', `id: ${ci.name} cannot be deleted: ${describeReferrers(open)} still name it; close them or remove it from them first`, 'id');
    }
    const bodies: RecordBody[] = this.graph
      .relationshipsOf(id)
      .map((r) => ({ entity: 'relationship', op: 'delete', id: r.id, before: r, after: null }));
    bodies.push({ entity: 'ci', op: 'delete', id, before: ci, after: null });
    if (referrers.length > 0) {
      const tombstone: Tombstone = { id, name: ci.name, class: ci.class, deletedAt: this.env.now() };
      const before = this.records.get(TOMBSTONE_KIND.name, id) ?? null;
      bodies.push({ entity: TOMBSTONE_KIND.name, op: before ? 'update' : 'create', id, before, after: tombstone });
    }
    return bodies;
  }

  private prepareCreateRelationship(input: unknown): RelationshipBody {
    const parsed = parseOrThrow(RelationshipInputSchema, input);
    const id = parsed.id ?? this.env.newId('rel');
    if (this.graph.getRelationship(id)) {
      throw new CmdbError('conflict', `id: a relationship with id ${id} already exists`, 'id');
    }
    const relationship = parseOrThrow(RelationshipSchema, { ...parsed, id });
    this.checkRelationship(relationship, null);
    return { entity: 'relationship', op: 'create', id, before: null, after: relationship };
  }

  private prepareUpdateRelationship(id: string, patch: unknown): RelationshipBody {
    const before = this.requireRelationship(id);
    const parsed = parseOrThrow(RelationshipPatchSchema, patch);
    const relationship = parseOrThrow(RelationshipSchema, { ...before, ...parsed });
    this.checkRelationship(relationship, id);
    return { entity: 'relationship', op: 'update', id, before, after: relationship };
  }

  /** Undoes the last transaction as a new one (so the journal stays append-only). */
  undo(): Transaction | null {
    const last = this.history.undo.at(-1);
    if (!last) return null;
    this.saveHistory();
    const bodies = last.records.map(toBody).reverse().map(invert);
    this.history.undo.pop();
    const tx = this.record(`Undo ${last.label}`, bodies);
    this.history.redo.push(last);
    return tx;
  }

  redo(): Transaction | null {
    const next = this.history.redo.at(-1);
    if (!next) return null;
    this.saveHistory();
    this.history.redo.pop();
    const tx = this.record(next.label, next.records.map(toBody));
    this.history.undo.push(tx);
    return tx;
  }

  /**
   * Takes back the last transaction when it could not be made durable: the graph, the
   * sequence numbers and the undo/redo stacks return to what they were before it.
   */
  revert(tx: Transaction): void {
    for (const body of tx.records.map(toBody).reverse().map(invert)) applyRecord(this, body);
    if (this.savedHistory) this.history = this.savedHistory;
    this.savedHistory = null;
  }

  private commit(label: string, bodies: RecordBody[]): Transaction {
    this.saveHistory();
    const tx = this.record(label, bodies);
    this.history.undo.push(tx);
    if (this.history.undo.length > UNDO_LIMIT) this.history.undo.shift();
    this.history.redo = [];
    return tx;
  }

  /** Stamps bodies as journal records of a new transaction, applying them unless already applied. */
  private record(label: string, bodies: RecordBody[], apply = true): Transaction {
    const time = this.env.now();
    const txId = ++this.history.lastTx;
    const records = bodies.map((body) => {
      const record = { ...body, seq: ++this.history.lastSeq, tx: txId, time, actor: this.env.actor } as JournalRecord;
      if (apply) applyRecord(this, record);
      return record;
    });
    return { tx: txId, label, records };
  }

  private saveHistory(): void {
    this.savedHistory = {
      undo: [...this.history.undo],
      redo: [...this.history.redo],
      lastSeq: this.history.lastSeq,
      lastTx: this.history.lastTx,
    };
  }

  private requireCi(id: string): Ci {
    const ci = this.graph.getCi(id);
    if (!ci) throw new CmdbError('not_found', `id: no CI with id ${id}`, 'id');
    return ci;
  }

  private requireRecord(kind: AnyRecordKind, id: string): KindRecord {
    const record = kind.get(this, id);
    if (!record) throw new CmdbError('not_found', `id: no ${kind.label} with id ${id}`, 'id');
    return record;
  }

  private checkReferences(kind: AnyRecordKind, record: KindRecord): void {
    if (!kind.references) return;
    const missing = missingReference(this, kind.references(record), kind.isClosed?.(record) ?? false);
    if (missing) {
      const target = recordKind(missing.kind);
      throw new CmdbError('invalid_input', `${missing.field}: no ${target.label} with id ${missing.id}`, missing.field);
    }
  }

  private requireRelationship(id: string): Relationship {
    const rel = this.graph.getRelationship(id);
    if (!rel) throw new CmdbError('not_found', `id: no relationship with id ${id}`, 'id');
    return rel;
  }

  private checkRelationship(rel: Relationship, ownId: string | null): void {
    if (rel.source === rel.target) {
      throw new CmdbError('invalid_input', 'target: a CI cannot be related to itself', 'target');
    }
    if (!this.graph.hasCi(rel.source)) {
      throw new CmdbError('invalid_input', `source: no CI with id ${rel.source}`, 'source');
    }
    if (!this.graph.hasCi(rel.target)) {
      throw new CmdbError('invalid_input', `target: no CI with id ${rel.target}`, 'target');
    }
    const existing = this.graph.findRelationship(rel.source, rel.target, rel.type);
    if (existing !== undefined && existing !== ownId) {
      throw new CmdbError('conflict', `type: these CIs are already related by ${rel.type} (${existing})`, 'type');
    }
  }
}

function toBody(record: JournalRecord): RecordBody {
  return { entity: record.entity, op: record.op, id: record.id, before: record.before as KindRecord | null, after: record.after as KindRecord | null };
}
