// The operation table: every call the renderer (or the CLI) can make, by name, with the
// zod schema its input is validated against at the boundary and the type it returns.
// IPC, HTTP and CLI are thin adapters over this one table.
import { z } from 'zod';
import {
  CiClassSchema,
  CiInputSchema,
  CiPatchSchema,
  CiStatusSchema,
  IdSchema,
  IsoTimeSchema,
  RelationshipInputSchema,
  RelationshipTypeSchema,
  RelationshipPatchSchema,
  type Ci,
  type Relationship,
  type RelationshipType,
} from './model';
import type { BlastRadiusResult, DependenciesResult, SpofResult } from './impact-types';
import { CHANGE_STATES, ChangeInputSchema, ChangePatchSchema, ChangeTransitionSchema, type Change, type ChangeState, type ImpactSnapshot } from './changes';
import {
  INCIDENT_STATUSES,
  IncidentInputSchema,
  IncidentPatchSchema,
  IncidentSettingsSchema,
  PROBLEM_STATUSES,
  PrioritySchema,
  ProblemInputSchema,
  ProblemPatchSchema,
  type CommonCauseResult,
  type Incident,
  type IncidentSettings,
  type IncidentSla,
  type IncidentStatus,
  type ProbableCause,
  type Problem,
  type ProblemStatus,
  type SameOutage,
} from './incidents';
import { RiskWeightsSchema, type Conflict, type RiskAssessment, type RiskBand, type RiskWeights } from './risk';
import { ScheduleWindowInputSchema, ScheduleWindowPatchSchema, type ScheduleWindow, type WindowOccurrence } from './schedule-windows';
import { IMPORT_FORMATS, type CmdbDiff, type CsvMapping, type ImportFormat, type ImportJobProgress, type ImportLeftOut, type ImportPlan, type SnapshotMeta } from './data-types';

export const DEFAULT_VIEW_CAP = 1000;
export const DEFAULT_EDGE_CAP = 2000;

export const ViewFiltersSchema = z
  .object({
    classes: z.array(CiClassSchema).optional(),
    environments: z.array(z.string().max(200)).optional(),
    statuses: z.array(CiStatusSchema).optional(),
    criticalities: z.array(z.number().int().min(1).max(4)).optional(),
    tags: z.array(z.string().max(64)).optional(),
  })
  .strict();
export type ViewFilters = z.infer<typeof ViewFiltersSchema>;

export const DirectionSchema = z.enum(['in', 'out', 'both']);
export type Direction = z.infer<typeof DirectionSchema>;

export const ViewInputSchema = z
  .object({
    filters: ViewFiltersSchema.default({}),
    /** Neighbourhood view: the CI and its N hops along relationships in the given direction. */
    focus: z
      .object({ ciId: IdSchema, depth: z.number().int().min(1).max(6), direction: DirectionSchema })
      .optional(),
    nodeCap: z.number().int().min(1).max(20000).default(DEFAULT_VIEW_CAP),
    edgeCap: z.number().int().min(1).max(40000).default(DEFAULT_EDGE_CAP),
  })
  .strict();

/** A given set of CIs (in priority order) plus, optionally, their direct neighbours: how a blast radius is drawn on a large CMDB. */
export const SubgraphInputSchema = z
  .object({
    /** CIs to show, most important first: when they exceed the cap, the first `nodeCap` are kept. Unknown ids are skipped. */
    ciIds: z.array(IdSchema).max(200000),
    /** 1: also the CIs one relationship away (either direction) from a kept CI, while room remains under the cap. */
    contextHops: z.union([z.literal(0), z.literal(1)]).default(1),
    nodeCap: z.number().int().min(1).max(20000).default(DEFAULT_VIEW_CAP),
    edgeCap: z.number().int().min(1).max(40000).default(DEFAULT_EDGE_CAP),
  })
  .strict();

export interface GraphView {
  nodes: Ci[];
  edges: Relationship[];
  /** CIs in the CMDB, and CIs passing the filters before the cap. */
  totalCis: number;
  matchingCis: number;
  /** True when nodes or edges were cut at the cap. */
  truncated: boolean;
  mode: 'all' | 'neighbourhood';
  /** Why the view is what it is, in words for the user (e.g. "Showing a neighbourhood: 100,000 CIs exceed the view cap of 1,000"). */
  notice: string | null;
  /** A CI to centre on when the server chose a neighbourhood by itself. */
  focusCiId: string | null;
}

