// The dry-run preview of an import: what will be created, updated (field by field),
// left unchanged and rejected, for CIs and relationships. Plain JSON, so it can cross IPC
// and HTTP to the renderer as it is; the types live in src/shared/data-types.ts.
export type {
  MatchedBy,
  PlanFieldChange as FieldChange,
  PlannedCiCreate,
  PlannedCiUpdate,
  PlannedCiUnchanged,
  PlanEndpoint,
  PlannedRelationshipCreate,
  PlannedRelationshipUpdate,
  PlannedRelationshipUnchanged,
  PlannedChangeCreate,
  PlannedChangeUpdate,
  PlannedChangeUnchanged,
  PlannedChangeTarget,
  PlanCounts,
  ImportPlan,
} from '../../shared/data-types';
