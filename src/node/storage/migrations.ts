// Checkpoint migrations: migrations[N] turns a schemaVersion N document into a later version
// (N+1, or straight to the current columns for the object format). Opening an older checkpoint
// runs them in order. A columnar or pre-release file (versions 0 and 2) is written back in the
// current version at once, the original kept beside it (store.ts); a version 1 file is the
// object form JSON snapshots are still written in, so it is rewritten at the next compaction.
import { encodeCheckpointSteps } from '../../core/checkpoint/columns';
import { runSteps } from '../../core/steps';
import { CURRENT_SCHEMA_VERSION } from '../../shared/model';
import { CorruptFileError } from './errors';
import { validateVersion1 } from './validate';

/** A checkpoint as parsed, before validation. */
export type RawDocument = Record<string, unknown>;

/**
 * schemaVersion 0 — the pre-release format, before the journal existed:
 *
 *   { "schemaVersion": 0,
 *     "cis": Ci[],                      // as in version 1
 *     "relations": [                    // renamed `relationships` in version 1
 *       { "id", "source", "target",
 *         "kind": RelationshipType }    // renamed `type`; there was no `strength`:
 *     ],                                //   every relation was hard
 *     "settings"?: object }
 *
 * There was no `journalSeq`: a version 0 file was the whole truth, so it becomes 0.
 */
function migrate0to1(doc: RawDocument, path: string): RawDocument {
  const { relations, ...rest } = doc;
  if (!Array.isArray(relations)) {
    throw new CorruptFileError(path, `${path}: relations: expected an array (schemaVersion 0 document)`);
  }
  const relationships = relations.map((relation: unknown, index) => {
    if (typeof relation !== 'object' || relation === null || Array.isArray(relation)) {
      throw new CorruptFileError(path, `${path}: relations[${index}]: expected an object (schemaVersion 0 document)`);
    }
    const { kind, ...fields } = relation as Record<string, unknown>;
    return { ...fields, type: kind, strength: 'hard' };
  });
  return { ...rest, schemaVersion: 1, journalSeq: 0, relationships };
}

/**
 * schemaVersion 1 — one object per CI and per relationship (still the form of JSON snapshot
 * exports, CmdbDocumentSchema, and of the bundled sample):
 *
 *   { "schemaVersion": 1,
 *     "journalSeq": number,             // the last journal record the checkpoint holds
 *     "settings": object,
 *     "cis": Ci[],                      // { id, name, class, environment, criticality, owner,
 *                                       //   status, tags, attributes, externalIds,
 *                                       //   redundancy?, createdAt, updatedAt }
 *     "relationships": Relationship[] } // { id, source, target (CI ids), type, strength, inferred? }
 *
 *
 * Since version 3 it may also hold `"records": { "<kind>": Record[] }`, the other record kinds.
 * Versions 2 and 3 store the same as columns (core/checkpoint/columns.ts). The document is
 * validated as version 1 first, so a fault is named where it is in this file (`cis[12].class`,
 * `relationships[3].target`, `records.setting[0].value`), then encoded exactly as the writer
 * encodes a checkpoint: straight into the current version.
 */
function migrate1toCurrent(doc: RawDocument, path: string): RawDocument {
  const document = validateVersion1(doc, path);
  return runSteps(encodeCheckpointSteps(document));
}

/**
 * schemaVersion 2 — the columns of version 3 without `records`: a version 2 file holds CIs and
 * relationships only, so it opens to the same CMDB with no records of any other kind.
 */
function migrate2to3(doc: RawDocument, path: string): RawDocument {
  if (doc.records !== undefined) {
    throw new CorruptFileError(path, `${path}: records: a schemaVersion 2 document has no records (found ${JSON.stringify(doc.records).slice(0, 60)})`);
  }
  return { ...doc, schemaVersion: 3, records: {} };
}

export const migrations: Readonly<Record<number, (doc: RawDocument, path: string) => RawDocument>> = {
  0: migrate0to1,
  1: migrate1toCurrent,
  2: migrate2to3,
};

export interface MigrationResult {
  document: RawDocument;
  /** The version the file was written in. */
  fromVersion: number;
}

/**
 * Brings a parsed checkpoint of an older schemaVersion up to CURRENT_SCHEMA_VERSION.
 * Callers refuse newer versions before calling this.
 */
export function migrateDocument(doc: RawDocument, fromVersion: number, path: string): MigrationResult {
  let current = doc;
  let version = fromVersion;
  while (version < CURRENT_SCHEMA_VERSION) {
    const step = migrations[version];
    if (!step) {
      throw new CorruptFileError(path, `${path}: schemaVersion ${fromVersion} is not a version Faultline ever wrote (no migration from ${version})`);
    }
    current = step(current, path);
    version = current.schemaVersion as number;
  }
  return { document: current, fromVersion };
}
