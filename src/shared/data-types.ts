// The plain-JSON results of data in and out (import preview, diff, snapshots) that cross IPC
// and HTTP to the renderer. The core builds them (src/core/formats/import, src/core/reconcile,
// src/core/diff) and re-exports these names; the renderer reads them from here.
import type { ChangeState, ChangeType, ChangeWindow } from './changes';
import type { IncidentStatus, ProblemStatus } from './incidents';
import type { Ci, CiClass, CiInput, CiPatch, Relationship, RelationshipPatch, RelationshipType, Strength } from './model';
import type { KindRecord } from './record-kinds';

// ---- import ----

/**
 * Where an item came from. Text formats give `line` (1-based, in the whole file); CSV also `row`
 * (spreadsheet row, header = 1); JSON gives `path`; a YAML stream also `document` (1-based).
 */
export interface SourceRef {
  file: string;
  line?: number;
  row?: number;
  path?: string;
  document?: number;
}

/** What an import may reject. */
export type RejectedEntity = 'ci' | 'relationship' | 'change' | 'incident' | 'problem';

/** A rejected item; `Rejection` alone is one of the CI, relationship and change lists of a plan, `AnyRejection` any. */
export interface Rejection<E extends RejectedEntity = 'ci' | 'relationship' | 'change'> extends SourceRef {
  /** What was rejected; file-level problems are thrown as ImportError instead. */
  entity: E;
  /** The importer's key of the item, when it has one. */
  key?: string;
  /** Dotted field at fault (`class`, `attributes.__proto__`, `spec.dependsOn[2]`). */
  field?: string;
  reason: string;
}

export type AnyRejection = Rejection<RejectedEntity>;

