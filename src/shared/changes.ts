// The change request as the contract sees it (ARCHITECTURE.md, "Change request"): a registered
// record kind (src/core/changes registers its behaviour), so it has journal, undo, history,
// as-of and diff like every kind.
import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from './model';

export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const CHANGE_STATES = ['draft', 'assessed', 'cab_review', 'approved', 'rejected', 'scheduled', 'implemented', 'reviewed', 'cancelled'] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

/** States after which nothing more happens to a change: a CI it names may then be deleted (a tombstone keeps its name). */
export const CLOSED_CHANGE_STATES: readonly ChangeState[] = ['rejected', 'reviewed', 'cancelled'];

export const CHANGE_NUMBER_PATTERN = /^CHG\d{4,}$/;

export const ChangeTargetSchema = z.object({ ciId: IdSchema, mode: z.enum(['down', 'degraded']) });
export type ChangeTarget = z.infer<typeof ChangeTargetSchema>;

/** The planned window, stored in UTC; `end` is after `start`. */
export const ChangeWindowSchema = z
  .object({ start: IsoTimeSchema, end: IsoTimeSchema })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), { message: 'must end after it starts', path: ['end'] });
export type ChangeWindow = z.infer<typeof ChangeWindowSchema>;

const TextSchema = z.string().max(10_000);

/** One step of the change's life: a transition, a vote, a comment ("send back" carries one). */
export const ChangeEventSchema = z.object({
  at: IsoTimeSchema,
  actor: z.string().max(200),
  kind: z.enum(['transition', 'vote', 'comment']),
  from: z.enum(CHANGE_STATES).optional(),
  to: z.enum(CHANGE_STATES).optional(),
  vote: z.enum(['approve', 'reject', 'abstain']).optional(),
  text: TextSchema,
});
export type ChangeEvent = z.infer<typeof ChangeEventSchema>;

/** What the CAB saw: the blast radius frozen when the change entered cab_review, and the CMDB state it was computed on. */
export const ImpactSnapshotSchema = z.object({
  cmdbHash: z.string().regex(/^[0-9a-f]{14}$/),
  computedAt: IsoTimeSchema,
  byLevel: z.object({ down: z.number().int().min(0), degraded: z.number().int().min(0), at_risk: z.number().int().min(0) }),
  /** Every impacted CI and its level. */
  impacted: z.array(z.object({ id: IdSchema, level: z.enum(['down', 'degraded', 'at_risk']) })),
  /** Redundancy groups left with exactly the members they need (at_risk) and taken down. */
  redundancy: z.object({ atRisk: z.number().int().min(0), down: z.number().int().min(0) }).default({ atRisk: 0, down: 0 }),
  /** Impacted services, ranked as the engine ranks them. */
  services: z.array(z.object({ id: IdSchema, name: z.string(), level: z.enum(['down', 'degraded', 'at_risk']), criticality: z.number().int().min(1).max(4) })),
});
export type ImpactSnapshot = z.infer<typeof ImpactSnapshotSchema>;

export const PostImplementationReviewSchema = z.object({
  outcome: z.enum(['successful', 'failed', 'rolled_back']),
  notes: TextSchema,
  at: IsoTimeSchema,
  actor: z.string().max(200),
});

export const ChangeSchema = z.object({
  id: IdSchema,
  number: z.string().regex(CHANGE_NUMBER_PATTERN, 'must be CHG followed by at least four digits'),
  title: z.string().trim().min(1, 'must not be empty').max(200),
  description: TextSchema,
  type: z.enum(CHANGE_TYPES),
  state: z.enum(CHANGE_STATES),
  targets: z.array(ChangeTargetSchema).max(1000),
  window: ChangeWindowSchema.nullable(),
  implementer: z.string().trim().max(200),
  rollbackPlan: TextSchema,
  events: z.array(ChangeEventSchema),
  impactSnapshot: ImpactSnapshotSchema.nullable(),
  review: PostImplementationReviewSchema.nullable(),
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
});
export type Change = z.infer<typeof ChangeSchema>;

/** What a user gives to create a change; the number, state, times and history are the core's. */
export const ChangeInputSchema = z
  .object({
    title: ChangeSchema.shape.title,
    description: TextSchema.default(''),
    type: z.enum(CHANGE_TYPES).default('normal'),
    targets: z.array(ChangeTargetSchema).max(1000).default([]),
    window: ChangeWindowSchema.nullable().default(null),
    implementer: z.string().trim().max(200).default(''),
    rollbackPlan: TextSchema.default(''),
  })
  .strict();
export type ChangeInput = z.input<typeof ChangeInputSchema>;

/** The fields a user edits directly (no defaults: a field left out stays as it is); the state moves only by transitions. */
export const ChangePatchSchema = z
  .object({
    title: ChangeSchema.shape.title,
    description: TextSchema,
    type: z.enum(CHANGE_TYPES),
    targets: z.array(ChangeTargetSchema).max(1000),
    window: ChangeWindowSchema.nullable(),
    implementer: z.string().trim().max(200),
    rollbackPlan: TextSchema,
  })
  .partial()
  .strict();
export type ChangePatch = z.infer<typeof ChangePatchSchema>;

/** A move along the change's life cycle; `comment` is required to send a change back and recorded with any move. */
export const ChangeTransitionSchema = z
  .object({
    to: z.enum(CHANGE_STATES),
    comment: TextSchema.optional(),
    review: PostImplementationReviewSchema.pick({ outcome: true, notes: true }).optional(),
  })
  .strict();
export type ChangeTransition = z.infer<typeof ChangeTransitionSchema>;
