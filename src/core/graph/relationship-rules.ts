// Which way failure travels over each relationship type (ARCHITECTURE.md, "Relationship").
import { RELATIONSHIP_TYPES, type RelationshipType } from '../../shared/model';

/**
 * `target_to_source`: when the target fails, the source is hurt (source needs target).
 * `source_to_target`: when the source fails, the target is hurt (member_of, part_of).
 */
export type FailureDirection = 'target_to_source' | 'source_to_target';

export const FAILURE_DIRECTION: Readonly<Record<RelationshipType, FailureDirection>> = {
  depends_on: 'target_to_source',
  runs_on: 'target_to_source',
  hosted_on: 'target_to_source',
  connects_to: 'target_to_source',
  member_of: 'source_to_target',
  part_of: 'source_to_target',
};

/** Numeric codes used in the typed-array indexes (and in impact results): RELATIONSHIP_TYPES' order. */
export const RELATIONSHIP_TYPE_CODES: readonly RelationshipType[] = RELATIONSHIP_TYPES;
export const RELATIONSHIP_CODE: Readonly<Record<RelationshipType, number>> = Object.fromEntries(
  RELATIONSHIP_TYPE_CODES.map((t, i) => [t, i]),
) as Record<RelationshipType, number>;

/** For each type code: 1 when failure travels target → source. */
export const FAILS_TARGET_TO_SOURCE: Uint8Array = Uint8Array.from(
  RELATIONSHIP_TYPE_CODES.map((t) => (FAILURE_DIRECTION[t] === 'target_to_source' ? 1 : 0)),
);

/** Strength codes: STRENGTHS' order in shared/impact-types (hard, soft). */
export const STRENGTH_HARD = 0;
export const STRENGTH_SOFT = 1;
