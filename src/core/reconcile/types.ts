// The dry-run preview of an import: what will be created, updated (field by field),
// left unchanged and rejected, for CIs and relationships. Plain JSON, so it can cross IPC
// and HTTP to the renderer as it is.
import type { CiInput, CiPatch, RelationshipPatch, RelationshipType, Strength } from '../../shared/model';
import type { ImportFormat, Rejection, SourceRef } from '../formats/import/types';

/** How an incoming CI was matched to an existing one. */
export type MatchedBy = 'id' | 'externalId' | 'name';

export interface FieldChange {
  /** `owner`, `tags`, `attributes.region`, `externalIds.servicenow`, `redundancy`… */
  field: string;
  before: unknown;
  after: unknown;
}

export interface PlannedCiCreate {
  key: string;
  system: string;
  sourceRef: SourceRef;
  /** Validated, defaults filled; `id` only when the source carries a Faultline id. */
  input: CiInput;
}

export interface PlannedCiUpdate {
  key: string;
  system: string;
  sourceRef: SourceRef;
  id: string;
  name: string;
  matchedBy: MatchedBy;
  changes: FieldChange[];
  patch: CiPatch;
}

export interface PlannedCiUnchanged {
  key: string;
  system: string;
  sourceRef: SourceRef;
  id: string;
  name: string;
  matchedBy: MatchedBy;
}

/** An end of a planned relationship: an existing CI, or the CI at `index` in `cis.create`. */
export type PlanEndpoint = { kind: 'existing'; id: string; name: string } | { kind: 'new'; index: number; name: string };

export interface PlannedRelationshipCreate {
  sourceRef: SourceRef;
  source: PlanEndpoint;
  target: PlanEndpoint;
  type: RelationshipType;
  strength: Strength;
  inferred?: boolean;
  /** Kept from a Faultline snapshot / CSV when free. */
  id?: string;
}

export interface PlannedRelationshipUpdate {
  sourceRef: SourceRef;
  id: string;
  source: PlanEndpoint;
  target: PlanEndpoint;
  type: RelationshipType;
  changes: FieldChange[];
  patch: RelationshipPatch;
}

export interface PlannedRelationshipUnchanged {
  sourceRef: SourceRef;
  id: string;
}

export interface PlanCounts {
  create: number;
  update: number;
  unchanged: number;
  rejected: number;
}

export interface ImportPlan {
  format: ImportFormat;
  /** CmdbGraph.revision the plan was made against: re-plan if the graph changed since. */
  graphRevision: number;
  cis: {
    create: PlannedCiCreate[];
    update: PlannedCiUpdate[];
    unchanged: PlannedCiUnchanged[];
    rejected: Rejection[];
  };
  relationships: {
    create: PlannedRelationshipCreate[];
    update: PlannedRelationshipUpdate[];
    unchanged: PlannedRelationshipUnchanged[];
    rejected: Rejection[];
  };
  warnings: string[];
  counts: { cis: PlanCounts; relationships: PlanCounts };
}