export interface DocumentInfo {
  path: string;
  title: string;
  ciCount: number;
  relationshipCount: number;
  /** Records of every other kind (change, incident, setting…) by kind name, zero included. */
  recordCounts: Record<string, number>;
  /** Who edits are recorded as: the display name set in settings, else the OS user name. */
  actor: string;
  schemaVersion: number;
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
  recent: string[];
  /** Things the user should know about the last open (a file moved aside, a journal tail dropped…). */
  warnings: string[];
  /** Bumped by every mutation, undo and redo: the renderer refetches views when it changes. */
  revision: number;
}

export interface RelationshipWithPeer {
  relationship: Relationship;
  peer: Pick<Ci, 'id' | 'name' | 'class'>;
}

export interface CiDetails {
  ci: Ci;
  outgoing: RelationshipWithPeer[];
  incoming: RelationshipWithPeer[];
}

/** CIs in list order (class, name, id), a page of them, and how many there are. */
export interface CiList {
  cis: Ci[];
  /** CIs passing the class filter, and CIs in the CMDB. */
  matching: number;
  total: number;
}

/** A CI named by id or by exact name, resolved. */
export type CiRef = Pick<Ci, 'id' | 'name' | 'class'>;

export interface SearchHit {
  ci: Pick<Ci, 'id' | 'name' | 'class' | 'environment' | 'owner' | 'criticality'>;
  /** Which field matched (name, class, tag, owner, attribute:<key>) and the matched text. */
  field: string;
  match: string;
}

export interface Facets {
  classes: { value: string; count: number }[];
  environments: { value: string; count: number }[];
  statuses: { value: string; count: number }[];
  criticalities: { value: number; count: number }[];
  tags: { value: string; count: number }[];
  relationshipTypes: { value: RelationshipType; count: number }[];
}

export interface MutationResult<T> {
  value: T;
  info: DocumentInfo;
}


// ---- data in and out ----

/** Import content is text; the importers enforce their own byte limit (200 MiB) on top. */
export const MAX_IMPORT_CHARS = 200 * 1024 * 1024;
/** An import preview lists at most this many items per list; the counts stay exact. */
export const PREVIEW_LIST_CAP = 500;
/** A diff drawn on the graph shows at most this many CIs. */
export const DIFF_VIEW_CAP = 1000;

export const ImportFormatSchema = z.enum(IMPORT_FORMATS);

export const CsvMappingSchema = z
  .object({
    kind: z.enum(['cis', 'relationships']),
    key: z.string().max(200),
    columns: z.array(z.string().max(300)).max(2000),
    system: z.string().min(1).max(100),
    defaultClass: CiClassSchema.optional(),
    defaultType: RelationshipTypeSchema.optional(),
    delimiter: z.string().min(1).max(1).optional(),
  })
  .strict();

/** A caller-chosen id for one import preview, to ask for its progress or cancel it while it runs. */
export const ImportJobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');

export interface ImportPreview {
  /** null when there is nothing to apply yet: a CSV whose guessed column mapping needs correcting (see `csv.problems`). */
  previewId: string | null;
  fileName: string;
  format: ImportFormat;
  /** Lists cut at PREVIEW_LIST_CAP items when `truncated`; `plan.counts` are always exact. */
  plan: ImportPlan;
  truncated: boolean;
  /** For CSV: the header row and the column mapping used (`suggested` when guessed, `remembered` when saved from an earlier import). */
  csv?: { header: string[]; mapping: CsvMapping; suggested: boolean; remembered: boolean; problems: string[] };
}

export interface ImportApplied {
  created: number;
  updated: number;
  relationshipsCreated: number;
  relationshipsUpdated: number;
  /** Change requests (a ServiceNow change_request export) created, and existing ones (same number) updated. */
  changesCreated: number;
  changesUpdated: number;
  /** Incidents and problems (ServiceNow incident and problem exports) created, and existing ones (same number) updated. */
  incidentsCreated: number;
  incidentsUpdated: number;
  problemsCreated: number;
  problemsUpdated: number;
  rejected: number;
  /** Set when the CMDB changed since the preview and the import was planned again (with the same result). */
  replanned: boolean;
  /** What the file held that was not imported (the preview's warnings say where). */
  leftOut: ImportLeftOut;
}

