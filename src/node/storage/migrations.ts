// Checkpoint migrations: migrations[N] turns a schemaVersion N document into N+1. Opening
// an older checkpoint runs them in order; the migrated document is written back at the
// next compaction (the original is read-only until then).
import { CURRENT_SCHEMA_VERSION } from '../../shared/model';
import { CorruptFileError } from './errors';

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

export const migrations: Readonly<Record<number, (doc: RawDocument, path: string) => RawDocument>> = {
  0: migrate0to1,
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
  for (let version = fromVersion; version < CURRENT_SCHEMA_VERSION; version++) {
    const step = migrations[version];
    if (!step) {
      throw new CorruptFileError(path, `${path}: schemaVersion ${fromVersion} is not a version Faultline ever wrote (no migration from ${version})`);
    }
    current = step(current, path);
  }
  return { document: current, fromVersion };
}
