// The common intermediate every importer produces, and the one error type they throw.
//
// Convention (held by every parser in this folder):
// - A parser returns an ImportBatch whenever the file as a whole is readable as its format.
//   A bad item (a row, a resource, a document) that was read but does not make sense becomes
//   a Rejection naming its place in the file (line/row for text formats, a JSON path
//   otherwise) and the rest is still imported.
// - A parser throws ImportError, and nothing else, when the file cannot be used: a syntax
//   error anywhere (a YAML document or a CSV row that cannot be parsed refuses the whole
//   file, unless options.skipUnreadable asks for the readable part), the wrong format, or a
//   limit exceeded. Nothing from such a file may be applied, so "a file that cannot be read
//   changes nothing" holds by construction.
// - Nothing is left out silently: a reference that resolves to nothing, a reference-holding
//   field that is not read, a skipped unreadable part and a file that looks cut short are
//   each a warning, counted in ImportBatch.leftOut.
import type { AnyRejection, ImportedChangeFields, ImportedIncidentFields, ImportedProblemFields, ImportFormat, ImportLeftOut, Rejection, SourceRef } from '../../../shared/data-types';
import type { CiClass, CiStatus, Criticality, RelationshipType, Strength } from '../../../shared/model';

export type { AnyRejection, ImportedChangeFields, ImportedIncidentFields, ImportedProblemFields, ImportFormat, ImportLeftOut, Rejection, SourceRef };

/**
 * A CI as read from a source. Like CiInput, but every optional field means "the source says
 * nothing about it": an update never clears a field the source did not provide.
 */
export interface ImportedCi {
  /** The importer's own key, unique per `system` within a batch; relationships refer to it. */
  key: string;
  /** The source system (`servicenow`, `backstage`, `terraform`, `compose`, `kubernetes`, `csv`, `faultline`). */
  system: string;
  /** A Faultline id carried by the source (a snapshot, or a CSV exported by Faultline). */
  id?: string;
  name: string;
  class: CiClass;
  environment?: string;
  criticality?: Criticality;
  owner?: string;
  status?: CiStatus;
  tags?: readonly string[];
  attributes?: Readonly<Record<string, string>>;
  /**
   * Ids in source systems. For every source with ids of its own, `externalIds[system] === key`.
   * (Faultline snapshots and Faultline CSV carry `id` instead and keep their externalIds as they are.)
   */
  externalIds: Record<string, string>;
  /** `null` = the source says the CI has no redundancy rule. */
  redundancy?: { minHealthy: number } | null;
  /** Kept from a Faultline snapshot; the Cmdb stamps its own times on create. */
  createdAt?: string;
  updatedAt?: string;
  sourceRef: SourceRef;
}

export interface ImportedRelationship {
  /** Key of the source CI: a key in this batch (same system), else an existing CI's id, externalIds[system] or name. */
  source: string;
  target: string;
  /** The system whose keys `source` and `target` are. */
  system: string;
  type: RelationshipType;
  strength?: Strength;
  /** True when the importer guessed the edge (e.g. from an environment variable) rather than read it. */
  inferred?: boolean;
  /** A Faultline relationship id carried by the source (snapshot, Faultline CSV). */
  id?: string;
  /** The field of the file that names each end (`spec.dependsOn[2]`, `child`), for messages about an end that resolves to nothing. */
  fields?: { source?: string; target?: string };
  sourceRef: SourceRef;
}

/** A change request as read from a source (a ServiceNow change_request row); matched to an existing change by number. */
export interface ImportedChange {
  /** The source system whose keys `target.refs` are. */
  system: string;
  fields: ImportedChangeFields;
  /**
   * The CI the change is for, as the file names it: the references to try in order (a sys_id,
   * then the display name of a Table API object) and the column they are in. Absent: no CI.
   */
  target?: { refs: string[]; field: string };
  sourceRef: SourceRef;
}

/** A reference as a file writes it: the texts to try in order (a sys_id, then a display value) and the column they are in. */
export interface ImportedReference {
  refs: string[];
  field: string;
}

/** An incident as read from a source (a ServiceNow incident row); matched to an existing incident by number. */
export interface ImportedIncident {
  /** The source system whose keys the CI references are. */
  system: string;
  fields: ImportedIncidentFields;
  /** The affected CIs as the file names them (cmdb_ci, business_service); at least one. */
  cis: ImportedReference[];
  /** The change that caused it (caused_by: a change number or sys_id). */
  causedBy?: ImportedReference;
  /** The problem it belongs to (problem_id: a problem number, or a sys_id with a number display value). */
  problem?: ImportedReference;
  /** The priority the source gave it (ServiceNow's own matrix): not imported, compared by the plan with the document's matrix. */
  sourcePriority?: 1 | 2 | 3 | 4 | 5;
  sourceRef: SourceRef;
}

/** A problem as read from a source (a ServiceNow problem row); matched to an existing problem by number. */
export interface ImportedProblem {
  system: string;
  fields: ImportedProblemFields;
  /** The root-cause CI (cmdb_ci), when the row names one. */
  rootCause?: ImportedReference;
  sourceRef: SourceRef;
}

