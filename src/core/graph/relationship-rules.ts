// Which way failure travels over each relationship type (ARCHITECTURE.md, "Relationship"), as
// the impact engine's typed-array indexes use it. The table itself is the contract's
// (src/shared/failure-direction.ts), which the renderer reads too.
import { FAILURE_TRAVELS, type FailureTravels } from '../../shared/failure-direction';
import { RELATIONSHIP_TYPES, type RelationshipType } from '../../shared/model';

export type FailureDirection = FailureTravels;
export const FAILURE_DIRECTION: Readonly<Record<RelationshipType, FailureDirection>> = FAILURE_TRAVELS;

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
