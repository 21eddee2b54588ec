// The domain model of ARCHITECTURE.md as zod schemas: the single source of truth for
// what a CI, a relationship and a journal record look like on every boundary.
import { z } from 'zod';
import { CI_LIMITS, FORBIDDEN_IN_NAMES_MESSAGE, isDisplayableName, mapCharacters } from './ci-limits';

export { CI_LIMITS } from './ci-limits';

export const CI_CLASSES = [
  'business_service',
  'technical_service',
  'application',
  'database',
  'server',
  'virtual_machine',
  'container',
  'cluster',
  'load_balancer',
  'network_device',
  'storage',
  'cloud_resource',
  'site',
  'message_queue',
  'cache',
] as const;
export const CiClassSchema = z.enum(CI_CLASSES);
export type CiClass = z.infer<typeof CiClassSchema>;

export const RELATIONSHIP_TYPES = [
  'depends_on',
  'runs_on',
  'hosted_on',
  'connects_to',
  'member_of',
  'part_of',
] as const;
export const RelationshipTypeSchema = z.enum(RELATIONSHIP_TYPES);
export type RelationshipType = z.infer<typeof RelationshipTypeSchema>;

export const StrengthSchema = z.enum(['hard', 'soft']);
export type Strength = z.infer<typeof StrengthSchema>;

export const CI_STATUSES = ['planned', 'live', 'retired'] as const;
export const CiStatusSchema = z.enum(CI_STATUSES);
export type CiStatus = z.infer<typeof CiStatusSchema>;

/** 1 = mission critical … 4 = low. */
export const CriticalitySchema = z.number().int().min(1).max(4);
export type Criticality = 1 | 2 | 3 | 4;

/** Ids are generated (`ci_…`, `rel_…`) but imports may bring their own; keep them URL- and file-safe. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
export const IdSchema = z.string().regex(ID_PATTERN, 'must be 1–128 characters of letters, digits, _ . : - and start with a letter or digit');

const NameSchema = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const ShortTextSchema = z.string().trim().max(200, 'must be at most 200 characters');
const TagSchema = z.string().trim().min(1, 'tags must not be empty').max(64, 'tags must be at most 64 characters');
const StringMapSchema = z.record(z.string().min(1).max(128), z.string().max(4000));

// What a user or an import supplies is also held to CI_LIMITS (ci-limits.ts); stored CIs are not.
const InputNameSchema = NameSchema.refine(isDisplayableName, FORBIDDEN_IN_NAMES_MESSAGE);
const InputTagsSchema = z.array(TagSchema).max(CI_LIMITS.tags, `at most ${CI_LIMITS.tags} tags`);
const InputAttributesSchema = StringMapSchema.refine((map) => Object.keys(map).length <= CI_LIMITS.attributes, `at most ${CI_LIMITS.attributes} attributes`).refine(
  (map) => mapCharacters(map) <= CI_LIMITS.attributeCharacters,
  `at most ${CI_LIMITS.attributeCharacters} characters in all (keys and values)`,
);
const InputExternalIdsSchema = StringMapSchema.refine((map) => Object.keys(map).length <= CI_LIMITS.externalIds, `at most ${CI_LIMITS.externalIds} external ids`);

export const RedundancySchema = z.object({
  minHealthy: z.number().int().min(1, 'must be at least 1'),
});
export type Redundancy = z.infer<typeof RedundancySchema>;

export const IsoTimeSchema = z.string().datetime({ offset: true });

export const CiSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  class: CiClassSchema,
  environment: ShortTextSchema,
  criticality: CriticalitySchema,
  owner: ShortTextSchema,
  status: CiStatusSchema,
  tags: z.array(TagSchema),
  attributes: StringMapSchema,
  externalIds: StringMapSchema,
  redundancy: RedundancySchema.optional(),
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
});
export type Ci = z.infer<typeof CiSchema>;

/** What a user (or an import) supplies to create a CI; the rest is generated or defaulted. */
export const CiInputSchema = z.object({
  id: IdSchema.optional(),
  name: InputNameSchema,
  class: CiClassSchema,
  environment: ShortTextSchema.default('production'),
  criticality: CriticalitySchema.default(3),
  owner: ShortTextSchema.default(''),
  status: CiStatusSchema.default('live'),
  tags: InputTagsSchema.default([]),
  attributes: InputAttributesSchema.default({}),
  externalIds: InputExternalIdsSchema.default({}),
  redundancy: RedundancySchema.optional(),
});
export type CiInput = z.input<typeof CiInputSchema>;

