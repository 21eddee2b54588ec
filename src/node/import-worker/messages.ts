// The messages between the import worker and its client. They cross a thread boundary, so the
// receiving side parses each with these schemas (a message that does not fit is a bug, reported
// as such, never trusted). Items travel in parts of at most PART_SIZE, each sent only when the
// client asks for the next ('next'): Node delivers all queued worker messages in one go, so
// without the turn-taking the service's event loop would copy and check every part in one block.
// A CSV file's CIs and rejections come in parts while it is still being read (the worker keeps
// no list of them), then `begin` says what was read with the totals, then the rest in parts
// (the relationships, any other format's whole batch), then `end`. CIs travel in columns
// (packed-cis.ts). Nothing is used before `end`: an error at any point refuses the whole file.
import { z } from 'zod';
import type { ImportedChange, ImportedIncident, ImportedProblem, ImportedRelationship, ImportProgress } from '../../core/formats/import';
import { CHANGE_STATES, CHANGE_TYPES } from '../../shared/changes';
import { INCIDENT_STATUSES, PROBLEM_STATUSES } from '../../shared/incidents';
import type { AnyRejection, ImportLeftOut } from '../../shared/data-types';
import { RelationshipTypeSchema, StrengthSchema } from '../../shared/model';
import { PackedCisSchema } from './packed-cis';
import { CsvMappingSchema, ImportFormatSchema } from '../../shared/operations';

/** Items (CIs, relationships, change requests, incidents, problems, rejections) per `part` message. */
export const PART_SIZE = 2000;

const SourceRefShape = {
  file: z.string(),
  line: z.number().int().optional(),
  row: z.number().int().optional(),
  path: z.string().optional(),
  document: z.number().int().optional(),
};
const SourceRefSchema = z.strictObject(SourceRefShape);


export const ImportedRelationshipSchema = z.strictObject({
  source: z.string(),
  target: z.string(),
  system: z.string(),
  type: RelationshipTypeSchema,
  strength: StrengthSchema.optional(),
  inferred: z.boolean().optional(),
  id: z.string().optional(),
  fields: z.strictObject({ source: z.string().optional(), target: z.string().optional() }).optional(),
  sourceRef: SourceRefSchema,
});

export const ImportedChangeSchema = z.strictObject({
  system: z.string(),
  fields: z.strictObject({
    number: z.string(),
    title: z.string(),
    description: z.string(),
    type: z.enum(CHANGE_TYPES),
    state: z.enum(CHANGE_STATES),
    window: z.strictObject({ start: z.string(), end: z.string() }).nullable(),
    implementer: z.string(),
    rollbackPlan: z.string(),
    review: z.strictObject({ outcome: z.enum(['successful', 'failed', 'rolled_back']), notes: z.string() }).nullable(),
    note: z.string(),
  }),
  target: z.strictObject({ refs: z.array(z.string()), field: z.string() }).optional(),
  sourceRef: SourceRefSchema,
});

const ReferenceSchema = z.strictObject({ refs: z.array(z.string()), field: z.string() });
const Level = z.union([z.literal(1), z.literal(2), z.literal(3)]);

export const ImportedIncidentSchema = z.strictObject({
  system: z.string(),
  fields: z.strictObject({
    number: z.string(),
    title: z.string(),
    description: z.string(),
    impact: Level.nullable(),
    urgency: Level,
    status: z.enum(INCIDENT_STATUSES),
    openedAt: z.string(),
    resolvedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
  }),
  cis: z.array(ReferenceSchema),
  causedBy: ReferenceSchema.optional(),
  problem: ReferenceSchema.optional(),
  sourcePriority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]).optional(),
  sourceRef: SourceRefSchema,
});

export const ImportedProblemSchema = z.strictObject({
  system: z.string(),
  fields: z.strictObject({
    number: z.string(),
    title: z.string(),
    description: z.string(),
    status: z.enum(PROBLEM_STATUSES),
    knownError: z.string(),
    workaround: z.string(),
    resolvedAt: z.string().nullable(),
  }),
  rootCause: ReferenceSchema.optional(),
  sourceRef: SourceRefSchema,
});

export const RejectionSchema = z.strictObject({
  ...SourceRefShape,
  entity: z.enum(['ci', 'relationship', 'change', 'incident', 'problem']),
  key: z.string().optional(),
  field: z.string().optional(),
  reason: z.string(),
});

export const LeftOutSchema = z.strictObject({
  unreadableEntities: z.number().int().min(0),
  danglingReferences: z.number().int().min(0),
  unreadFields: z.array(z.strictObject({ field: z.string(), entities: z.number().int().min(0) })),
  likelyTruncated: z.boolean(),
  hiddenSecrets: z.number().int().min(0),
});