export const EXPORT_FILE_FORMATS = ['json', 'csv', 'xlsx', 'graphml', 'gexf', 'dot'] as const;
export type ExportFileFormat = (typeof EXPORT_FILE_FORMATS)[number];

/** The formats the changes list is exported in (`change.export`). */
export const CHANGE_EXPORT_FORMATS = ['csv', 'xlsx'] as const;

/** The CAB packet as HTML, Markdown or PDF, or its impact picture alone as SVG (`change.report`). */
export const CHANGE_REPORT_FORMATS = ['html', 'md', 'pdf', 'svg'] as const;
export type ChangeReportFormat = (typeof CHANGE_REPORT_FORMATS)[number];

/** The formats and lists of `incident.export`. */
export const INCIDENT_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const INCIDENT_EXPORT_KINDS = ['incidents', 'problems'] as const;

export interface ExportedFile {
  name: string;
  mimeType: string;
  encoding: 'utf8' | 'base64';
  content: string;
}

/** A change request with the moves it may make from where it is, its risk explained and its conflicts. */
export interface ChangeDetails {
  change: Change;
  allowed: ChangeState[];
  /** Whether its fields may be edited now (draft or assessed; send it back from the CAB to edit it). */
  editable: boolean;
  risk: RiskAssessment;
  conflicts: Conflict[];
}

/** A row of the changes list: the change with its risk and how many conflicts it has. */
export interface ChangeListItem {
  change: Change;
  risk: { score: number; band: RiskBand };
  conflictCount: number;
}

/** A row of the incidents list: the incident, its SLA clocks and the problem that lists it. */
export interface IncidentListItem {
  incident: Incident;
  sla: IncidentSla;
  problem: { id: string; number: string } | null;
}

export interface IncidentDetails extends IncidentListItem {
  allowed: IncidentStatus[];
  probableCauses: ProbableCause[];
  sameOutage: SameOutage[];
  causedBy: { id: string; number: string; title: string } | null;
  /** The name of every CI the incident and its paths name (affected CIs, probable-cause and same-outage paths). */
  names: Record<string, string>;
}

/** A common-cause answer with what a reader needs beside the ids: CI names along the paths, and the incidents' numbers and titles. */
export interface CommonCauseAnswer extends CommonCauseResult {
  names: Record<string, string>;
  incidents: { id: string; number: string; title: string }[];
}

export interface ProblemDetails {
  problem: Problem;
  allowed: ProblemStatus[];
  incidents: IncidentListItem[];
  /** The root-cause CI's name (its id when it was deleted), or null when none is named. */
  rootCauseName: string | null;
}

/** What the inspector shows of a CI's operations: its open incidents, its recent changes and its record over the period. */
export interface CiActivity {
  openIncidents: Incident[];
  recentChanges: { id: string; number: string; title: string; state: ChangeState; windowStart: string | null }[];
  incidentCount: number;
  mttrMinutes: number | null;
  days: number;
}

/** What the change calendar shows between two instants: the changes with a window in it and the windows' occurrences. */
export interface ChangeCalendar {
  changes: ChangeListItem[];
  windows: ScheduleWindow[];
  occurrences: WindowOccurrence[];
}

/** The change's frozen impact snapshot beside one computed now, and what moved between them. */
export interface ChangeRecompute {
  frozen: ImpactSnapshot | null;
  now: ImpactSnapshot;
  cmdbMoved: boolean;
  servicesAdded: string[];
  servicesRemoved: string[];
  cisAdded: string[];
  cisRemoved: string[];
  levelsMoved: { id: string; before: string; after: string }[];
}

/** One side of a snapshot diff: a snapshot id, or the open document as it is now. */
const SnapshotRefSchema = z.union([z.literal('now'), IdSchema]);

export interface SnapshotDiffResult {
  /** What each side is, in words ("Before upgrade (2026-01-05 10:00)", "now"). */
  from: string;
  to: string;
  diff: CmdbDiff;
  /** Changed CIs and their direct neighbours from both sides (capped at DIFF_VIEW_CAP), and the relationships among them. */
  nodes: Ci[];
  edges: Relationship[];
  truncated: boolean;
}

export interface AsOfView extends GraphView {
  /** The instant asked for, and the last journal record applied. */
  time: string;
  journalSeq: number;
  readOnly: true;
}

const PathSchema = z.string().min(1).max(4096);

const ImpactTargetSchema = z.object({ ciId: IdSchema, mode: z.enum(['down', 'degraded']).default('down') });