export interface ImportBatch {
  format: ImportFormat;
  cis: ImportedCi[];
  relationships: ImportedRelationship[];
  /** Change requests, from a change_request export; absent means none. */
  changes?: ImportedChange[];
  /** Incidents and problems, from an incident or problem export; absent means none. */
  incidents?: ImportedIncident[];
  problems?: ImportedProblem[];
  rejected: AnyRejection[];
  warnings: string[];
  /** What the parser left out (each also a line in `warnings`); absent means nothing. */
  leftOut?: ImportLeftOut;
}

/** CIs and rejections read so far, handed on while a large file is still being read (see parseCsvParts). */
export interface BatchPart {
  cis: ImportedCi[];
  rejected: AnyRejection[];
}

/** A parse that hands its CIs and rejections on in parts as it reads; it returns the rest (relationships, warnings, what was left out) as a batch. */
export type BatchParts = Generator<BatchPart, ImportBatch, void>;

/** Limits on hostile or accidental huge input. Every parser takes `options.limits` to override some. */
export interface ImportLimits {
  /** Size of the file in UTF-8 bytes. */
  maxBytes: number;
  /** CSV records, or items (documents, resources, instances, services, entries) in other formats. */
  maxRows: number;
  /** Nesting of arrays/objects in JSON and YAML. */
  maxDepth: number;
  /** Length of any one string (a CSV cell, a JSON/YAML string or key), in UTF-16 code units. */
  maxStringLength: number;
  /** YAML alias expansions per document (billion-laughs guard); passed to yaml's `maxAliasCount`. */
  maxAliasCount: number;
}

export const IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxBytes: 200 * 1024 * 1024,
  maxRows: 1_000_000,
  maxDepth: 64,
  maxStringLength: 64 * 1024,
  maxAliasCount: 100,
});

/** How far a parser is through a large file: CSV reports the `bytes` read (records are read and turned into items in one pass). */
export interface ImportProgress {
  unit: 'bytes' | 'rows';
  done: number;
  total: number;
}

/** Records between two progress calls. */
export const PROGRESS_EVERY = 1024;

export interface ImportOptions {
  /** Shown in every rejection and error. */
  fileName: string;
  limits?: Partial<ImportLimits>;
  /** Called every PROGRESS_EVERY records (and nowhere else) by the CSV readers; for a progress bar. */
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Import the readable part of a file with unreadable documents or rows (counting every entity
   * lost) instead of refusing the whole file. Off by default: such a file imports nothing.
   */
  skipUnreadable?: boolean;
}

export type ImportErrorCode =
  /** The text is not valid JSON / YAML / CSV. */
  | 'syntax'
  /** The text is valid but not this format (e.g. no `resources` in a Terraform state). */
  | 'format'
  /** A limit of ImportLimits was exceeded. */
  | 'limit'
  /** A bug in an importer, caught so that callers still see an ImportError (fuzz tests assert it never happens). */
  | 'internal';

export class ImportError extends Error {
  readonly code: ImportErrorCode;
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly row?: number;
  readonly path?: string;
  readonly field?: string;
  readonly reason: string;

  constructor(
    code: ImportErrorCode,
    place: { file: string; line?: number; column?: number; row?: number; path?: string; field?: string },
    reason: string,
  ) {
    super(`${formatPlace(place)}: ${reason}`);
    this.name = 'ImportError';
    this.code = code;
    this.file = place.file;
    if (place.line !== undefined) this.line = place.line;
    if (place.column !== undefined) this.column = place.column;
    if (place.row !== undefined) this.row = place.row;
    if (place.path !== undefined) this.path = place.path;
    if (place.field !== undefined) this.field = place.field;
    this.reason = reason;
  }
}

/** `file:line:column`, `file row 4`, `file at resources[2]`, `file:12, document 3 (spec.owner)`… for messages. */
export function formatPlace(place: { file: string; line?: number; column?: number; row?: number; path?: string; field?: string; document?: number }): string {
  let out = place.file;
  if (place.line !== undefined) out += `:${place.line}${place.column !== undefined ? `:${place.column}` : ''}`;
  if (place.row !== undefined) out += ` row ${place.row}`;
  if (place.document !== undefined) out += `, document ${place.document}`;
  if (place.path !== undefined && place.path !== '') out += ` at ${place.path}`;
  if (place.field !== undefined) out += ` (${place.field})`;
  return out;
}

/** Where an item is, for a message: its row for CSV (else its line), document, JSON path and field. */
export function refPlace(ref: SourceRef & { field?: string }): string {
  const { line, ...rest } = ref;
  return formatPlace(ref.row !== undefined ? rest : { ...rest, line });
}

/** Nothing left out. */
export function emptyLeftOut(): ImportLeftOut {
  return { unreadableEntities: 0, danglingReferences: 0, unreadFields: [], likelyTruncated: false, hiddenSecrets: 0 };
}

/** Two reports of what was left out as one (counts added, the same unread field's entities summed). */
export function mergeLeftOut(a: ImportLeftOut | undefined, b: ImportLeftOut | undefined): ImportLeftOut {
  const out = emptyLeftOut();
  const fields = new Map<string, number>();
  for (const part of [a, b]) {
    if (!part) continue;
    out.unreadableEntities += part.unreadableEntities;
    out.danglingReferences += part.danglingReferences;
    out.hiddenSecrets += part.hiddenSecrets;
    out.likelyTruncated ||= part.likelyTruncated;
    for (const { field, entities } of part.unreadFields) fields.set(field, (fields.get(field) ?? 0) + entities);
  }
  out.unreadFields = [...fields].map(([field, entities]) => ({ field, entities }));
  return out;
}