export const IMPORT_FORMATS = [
  'faultline-json',
  'csv-cis',
  'csv-relationships',
  'servicenow',
  'backstage',
  'terraform',
  'compose',
  'kubernetes',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface CsvMapping {
  kind: 'cis' | 'relationships';
  /** From the header row (csvHeaderKey): remember a corrected mapping under it. */
  key: string;
  /** One target per header column, in header order. */
  columns: string[];
  /** The source system: externalId cells go to externalIds[system], and relationship keys are looked up there. */
  system: string;
  /** Class for rows whose class cell is empty (or when no column is mapped to class). */
  defaultClass?: CiClass;
  /** Type for relationship rows whose type cell is empty or Gephi's "Directed"/"Undirected". */
  defaultType?: RelationshipType;
  delimiter?: string;
}

/**
 * Where a running import preview is (`import.progress`): the worker starting, parsing the file,
 * handing the items over, then matching them against the CMDB; `unknown` for a job id the
 * service has not seen (or forgotten).
 */
export const IMPORT_JOB_PHASES = ['starting', 'parsing', 'receiving', 'planning', 'finished', 'failed', 'cancelled', 'unknown'] as const;
export type ImportJobPhase = (typeof IMPORT_JOB_PHASES)[number];

export interface ImportJobProgress {
  jobId: string;
  phase: ImportJobPhase;
  /** Of the whole preview, 0…1 (1 once finished). */
  fraction: number;
  /** The current phase's own count when it has one: bytes scanned or rows read while parsing, items while receiving. */
  unit?: 'bytes' | 'rows' | 'items';
  done?: number;
  total?: number;
}

// ---- reconciliation plan ----

/** How an incoming CI was matched to an existing one. */
export type MatchedBy = 'id' | 'externalId' | 'name';

/** One field an import would change (reconcile's FieldChange). */
export interface PlanFieldChange {
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

export interface PlannedCiUnchanged {
  key: string;
  system: string;
  sourceRef: SourceRef;
  id: string;
  name: string;
  matchedBy: MatchedBy;
}

export interface PlannedCiUpdate extends PlannedCiUnchanged {
  changes: PlanFieldChange[];
  patch: CiPatch;
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
  changes: PlanFieldChange[];
  patch: RelationshipPatch;
}

export interface PlannedRelationshipUnchanged {
  sourceRef: SourceRef;
  id: string;
}

/**
 * A change request as an import sets it (a ServiceNow change_request row, its CI references
 * resolved): the change's own fields, its number kept from the source. The apply step stamps
 * the id, the times and one history event saying where it came from.
 */
export interface ImportedChangeFields {
  number: string;
  title: string;
  description: string;
  type: ChangeType;
  state: ChangeState;
  window: ChangeWindow | null;
  implementer: string;
  rollbackPlan: string;
  /** From a closed change's close code and notes; null when the source gives none. */
  review: { outcome: 'successful' | 'failed' | 'rolled_back'; notes: string } | null;
  /** The history event's text: the source, its state as written and what Faultline does not keep (its own risk). */
  note: string;
}

/** A change's target CI as planned: an existing CI, or one the same import creates. */
export interface PlannedChangeTarget {
  endpoint: PlanEndpoint;
  mode: 'down' | 'degraded';
}

export interface PlannedChangeCreate {
  sourceRef: SourceRef;
  fields: ImportedChangeFields;
  targets: PlannedChangeTarget[];
}

export interface PlannedChangeUnchanged {
  sourceRef: SourceRef;
  /** The existing change with the same number. */
  id: string;
  number: string;
}

export interface PlannedChangeUpdate extends PlannedChangeUnchanged {
  changes: PlanFieldChange[];
  fields: ImportedChangeFields;
  /** Every target after the import: the change's own, and the imported CI when it is new to it. */
  targets: PlannedChangeTarget[];
}

/**
 * An incident as an import sets it (a ServiceNow incident row, its CI references resolved): its
 * own fields, its number kept from the source. The apply step computes its affected services
 * and priority (impact null: suggested from them) and stamps the id and times.
 */
export interface ImportedIncidentFields {
  number: string;
  title: string;
  description: string;
  impact: 1 | 2 | 3 | null;
  urgency: 1 | 2 | 3;
  status: IncidentStatus;
  openedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
}

export interface ImportedProblemFields {
  number: string;
  title: string;
  description: string;
  status: ProblemStatus;
  knownError: string;
  workaround: string;
  resolvedAt: string | null;
}

export interface PlannedIncidentCreate {
  sourceRef: SourceRef;
  fields: ImportedIncidentFields;
  /** The affected CIs: existing ones, or ones the same import creates. */
  affected: PlanEndpoint[];
  /** The existing change it names as its cause (by number or sys_id), else null. */
  causedBy: { id: string; number: string } | null;
}

/** An existing incident or problem with the same number as an imported row. */
export interface PlannedRecordUnchanged {
  sourceRef: SourceRef;
  id: string;
  number: string;
}

export interface PlannedIncidentUpdate extends PlannedRecordUnchanged {
  changes: PlanFieldChange[];
  fields: ImportedIncidentFields;
  /** Every affected CI after the import: the incident's own, and the imported ones new to it. */
  affected: PlanEndpoint[];
  causedBy: { id: string; number: string } | null;
}

/** An incident a problem lists: an existing one, or one the same import creates (its index in incidents.create). */
export type PlannedIncidentRef = { kind: 'existing'; id: string; number: string } | { kind: 'new'; index: number; number: string };

export interface PlannedProblemCreate {
  sourceRef: SourceRef;
  fields: ImportedProblemFields;
  rootCause: PlanEndpoint | null;
}

export interface PlannedProblemUpdate extends PlannedRecordUnchanged {
  changes: PlanFieldChange[];
  fields: ImportedProblemFields;
  rootCause: PlanEndpoint | null;
  /** Every incident it lists after the import: its own, and those an incident import links to it (problem_id). */
  incidents: PlannedIncidentRef[];
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
  /** Change requests (a ServiceNow change_request export), matched to existing changes by number. */
  changes: {
    create: PlannedChangeCreate[];
    update: PlannedChangeUpdate[];
    unchanged: PlannedChangeUnchanged[];
    rejected: Rejection[];
  };
  /** Incidents (a ServiceNow incident export), matched to existing ones by number. */
  incidents: {
    create: PlannedIncidentCreate[];
    update: PlannedIncidentUpdate[];
    unchanged: PlannedRecordUnchanged[];
    rejected: Rejection<'incident'>[];
  };
  /** Problems (a ServiceNow problem export, or those an incident export links its incidents to), matched by number. */
  problems: {
    create: PlannedProblemCreate[];
    update: PlannedProblemUpdate[];
    unchanged: PlannedRecordUnchanged[];
    rejected: Rejection<'problem'>[];
  };
  warnings: string[];
  counts: { cis: PlanCounts; relationships: PlanCounts; changes: PlanCounts; incidents: PlanCounts; problems: PlanCounts };
  /** What the file holds that this import leaves out without rejecting an item; each has its lines in `warnings`. */
  leftOut: ImportLeftOut;
}

/** The counts of an import report beyond created/updated/rejected: what would otherwise drop silently. */
export interface ImportLeftOut {
  /** Entities in parts of the file that could not be read, left out because the preview asked for the readable part. */
  unreadableEntities: number;
  /** References (relationship ends) that name nothing in the file or the CMDB; their relationships are not imported. */
  danglingReferences: number;
  /** Fields that hold references but are not imported: one entry per field, with how many entities have it. */
  unreadFields: { field: string; entities: number }[];
  /** The file looks cut short (a last row short of cells, a stream ending inside a value). */
  likelyTruncated: boolean;
  /** Attribute values dropped or hidden because they are, or hold, secrets (an import keeping attribute values). */
  hiddenSecrets: number;
}

// ---- diff ----

export type FieldValue = string | number | boolean | string[] | null;

/** One field that differs between two states (diff's FieldChange). */
export interface FieldChange {
  field: string;
  before: FieldValue;
  after: FieldValue;
}

export interface EntityChange<T> {
  id: string;
  before: T;
  after: T;
  /** In field order: the model's field order, map entries by key. */
  changes: FieldChange[];
}

export interface EntityDiff<T> {
  added: T[];
  removed: T[];
  changed: EntityChange<T>[];
}

export interface DiffCounts {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

export interface CmdbDiff {
  cis: EntityDiff<Ci>;
  relationships: EntityDiff<Relationship>;
  /** The other record kinds (changes, incidents, settings…) by kind name; kinds with no difference are left out. */
  records: Record<string, EntityDiff<KindRecord>>;
  counts: { cis: DiffCounts; relationships: DiffCounts; records: Record<string, DiffCounts> };
}

export type DiffMark = 'added' | 'removed' | 'changed';

// ---- snapshots ----

/** A named snapshot as listed to the user. */
export interface SnapshotMeta {
  id: string;
  name: string;
  /** ISO time the snapshot was taken. */
  createdAt: string;
  ciCount: number;
  relationshipCount: number;
}
