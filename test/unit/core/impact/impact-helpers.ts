// Small-graph builders for the impact tests: full Ci / Relationship objects with defaults,
// written as short specs so each test's picture is easy to read.
import { expect } from 'vitest';
import { CmdbGraph, FAILURE_DIRECTION } from '../../../../src/core/graph';
import {
  explanationPath,
  impactedList,
  impactIndex,
  type BlastRadiusResult,
  type DependenciesResult,
  type Explanation,
  type ImpactLevel,
  type PathStep,
} from '../../../../src/shared/impact-types';
import type { Ci, CiClass, Relationship, RelationshipType } from '../../../../src/shared/model';
import { ci } from '../../../support/ci-fixture';

export interface CiSpec {
  class?: CiClass;
  k?: number;
  criticality?: 1 | 2 | 3 | 4;
  name?: string;
}

export function makeCi(id: string, spec: CiSpec = {}): Ci {
  return ci(id, spec.name ?? id, {
    class: spec.class ?? 'application',
    criticality: spec.criticality ?? 3,
    ...(spec.k === undefined ? {} : { redundancy: { minHealthy: spec.k } }),
  });
}

/** "web depends_on app" or "web depends_on app soft" → a relationship with id `web>depends_on>app`. */
export function makeRel(text: string): Relationship {
  const [source, type, target, strength] = text.trim().split(/\s+/);
  return {
    id: `${source}>${type}>${target}`,
    source,
    target,
    type: type as RelationshipType,
    strength: strength === 'soft' ? 'soft' : 'hard',
  };
}

/**
 * Builds a graph from relationship lines; every CI they mention exists, with `specs` for the
 * ones that need a class, a redundancy rule or a criticality.
 */
export function graphOf(lines: string[], specs: Record<string, CiSpec> = {}): CmdbGraph {
  const rels = lines.map(makeRel);
  const ids = new Set<string>(Object.keys(specs));
  for (const r of rels) {
    ids.add(r.source);
    ids.add(r.target);
  }
  return new CmdbGraph(
    [...ids].map((id) => makeCi(id, specs[id])),
    rels,
  );
}

export function levelsOf(result: BlastRadiusResult): Record<string, ImpactLevel> {
  return Object.fromEntries(impactedList(result.impacted).map((c) => [c.id, c.level]));
}

/** The impacted entry of `id` with its explanation rebuilt from `via` pointers (explanationPath). */
export function entry(result: BlastRadiusResult, id: string) {
  const found = impactedList(result.impacted).find((c) => c.id === id);
  if (!found) throw new Error(`${id} is not impacted`);
  const explained = explanationPath(result, id);
  if (!explained) throw new Error(`${id} has no explanation`);
  return { ...found, ...explained };
}

/** Every entry of a result (impacted CIs or dependencies) with its explanation, rebuilt through one index. */
export function explainAll<T extends { id: string }>(result: BlastRadiusResult | DependenciesResult, entries: readonly T[]): (T & Explanation)[] {
  const index = impactIndex(result);
  return entries.map((e) => {
    const explained = explanationPath(index, e.id);
    if (!explained) throw new Error(`${e.id} has no explanation`);
    return { ...e, ...explained };
  });
}

/**
 * Every explanation: made of existing relationships, connected, starting at one of `startIds`,
 * cycle-free, one step fewer than ids, each step walked in the failure direction of its type
 * (`failure`, blast radius and SPOF) or against it (`needs`, dependencies).
 */
export function expectValidExplanation(
  graph: CmdbGraph,
  path: string[],
  steps: PathStep[],
  startIds: ReadonlySet<string>,
  direction: 'failure' | 'needs' = 'failure',
): void {
  expect(startIds.has(path[0])).toBe(true);
  expect(steps.length).toBe(path.length - 1);
  expect(new Set(path).size).toBe(path.length);
  steps.forEach((step, i) => {
    expect(step.from).toBe(path[i]);
    expect(step.to).toBe(path[i + 1]);
    const rel = graph.getRelationship(step.relationshipId);
    expect(rel).toBeDefined();
    if (!rel) return;
    expect(rel.type).toBe(step.type);
    expect(rel.strength).toBe(step.strength);
    // Along failure: depends_on & co. fail target → source; member_of / part_of fail source → target.
    const failsFromTarget = FAILURE_DIRECTION[rel.type] === 'target_to_source';
    const alongFailure = failsFromTarget ? [rel.target, rel.source] : [rel.source, rel.target];
    expect([step.from, step.to]).toEqual(direction === 'failure' ? alongFailure : [...alongFailure].reverse());
  });
}
