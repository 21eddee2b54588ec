// The kinds of record a CMDB document holds, as the contract sees them: a name, the zod schema
// of one record, the prefix of generated ids and the words the UI uses. CIs and relationships
// live in the graph (columns and CSR indexes); every other kind is stored as validated records.
// The behaviour of each kind (how a journal record applies, how two versions differ, what it
// refers to) is registered in src/core/records; a new kind is an entry here plus one there.
import { z } from 'zod';
import { CiSchema, IdSchema, IsoTimeSchema, RelationshipSchema } from './model';

/** Every record has an id, unique within its kind. */
export type KindRecord = { id: string } & Record<string, unknown>;

export interface RecordKindInfo<T extends { id: string } = KindRecord> {
  /** The journal's `entity`, the checkpoint's key under `records`, the diff's key. */
  name: string;
  /** In words: "CI", "change request"; plural "CIs", "change requests". */
  label: string;
  plural: string;
  /** Generated ids are `<idPrefix>_<random>`. */
  idPrefix: string;
  schema: z.ZodType<T>;
  /** 'graph': CIs and relationships (own storage and indexes); 'records': stored as validated records. */
  storage: 'graph' | 'records';
}

/**
 * What is left of a deleted CI that closed records still name (a closed change's targets, a
 * closed incident's affected CIs): its id, name and class, so their history stays readable.
 */
export const TombstoneSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(200),
  class: z.string().min(1).max(64),
  deletedAt: IsoTimeSchema,
});
export type Tombstone = z.infer<typeof TombstoneSchema>;

/** A JSON value (what a document setting may hold). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number().finite(), z.boolean(), z.null(), z.array(JsonValueSchema), z.record(z.string(), JsonValueSchema)]),
);

/**
 * One document setting that rules read (maintenance and blackout windows, risk weights, the
 * priority matrix): journaled like any edit, so it has undo, history and as-of. The id is the
 * setting's key (`risk.weights`); the kind that owns the key validates `value`.
 */
export const SettingSchema = z.object({
  id: IdSchema,
  value: JsonValueSchema,
  updatedAt: IsoTimeSchema,
});
export type Setting = z.infer<typeof SettingSchema>;

export const CI_KIND: RecordKindInfo<z.infer<typeof CiSchema>> = {
  name: 'ci',
  label: 'CI',
  plural: 'CIs',
  idPrefix: 'ci',
  schema: CiSchema,
  storage: 'graph',
};

export const RELATIONSHIP_KIND: RecordKindInfo<z.infer<typeof RelationshipSchema>> = {
  name: 'relationship',
  label: 'relationship',
  plural: 'relationships',
  idPrefix: 'rel',
  schema: RelationshipSchema,
  storage: 'graph',
};

export const TOMBSTONE_KIND: RecordKindInfo<Tombstone> = {
  name: 'tombstone',
  label: 'deleted CI',
  plural: 'deleted CIs',
  idPrefix: 'ci',
  schema: TombstoneSchema,
  storage: 'records',
};

export const SETTING_KIND: RecordKindInfo<Setting> = {
  name: 'setting',
  label: 'setting',
  plural: 'settings',
  idPrefix: 'set',
  schema: SettingSchema,
  storage: 'records',
};

/** A kind's name: lower-case letters, digits and `_`, as used in the journal and the checkpoint. */
export const KIND_NAME_PATTERN = /^[a-z][a-z0-9_]{0,31}$/;

/** A journal record's envelope; `before` and `after` are checked against the kind's schema (core/records). */
export const JournalEnvelopeSchema = z.object({
  seq: z.number().int().positive(),
  tx: z.number().int().positive(),
  time: IsoTimeSchema,
  actor: z.string().max(200),
  op: z.enum(['create', 'update', 'delete']),
  entity: z.string().regex(KIND_NAME_PATTERN, 'must name a record kind'),
  id: IdSchema,
  before: z.unknown(),
  after: z.unknown(),
});
