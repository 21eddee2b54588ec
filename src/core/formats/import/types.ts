// The common intermediate every importer produces, and the one error type they throw.
//
// Convention (held by every parser in this folder):
// - A parser returns an ImportBatch whenever the file as a whole is readable as its format.
//   A bad item (a row, a resource, a document) becomes a Rejection naming its place in the
//   file (line/row for text formats, a JSON path otherwise) and the rest is still imported.
// - A parser throws ImportError, and nothing else, when the file as a whole cannot be used:
//   a syntax error, the wrong format, or a limit exceeded. Nothing from such a file may be
//   applied, so "a failed import changes nothing" holds by construction.
import type { ImportFormat, Rejection, SourceRef } from '../../../shared/data-types';
import type { CiClass, CiStatus, Criticality, RelationshipType, Strength } from '../../../shared/model';

export type { ImportFormat, Rejection, SourceRef };

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
  tags?: string[];
  attributes?: Record<string, string>;
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
  sourceRef: SourceRef;
}

export interface ImportBatch {
  format: ImportFormat;
  cis: ImportedCi[];
  relationships: ImportedRelationship[];
  rejected: Rejection[];
  warnings: string[];
}

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

/** How far a parser is through a large file: CSV reports `bytes` while scanning, then `rows` while reading records. */
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

/** `file:line:column`, `file row 4`, `file at resources[2]`… for messages. */
export function formatPlace(place: { file: string; line?: number; column?: number; row?: number; path?: string; field?: string }): string {
  let out = place.file;
  if (place.line !== undefined) out += `:${place.line}${place.column !== undefined ? `:${place.column}` : ''}`;
  if (place.row !== undefined) out += ` row ${place.row}`;
  if (place.path !== undefined && place.path !== '') out += ` at ${place.path}`;
  if (place.field !== undefined) out += ` (${place.field})`;
  return out;
}