// The schemas must describe the core's types exactly: these fail to compile when either side changes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _relShape: Same<z.infer<typeof ImportedRelationshipSchema>, ImportedRelationship> = true;
const _changeShape: Same<z.infer<typeof ImportedChangeSchema>, ImportedChange> = true;
const _incidentShape: Same<z.infer<typeof ImportedIncidentSchema>, ImportedIncident> = true;
const _problemShape: Same<z.infer<typeof ImportedProblemSchema>, ImportedProblem> = true;
const _rejectionShape: Same<z.infer<typeof RejectionSchema>, AnyRejection> = true;
const _leftOutShape: Same<z.infer<typeof LeftOutSchema>, ImportLeftOut> = true;
void [_relShape, _changeShape, _incidentShape, _problemShape, _rejectionShape, _leftOutShape];

// ---- client → worker ----

export const ParseRequestSchema = z.strictObject({
  type: z.literal('parse'),
  content: z.string(),
  fileName: z.string(),
  format: ImportFormatSchema.optional(),
  csvMapping: CsvMappingSchema.optional(),
  /** Remembered CSV mappings by header key (settings.json's csvMappings). */
  rememberedMappings: z.record(z.string(), CsvMappingSchema),
  includeAttributes: z.boolean(),
  skipUnreadable: z.boolean(),
  /** At most one progress message per this many ms (0: one per PROGRESS_EVERY records). */
  progressIntervalMs: z.number().min(0).max(10_000),
});
export type ParseRequest = z.infer<typeof ParseRequestSchema>;

/** The client took the last part and wants the next: one part per turn of the service's event loop. */
export const NextPartSchema = z.strictObject({ type: z.literal('next') });

export const ClientMessageSchema = z.discriminatedUnion('type', [ParseRequestSchema, NextPartSchema]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

// ---- worker → client ----

const PlaceSchema = z.strictObject({
  file: z.string(),
  line: z.number().optional(),
  column: z.number().optional(),
  row: z.number().optional(),
  path: z.string().optional(),
  field: z.string().optional(),
});

export const WorkerMessageSchema = z.discriminatedUnion('type', [
  /** How far the parser is: `fraction` of the whole parse (0…1), and the parser's own count. */
  z.strictObject({
    type: z.literal('progress'),
    fraction: z.number().min(0).max(1),
    unit: z.enum(['bytes', 'rows']).optional(),
    done: z.number().int().min(0).optional(),
    total: z.number().int().min(0).optional(),
  }),
  /** The file was read: what it holds, with the totals of every part (those sent while reading and those that follow). */
  z.strictObject({
    type: z.literal('begin'),
    format: ImportFormatSchema,
    hasBatch: z.boolean(),
    csv: z
      .strictObject({
        header: z.array(z.string()),
        mapping: CsvMappingSchema,
        suggested: z.boolean(),
        remembered: z.boolean(),
        problems: z.array(z.string()),
      })
      .optional(),
    warnings: z.array(z.string()),
    leftOut: LeftOutSchema.optional(),
    counts: z.strictObject({
      cis: z.number().int().min(0),
      relationships: z.number().int().min(0),
      changes: z.number().int().min(0),
      incidents: z.number().int().min(0),
      problems: z.number().int().min(0),
      rejected: z.number().int().min(0),
    }),
  }),
  z.strictObject({
    type: z.literal('part'),
    cis: PackedCisSchema,
    relationships: z.array(ImportedRelationshipSchema),
    changes: z.array(ImportedChangeSchema),
    incidents: z.array(ImportedIncidentSchema),
    problems: z.array(ImportedProblemSchema),
    rejected: z.array(RejectionSchema),
  }),
  z.strictObject({ type: z.literal('end') }),
  /** The file could not be read: an ImportError (with its place), an ImportSourceError, or a bug. */
  z.strictObject({
    type: z.literal('error'),
    kind: z.enum(['import', 'source', 'internal']),
    message: z.string(),
    importError: z
      .strictObject({ code: z.enum(['syntax', 'format', 'limit', 'internal']), place: PlaceSchema, reason: z.string() })
      .optional(),
    issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  }),
]);
export type WorkerMessage = z.infer<typeof WorkerMessageSchema>;

/** The parser's progress as a fraction of the whole parse (CSV reads and turns records into items in one pass, reporting bytes). */
export function parseFraction(progress: ImportProgress): number {
  return progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
}