/** Declares one operation: `op<Output>()(inputSchema)`; `output` is a phantom carrying the result type. */
function op<O>() {
  return <I extends z.ZodType>(input: I): { input: I; output: O } => ({ input, output: undefined as unknown as O });
}

const NoInput = z.object({}).strict();
const DocPathInput = z.object({ path: PathSchema }).strict();
const IdInput = z.object({ id: IdSchema }).strict();

export const operations = {
  'doc.info': op<DocumentInfo>()(NoInput),
  'doc.new': op<DocumentInfo>()(DocPathInput),
  'doc.open': op<DocumentInfo>()(DocPathInput),
  'doc.saveCopy': op<{ path: string }>()(DocPathInput),
  'view.graph': op<GraphView>()(ViewInputSchema),
  'view.subgraph': op<GraphView>()(SubgraphInputSchema),
  'view.facets': op<Facets>()(NoInput),
  'ci.get': op<CiDetails>()(IdInput),
  'ci.list': op<CiList>()(
    z
      .object({
        classes: z.array(CiClassSchema).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(10_000_000).default(1000),
      })
      .strict(),
  ),
  /** A CI by exact id, else by exact name (case-insensitive); not_found or conflict (an ambiguous name) otherwise. */
  'ci.resolve': op<CiRef>()(z.object({ ref: z.string().min(1).max(300) }).strict()),
  'ci.search': op<SearchHit[]>()(
    z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(200).default(20) }).strict(),
  ),
  'ci.create': op<MutationResult<Ci>>()(z.object({ ci: CiInputSchema }).strict()),
  'ci.update': op<MutationResult<Ci>>()(z.object({ id: IdSchema, patch: CiPatchSchema }).strict()),
  'ci.delete': op<MutationResult<{ deletedRelationships: number }>>()(IdInput),
  'rel.create': op<MutationResult<Relationship>>()(z.object({ relationship: RelationshipInputSchema }).strict()),
  'rel.update': op<MutationResult<Relationship>>()(z.object({ id: IdSchema, patch: RelationshipPatchSchema }).strict()),
  'rel.delete': op<MutationResult<null>>()(IdInput),
  /** Sets (or, with null, clears) the name recorded as the actor of the user's edits. */
  'settings.setDisplayName': op<DocumentInfo>()(z.object({ name: z.string().trim().min(1).max(100).nullable() }).strict()),
  'change.list': op<ChangeListItem[]>()(z.object({ states: z.array(z.enum(CHANGE_STATES)).optional() }).strict()),
  /** Changes whose planned window meets [from, to), with the maintenance and blackout occurrences in it (the change calendar). */
  'change.calendar': op<ChangeCalendar>()(z.object({ from: IsoTimeSchema, to: IsoTimeSchema }).strict()),
  'change.get': op<ChangeDetails>()(IdInput),
  'change.create': op<MutationResult<ChangeDetails>>()(z.object({ change: ChangeInputSchema }).strict()),
  'change.update': op<MutationResult<ChangeDetails>>()(z.object({ id: IdSchema, patch: ChangePatchSchema }).strict()),
  /** Moves the change to `to`; refused with the allowed moves named when it cannot go there. */
  'change.transition': op<MutationResult<ChangeDetails>>()(ChangeTransitionSchema.extend({ id: IdSchema }).strict()),
  'change.vote': op<MutationResult<ChangeDetails>>()(
    z
      .object({
        id: IdSchema,
        vote: z.enum(['approve', 'reject', 'abstain']),
        comment: z.string().max(10_000).default(''),
        /** The CAB member whose vote the user records (the meeting's secretary); the user when absent. */
        member: z.string().trim().max(200).optional(),
      })
      .strict(),
  ),
  /**
   * The changes list (the states asked for, else every change) as `changes.csv` or `changes.xlsx`
   * (one sheet "Changes"): number, title, type, state, risk band and score, window in ISO UTC,
   * implementer, targets by name, conflicts; formula text neutralised like the CI exports.
   */
  'change.export': op<{ files: ExportedFile[] }>()(
    z.object({ format: z.enum(CHANGE_EXPORT_FORMATS), states: z.array(z.enum(CHANGE_STATES)).optional() }).strict(),
  ),
  /**
   * The change's CAB packet as one file `<number>-cab-packet.html|md|pdf`: the change, the CMDB
   * state identifier, impacted services with their paths and CIs by level, the risk factors,
   * the conflicts and (HTML, PDF) the impact picture. HTML is self-contained (no external
   * resource); the PDF is it printed by the installed Chromium (base64), refused with not_found
   * where there is none. Changes nothing.
   */
  'change.report': op<{ files: ExportedFile[] }>()(z.object({ id: IdSchema, format: z.enum(CHANGE_REPORT_FORMATS) }).strict()),
  /** The blast radius of the change's targets on the CMDB as it is now, against the snapshot the CAB saw. Changes nothing. */
  'change.recompute': op<ChangeRecompute>()(IdInput),
  'window.list': op<ScheduleWindow[]>()(NoInput),
  'window.create': op<MutationResult<ScheduleWindow>>()(z.object({ window: ScheduleWindowInputSchema }).strict()),
  'window.update': op<MutationResult<ScheduleWindow>>()(z.object({ id: IdSchema, patch: ScheduleWindowPatchSchema }).strict()),
  'window.delete': op<MutationResult<null>>()(IdInput),
  /** The risk weights of the open document (the defaults until someone edits them). */
  'risk.getWeights': op<{ weights: RiskWeights; isDefault: boolean }>()(NoInput),
  /** Replaces the weights (journaled, so undo restores the previous ones); null restores the defaults. */
  'risk.setWeights': op<MutationResult<{ weights: RiskWeights; isDefault: boolean }>>()(z.object({ weights: RiskWeightsSchema.nullable() }).strict()),
  /** Incidents, newest first; filters combine (a service matches the incidents that hurt it). */
  'incident.list': op<IncidentListItem[]>()(
    z
      .object({
        statuses: z.array(z.enum(INCIDENT_STATUSES)).optional(),
        priorities: z.array(PrioritySchema).optional(),
        serviceId: IdSchema.optional(),
        breached: z.boolean().optional(),
      })
      .strict(),
  ),
  /** The incident with its SLA, probable-cause changes within the lookback (hours before it opened) and open incidents probably of the same outage. */
  'incident.get': op<IncidentDetails>()(z.object({ id: IdSchema, lookbackHours: z.number().min(1).max(8760).default(72) }).strict()),
  'incident.create': op<MutationResult<IncidentDetails>>()(z.object({ incident: IncidentInputSchema }).strict()),
  'incident.update': op<MutationResult<IncidentDetails>>()(z.object({ id: IdSchema, patch: IncidentPatchSchema }).strict()),
  'incident.transition': op<MutationResult<IncidentDetails>>()(z.object({ id: IdSchema, to: z.enum(INCIDENT_STATUSES) }).strict()),
  /** The CIs that would explain the most of the given incidents (default: those open and opened in the last `sinceHours`). */
  'incident.commonCause': op<CommonCauseAnswer>()(
    z.object({ incidentIds: z.array(IdSchema).max(10_000).optional(), sinceHours: z.number().min(0.1).max(8760).default(6) }).strict(),
  ),
  'incident.getSettings': op<{ settings: IncidentSettings; isDefault: boolean }>()(NoInput),
  /** Replaces the priority matrix and SLA targets (journaled); null restores the ITIL defaults. */
  'incident.setSettings': op<MutationResult<{ settings: IncidentSettings; isDefault: boolean }>>()(z.object({ settings: IncidentSettingsSchema.nullable() }).strict()),
  'problem.list': op<Problem[]>()(z.object({ statuses: z.array(z.enum(PROBLEM_STATUSES)).optional() }).strict()),
  'problem.get': op<ProblemDetails>()(IdInput),
  'problem.create': op<MutationResult<ProblemDetails>>()(z.object({ problem: ProblemInputSchema }).strict()),
  'problem.update': op<MutationResult<ProblemDetails>>()(z.object({ id: IdSchema, patch: ProblemPatchSchema }).strict()),
  'problem.transition': op<MutationResult<ProblemDetails>>()(z.object({ id: IdSchema, to: z.enum(PROBLEM_STATUSES) }).strict()),
  /**
   * The incidents (or problems) list as `incidents.csv` / `problems.csv` or `.xlsx` (one sheet
   * "Incidents" or "Problems"): incidents with their affected CIs and services by name, times in
   * ISO UTC, the causing change's and the problem's numbers; problems with the root-cause CI by
   * name, the incidents by number, known error and workaround; formula text neutralised like the CI exports.
   */
  'incident.export': op<{ files: ExportedFile[] }>()(
    z.object({ format: z.enum(INCIDENT_EXPORT_FORMATS), kind: z.enum(INCIDENT_EXPORT_KINDS).default('incidents') }).strict(),
  ),
  /** A CI's open incidents, its changes in the period and its incident count and mean time to restore over the last `days`. */
  'ci.activity': op<CiActivity>()(z.object({ id: IdSchema, days: z.number().int().min(1).max(3650).default(90) }).strict()),
  'history.undo': op<DocumentInfo>()(NoInput),
  'history.redo': op<DocumentInfo>()(NoInput),
  'impact.blastRadius': op<BlastRadiusResult>()(
    z
      .object({
        targets: z.array(ImpactTargetSchema).min(1).max(1000),
        maxDepth: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
  ),
  'impact.dependencies': op<DependenciesResult>()(
    z.object({ ciId: IdSchema, maxDepth: z.number().int().min(1).max(1000).optional() }).strict(),
  ),
  'impact.spof': op<SpofResult>()(z.object({ serviceId: IdSchema }).strict()),
  'import.preview': op<ImportPreview>()(
    z
      .object({
        fileName: z.string().min(1).max(1024),
        content: z.string().max(MAX_IMPORT_CHARS),
        format: ImportFormatSchema.optional(),
        csvMapping: CsvMappingSchema.optional(),
        includeAttributes: z.boolean().optional(),
        /** Preview the readable part of a file with unreadable documents or rows (each entity lost is counted); else such a file is refused. */
        skipUnreadable: z.boolean().optional(),
        /** Lets `import.progress` and `import.cancel` follow this preview while it runs. */
        jobId: ImportJobIdSchema.optional(),
        /** Items per list in the preview (PREVIEW_LIST_CAP when absent); the command line asks for every one. */
        listCap: z.number().int().min(1).max(100_000_000).optional(),
        /**
         * The command line only: where the file is, so a Backstage catalog's Location targets are
         * read beside it (inside its folder). Refused from the app, which reads no file by path.
         */
        sourcePath: PathSchema.optional(),
      })
      .strict(),
  ),
  /** Read-only and answered at once, even while other operations wait in the service's queue. */
  'import.progress': op<ImportJobProgress>()(z.object({ jobId: ImportJobIdSchema }).strict()),
  /** Stops a running preview (its call then fails with code `cancelled`); false when it was not running. Changes nothing. */
  'import.cancel': op<{ cancelled: boolean }>()(z.object({ jobId: ImportJobIdSchema }).strict()),
  'import.apply': op<MutationResult<ImportApplied>>()(z.object({ previewId: z.string().min(1).max(100) }).strict()),
  'export.file': op<{ files: ExportedFile[] }>()(
    z.object({ format: z.enum(EXPORT_FILE_FORMATS), ciIds: z.array(IdSchema).max(1_000_000).optional() }).strict(),
  ),
  'snapshot.create': op<SnapshotMeta>()(z.object({ name: z.string().trim().min(1).max(200) }).strict()),
  'snapshot.list': op<SnapshotMeta[]>()(NoInput),
  'snapshot.diff': op<SnapshotDiffResult>()(z.object({ from: SnapshotRefSchema, to: SnapshotRefSchema }).strict()),
  'history.asOf': op<AsOfView>()(z.object({ time: IsoTimeSchema }).strict()),
} as const;

export type OperationTable = typeof operations;
export type OperationName = keyof OperationTable;
/** What a caller passes (defaults may be omitted). */
export type OperationInput<N extends OperationName> = z.input<OperationTable[N]['input']>;
/** What a handler receives, after parsing. */
export type ParsedInput<N extends OperationName> = z.output<OperationTable[N]['input']>;
export type OperationOutput<N extends OperationName> = OperationTable[N]['output'];

export const OPERATION_NAMES = Object.keys(operations) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(operations, name);
}

/** The one interface every adapter (IPC, HTTP, in-process) implements for the renderer. */
export interface FaultlineApi {
  call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>>;
}

/** An error that crosses a boundary: a code, a message for the user and, for validation, the field paths. */
export interface ApiErrorBody {
  code: 'invalid_input' | 'not_found' | 'conflict' | 'unknown_operation' | 'io_error' | 'internal' | 'cancelled';
  message: string;
  issues?: { path: string; message: string }[];
}

/** What every adapter returns for one call. */
export type ApiResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };
