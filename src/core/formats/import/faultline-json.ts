// The Faultline JSON snapshot (a CmdbDocument with schemaVersion 1), or a Faultline document's
// checkpoint (schemaVersion 2 or 3, columns): lossless, ids kept. The records of other kinds a
// snapshot carries (changes, incidents…) are not imported: an import reconciles CIs and
// relationships. In a snapshot each CI and
// relationship is validated on its own, so one bad entry is a rejection at its JSON path and
// the rest still imports.
import { CiSchema, CURRENT_SCHEMA_VERSION, OBJECT_FORMAT_VERSION, RelationshipSchema } from '../../../shared/model';
import { CheckpointFormatError, decodeCheckpoint } from '../../checkpoint/decode';
import { BatchBuilder } from './builder';
import { readJson } from './json-reader';
import { guard, resolveLimits, RowBudget } from './limits';
import { getOwn, isForbiddenKey, isRecord } from './normalize';
import { ImportError, type ImportBatch, type ImportedCi, type ImportOptions } from './types';

export const FAULTLINE_SYSTEM = 'faultline';

/** The columnar checkpoint version before records of other kinds existed. */
const COLUMNS_WITHOUT_RECORDS = 2;

function issueOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): { field?: string; reason: string } {
  const issue = error.issues[0];
  const field = issue.path.map(String).join('.');
  return field ? { field, reason: `${field}: ${issue.message}` } : { reason: issue.message };
}

export function parseFaultlineSnapshot(text: string, options: ImportOptions): ImportBatch {
  const file = options.fileName;
  return guard(file, () => {
    const limits = resolveLimits(options);
    const doc = readJson(text, file, limits);
    if (!isRecord(doc)) throw new ImportError('format', { file }, 'not a Faultline snapshot (expected a JSON object)');
    const version = getOwn(doc, 'schemaVersion');
    if (typeof version !== 'number') {
      throw new ImportError('format', { file, path: 'schemaVersion' }, 'not a Faultline snapshot (no schemaVersion)');
    }
    if (version > CURRENT_SCHEMA_VERSION) {
      throw new ImportError('format', { file, path: 'schemaVersion' }, `the snapshot has schema version ${version}; this Faultline reads up to ${CURRENT_SCHEMA_VERSION}`);
    }
    const columnar = version === COLUMNS_WITHOUT_RECORDS || version === CURRENT_SCHEMA_VERSION;
    if (version !== OBJECT_FORMAT_VERSION && !columnar) {
      throw new ImportError('format', { file, path: 'schemaVersion' }, `unknown schema version ${version}`);
    }
    let cis = getOwn(doc, 'cis') ?? [];
    let relationships = getOwn(doc, 'relationships') ?? [];
    if (columnar) {
      // A checkpoint (a .faultline document file): its columns are read back into objects as a
      // whole, so a fault anywhere refuses the file, as opening it would. Version 2 is version 3
      // without records.
      const current = version === COLUMNS_WITHOUT_RECORDS ? { ...doc, schemaVersion: CURRENT_SCHEMA_VERSION, records: {} } : doc;
      try {
        ({ cis, relationships } = decodeCheckpoint(current).document);
      } catch (error) {
        if (!(error instanceof CheckpointFormatError)) throw error;
        throw new ImportError('format', { file, path: error.field }, `not a valid Faultline document: ${error.message}`);
      }
    }
    if (!Array.isArray(cis)) throw new ImportError('format', { file, path: 'cis' }, 'cis must be an array');
    if (!Array.isArray(relationships)) throw new ImportError('format', { file, path: 'relationships' }, 'relationships must be an array');
    const budget = new RowBudget(limits, file, 'CIs and relationships');
    const builder = new BatchBuilder('faultline-json');
    const carried = getOwn(doc, 'records');
    if (isRecord(carried)) {
      const kinds = Object.entries(carried).filter(([, items]) => Array.isArray(items) && items.length > 0);
      if (kinds.length > 0) {
        const list = kinds.map(([kind, items]) => `${(items as unknown[]).length} ${kind}`).join(', ');
        builder.warn(`records: not imported (${list}): an import brings CIs and relationships; open the file as a document to see its other records`);
      }
    }
    cis.forEach((raw, i) => {
      const path = `cis[${i}]`;
      budget.take({ path });
      const id = typeof getOwn(raw, 'id') === 'string' ? (getOwn(raw, 'id') as string) : undefined;
      // zod drops a `__proto__` key silently; say so instead.
      const badKey = (['attributes', 'externalIds'] as const).flatMap((map) => {
        const value = getOwn(raw, map);
        return isRecord(value) ? Object.keys(value).filter(isForbiddenKey).map((key) => `${map}.${key}`) : [];
      })[0];
      if (badKey !== undefined) {
        builder.rejectAt({ file, path }, 'ci', `the key "${badKey.split('.')[1]}" is not allowed in ${badKey.split('.')[0]}`, { key: id, field: badKey });
        return;
      }
      const parsed = CiSchema.safeParse(raw);
      if (!parsed.success) {
        const { field, reason } = issueOf(parsed.error);
        builder.rejectAt({ file, path }, 'ci', reason, { key: id, field });
        return;
      }
      const ci = parsed.data;
      const imported: ImportedCi = {
        key: ci.id,
        system: FAULTLINE_SYSTEM,
        id: ci.id,
        name: ci.name,
        class: ci.class,
        environment: ci.environment,
        criticality: ci.criticality as ImportedCi['criticality'],
        owner: ci.owner,
        status: ci.status,
        tags: ci.tags,
        attributes: ci.attributes,
        externalIds: ci.externalIds,
        redundancy: ci.redundancy ?? null,
        createdAt: ci.createdAt,
        updatedAt: ci.updatedAt,
        sourceRef: { file, path },
      };
      builder.addCi(imported);
    });
    relationships.forEach((raw, i) => {
      const path = `relationships[${i}]`;
      budget.take({ path });
      const parsed = RelationshipSchema.safeParse(raw);
      if (!parsed.success) {
        const { field, reason } = issueOf(parsed.error);
        builder.rejectAt({ file, path }, 'relationship', reason, { field });
        return;
      }
      const rel = parsed.data;
      builder.addRelationship({
        id: rel.id,
        source: rel.source,
        target: rel.target,
        system: FAULTLINE_SYSTEM,
        type: rel.type,
        strength: rel.strength,
        ...(rel.inferred ? { inferred: true } : {}),
        sourceRef: { file, path },
      });
    });
    return builder.build();
  });
}
