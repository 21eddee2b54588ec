// Turns a plan into the ordered operations the Cmdb applies as ONE transaction
// (Cmdb.applyBatch: all or nothing, one undo step): CI creates (with ids assigned up front
// so relationships can name them), CI updates, relationship creates, relationship updates.
import type { BatchOperation } from '../graph/cmdb';
import type { ImportPlan, PlanEndpoint } from './types';

export function applyPlanOps(plan: ImportPlan, newId: (prefix: 'ci' | 'rel') => string): BatchOperation[] {
  const ops: BatchOperation[] = [];
  const newIds: string[] = [];
  for (const create of plan.cis.create) {
    const id = create.input.id ?? newId('ci');
    newIds.push(id);
    ops.push({ kind: 'createCi', input: { ...create.input, id } });
  }
  for (const update of plan.cis.update) ops.push({ kind: 'updateCi', id: update.id, patch: update.patch });
  const idOf = (endpoint: PlanEndpoint): string => (endpoint.kind === 'existing' ? endpoint.id : newIds[endpoint.index]);
  for (const rel of plan.relationships.create) {
    const input: Record<string, unknown> = { source: idOf(rel.source), target: idOf(rel.target), type: rel.type, strength: rel.strength };
    if (rel.inferred) input.inferred = true;
    if (rel.id !== undefined) input.id = rel.id;
    ops.push({ kind: 'createRelationship', input });
  }
  for (const update of plan.relationships.update) ops.push({ kind: 'updateRelationship', id: update.id, patch: update.patch });
  return ops;
}

/** True when the plan would change nothing. */
export function planIsEmpty(plan: ImportPlan): boolean {
  return plan.cis.create.length + plan.cis.update.length + plan.relationships.create.length + plan.relationships.update.length === 0;
}
