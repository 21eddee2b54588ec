// Which way failure travels over each relationship type (ARCHITECTURE.md, "Relationship"), as the
// contract states it, and how a step of an explanation path reads in the relationship's own
// direction. The impact engine reads the same table (src/core/graph/relationship-rules.ts).
import type { RelationshipType } from './model';
import type { PathStep } from './impact-types';

/**
 * `target_to_source`: when the target fails, the source is hurt (source needs target).
 * `source_to_target`: when the source fails, the target is hurt (member_of, part_of).
 */
export type FailureTravels = 'target_to_source' | 'source_to_target';

export const FAILURE_TRAVELS: Readonly<Record<RelationshipType, FailureTravels>> = {
  depends_on: 'target_to_source',
  runs_on: 'target_to_source',
  hosted_on: 'target_to_source',
  connects_to: 'target_to_source',
  member_of: 'source_to_target',
  part_of: 'source_to_target',
};

/**
 * How a path was walked: `failure` — a blast radius or SPOF path, each step from the CI that
 * fails to the CI it hurts; `dependency` — a dependencies path, each step from the CI that
 * stands on something to what it stands on (failure travels the other way).
 */
export type PathReading = 'failure' | 'dependency';

/** The relationship of a path step as stored: its source and target CI ids. */
export function stepEnds(step: PathStep, reading: PathReading): { source: string; target: string } {
  const failing = reading === 'failure' ? step.from : step.to;
  const hurt = reading === 'failure' ? step.to : step.from;
  return FAILURE_TRAVELS[step.type] === 'target_to_source' ? { source: hurt, target: failing } : { source: failing, target: hurt };
}