/** A partial update; `redundancy: null` removes the redundancy rule. */
export const CiPatchSchema = z
  .object({
    name: InputNameSchema,
    class: CiClassSchema,
    environment: ShortTextSchema,
    criticality: CriticalitySchema,
    owner: ShortTextSchema,
    status: CiStatusSchema,
    tags: InputTagsSchema,
    attributes: InputAttributesSchema,
    externalIds: InputExternalIdsSchema,
    redundancy: RedundancySchema.nullable(),
  })
  .partial();
export type CiPatch = z.infer<typeof CiPatchSchema>;

export const RelationshipSchema = z.object({
  id: IdSchema,
  source: IdSchema,
  target: IdSchema,
  type: RelationshipTypeSchema,
  strength: StrengthSchema,
  /** True when an importer guessed the edge rather than read it. */
  inferred: z.boolean().optional(),
});
export type Relationship = z.infer<typeof RelationshipSchema>;

export const RelationshipInputSchema = z.object({
  id: IdSchema.optional(),
  source: IdSchema,
  target: IdSchema,
  type: RelationshipTypeSchema,
  strength: StrengthSchema.default('hard'),
  inferred: z.boolean().optional(),
});
export type RelationshipInput = z.input<typeof RelationshipInputSchema>;

export const RelationshipPatchSchema = z
  .object({ type: RelationshipTypeSchema, strength: StrengthSchema })
  .partial();
export type RelationshipPatch = z.infer<typeof RelationshipPatchSchema>;

/**
 * One mutation as written to the journal (which is also the audit log): who did what to which
 * record of which kind. `entity` names a record kind (src/shared/record-kinds.ts); `before` and
 * `after` are records of that kind, checked against its schema when a journal is read
 * (parseJournalRecord in src/core/records).
 */
export interface JournalRecord<T extends { id: string } = { id: string }> {
  seq: number;
  tx: number;
  time: string;
  actor: string;
  op: 'create' | 'update' | 'delete';
  entity: string;
  id: string;
  before: T | null;
  after: T | null;
}

/**
 * The checkpoint format this Faultline writes (version 3: CIs and relationships as columns, the
 * other record kinds as validated records; see src/node/storage/README.md). Older checkpoints
 * are migrated on open; newer ones are refused.
 */
export const CURRENT_SCHEMA_VERSION = 3;

/**
 * The object-per-item form of a whole CMDB (CmdbDocument): JSON snapshot exports, the bundled
 * sample, schemaVersion 1 checkpoints, and the document as the core handles it in memory.
 * Checkpoints are written in CURRENT_SCHEMA_VERSION and read back into this form.
 */
export const OBJECT_FORMAT_VERSION = 1;

/** A record of a kind stored as records (not CIs or relationships): checked against its kind's schema in src/core/records. */
export const StoredRecordSchema = z.looseObject({ id: IdSchema });

/**
 * The whole CMDB at `journalSeq`, one object per CI and per relationship, and the records of
 * every other kind by kind name (`records.change`, `records.setting`; absent in older files).
 */
export const CmdbDocumentSchema = z.object({
  schemaVersion: z.literal(OBJECT_FORMAT_VERSION),
  journalSeq: z.number().int().min(0),
  cis: z.array(CiSchema),
  relationships: z.array(RelationshipSchema),
  records: z.record(z.string(), z.array(StoredRecordSchema)).optional(),
  settings: z.record(z.string(), z.unknown()).default({}),
});
export type CmdbDocument = z.infer<typeof CmdbDocumentSchema>;

export type { ZodType } from 'zod';
