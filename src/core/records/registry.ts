// The record-kind registry: each kind's contract (src/shared/record-kinds.ts) plus its
// behaviour — how a journal record of it applies to the CMDB's state, how two versions differ,
// how it is listed and counted, what other records it names. The journal, undo/redo, the
// checkpoint, diff, as-of, snapshots, the JSON snapshot and DocumentInfo all go through it.
//
// CIs and relationships are the first two kinds and keep their own storage (the graph's id
// maps, columns and CSR indexes). Every other kind is "stored": validated records in a
// RecordSet, with apply, list, count and diff given by defineStoredKind. Inverting a journal
// record is the same for every kind (swap before and after), so it is not a kind's business.
import {
  CI_KIND,
  KIND_NAME_PATTERN,
  RELATIONSHIP_KIND,
  SETTING_KIND,
  TOMBSTONE_KIND,
  type KindRecord,
  type RecordKindInfo,
} from '../../shared/record-kinds';

export { defineStoredKind, type StoredKindDefinition } from './define';
import type { Ci, Relationship } from '../../shared/model';
import type { FieldChange } from '../../shared/data-types';
import type { CmdbGraph } from '../graph/cmdb-graph';
import { CHANGE_KIND } from '../changes/change-kind';
import { WINDOW_KIND } from '../changes/window-kind';
import { INCIDENT_KIND } from '../incidents/incident-kind';
import { PROBLEM_KIND } from '../incidents/problem-kind';
import { defineStoredKind } from './define';
import { ciChanges, relationshipChanges, type DiffOptions } from './field-changes';
import type { RecordSet } from './record-set';

/** What journal records apply to: the graph (CIs, relationships) and the records of every other kind. */
export interface CmdbState {
  readonly graph: CmdbGraph;
  readonly records: RecordSet;
}

/** What a kind's own rules see when a record is created or edited. */
export interface RecordContext {
  readonly state: CmdbState;
  /** The time the edit is recorded at, and who makes it. */
  readonly now: string;
  readonly actor: string;
}

/** One record naming another: a change's target, an incident's affected CI. `field` says where (`targets[2].ciId`). */
export interface RecordReference {
  kind: string;
  id: string;
  field: string;
}

export interface RecordKind<T extends { id: string } = KindRecord> extends RecordKindInfo<T> {
  /** Puts `after` in the state as record `id`, or removes the record when `after` is null. No validation: replay trusts the journal. */
  apply(state: CmdbState, id: string, after: T | null): void;
  get(state: CmdbState, id: string): T | undefined;
  list(state: CmdbState): Iterable<T>;
  count(state: CmdbState): number;
  /** Field by field, what differs from `before` to `after` (see field-changes.ts for the field names). */
  changes(before: T, after: T, options?: DiffOptions): FieldChange[];
  /** A record in a few words, for undo labels and messages ("CHG0042 Patch the orders database"). */
  title(record: T): string;
  /** The records this one names; each must exist when it is created or edited. */
  references?(record: T): readonly RecordReference[];
  /**
   * True when the record is closed: a CI it names may then be deleted, leaving a tombstone with
   * the CI's name. While an open record names a CI, deleting that CI is refused.
   */
  isClosed?(record: T): boolean;
  /**
   * The record to create from what a user gave (its id already chosen): where a kind fills in
   * what is its own (a number, a state, times). Without it the input is the record. The result
   * is checked against the schema.
   */
  prepareCreate?(input: Record<string, unknown>, id: string, context: RecordContext): unknown;
  /**
   * The record after a user's edit: where a kind refuses fields it moves by itself (a change's
   * state moves only by transitions). Without it the patch is merged over the record.
   */
  prepareUpdate?(before: T, patch: Record<string, unknown>, context: RecordContext): unknown;
  /**
   * The record an import makes (`before` null) or leaves (`before` the record it matched), from
   * what the source says: unlike a user's create or edit, an import may set what the kind
   * otherwise fills in or moves by itself (a change's number and state). Kinds without it
   * cannot be imported. The result is checked against the schema and references.
   */
  prepareImport?(before: T | null, fields: Record<string, unknown>, id: string, context: RecordContext): unknown;
}

/** A kind as the registry holds it, its record type erased (each kind checks its own records with its schema). */
export type AnyRecordKind = RecordKind<KindRecord>;

const ciKind: RecordKind<Ci> = {
  ...CI_KIND,
  apply(state, id, after) {
    if (after) state.graph.putCi(after);
    else state.graph.removeCi(id);
  },
  get: (state, id) => state.graph.getCi(id),
  list: (state) => state.graph.cis(),
  count: (state) => state.graph.ciCount,
  changes: (before, after, options) => ciChanges(before, after, options),
  title: (ci) => ci.name,
};

const relationshipKind: RecordKind<Relationship> = {
  ...RELATIONSHIP_KIND,
  apply(state, id, after) {
    if (after) state.graph.putRelationship(after);
    else state.graph.removeRelationship(id);
  },
  get: (state, id) => state.graph.getRelationship(id),
  list: (state) => state.graph.relationships(),
  count: (state) => state.graph.relationshipCount,
  changes: (before, after) => relationshipChanges(before, after),
  title: (rel) => `${rel.source} ${rel.type} ${rel.target}`,
};

const tombstoneKind = defineStoredKind({ ...TOMBSTONE_KIND, title: (t) => `${t.name} (deleted)` });

const settingKind = defineStoredKind({ ...SETTING_KIND, title: (s) => s.id });

function erase<T extends { id: string }>(kind: RecordKind<T>): AnyRecordKind {
  // Sound as long as every record handed to the kind is one of its own, which the journal
  // reader and the checkpoint decoder make sure of (parseKindRecord).
  return kind as unknown as AnyRecordKind;
}

const registry = new Map<string, AnyRecordKind>();

/**
 * Adds a kind. Its name must be new and follow KIND_NAME_PATTERN. Registering is all a stored
 * kind needs to get journal, undo/redo, history, as-of, diff, the checkpoint and snapshots.
 */
export function registerRecordKind<T extends { id: string }>(kind: RecordKind<T>): void {
  if (!KIND_NAME_PATTERN.test(kind.name)) throw new Error(`record kind name ${JSON.stringify(kind.name)} must match ${KIND_NAME_PATTERN}`);
  if (registry.has(kind.name)) throw new Error(`the record kind ${kind.name} is already registered`);
  if (kind.storage === 'graph' && registry.size >= 2) throw new Error('only CIs and relationships are stored in the graph');
  registry.set(kind.name, erase(kind));
}

registerRecordKind(ciKind);
registerRecordKind(relationshipKind);
registerRecordKind(tombstoneKind);
registerRecordKind(settingKind);
registerRecordKind(CHANGE_KIND);
registerRecordKind(WINDOW_KIND);
registerRecordKind(INCIDENT_KIND);
registerRecordKind(PROBLEM_KIND);

/** Every registered kind, CIs and relationships first. */
export function recordKinds(): AnyRecordKind[] {
  return [...registry.values()];
}

/** The kinds stored as records (all but CIs and relationships). */
export function storedKinds(): AnyRecordKind[] {
  return recordKinds().filter((kind) => kind.storage === 'records');
}

export function findRecordKind(name: string): AnyRecordKind | undefined {
  return registry.get(name);
}

export function recordKind(name: string): AnyRecordKind {
  const kind = registry.get(name);
  if (!kind) throw new Error(`unknown record kind: ${name}`);
  return kind;
}
