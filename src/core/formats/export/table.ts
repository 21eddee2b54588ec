// The CIs and relationships as rows and columns: one layout shared by the CSV and Excel
// writers. Cells are raw values; each writer applies neutralizeCell to string cells.
//
// CIs: Id, Label (the CI's name), then every field, then one `attr.<key>` column per
// attribute key and one `ext.<system>` column per external-id system found in the scope.
// Relationships: Source, Target, Type, Id, Relationship, strength, inferred — where `Type`
// is Gephi's edge-direction column (always "Directed") and `Relationship` is the
// relationship type (depends_on, runs_on, …).
//
// Lossy by design (the JSON snapshot is the lossless format): tags are joined with ";" so a
// tag containing ";" cannot be split back; an empty attribute and a missing one both give an
// empty cell.
import type { Ci, Relationship } from '../../../shared/model';
import { compareIds, normalizeScope, type ExportScope } from './scope';

export type Cell = string | number | boolean | null;

export interface Table {
  readonly columns: string[];
  readonly rows: Cell[][];
}

export const CI_BASE_COLUMNS = [
  'Id',
  'Label',
  'class',
  'environment',
  'criticality',
  'owner',
  'status',
  'tags',
  'redundancy_min_healthy',
  'createdAt',
  'updatedAt',
] as const;

export const RELATIONSHIP_COLUMNS = ['Source', 'Target', 'Type', 'Id', 'Relationship', 'strength', 'inferred'] as const;

export const TAG_SEPARATOR = ';';
export const ATTRIBUTE_PREFIX = 'attr.';
export const EXTERNAL_ID_PREFIX = 'ext.';

function ciBaseCells(ci: Ci): Cell[] {
  return [
    ci.id,
    ci.name,
    ci.class,
    ci.environment,
    ci.criticality,
    ci.owner,
    ci.status,
    ci.tags.join(TAG_SEPARATOR),
    ci.redundancy?.minHealthy ?? null,
    ci.createdAt,
    ci.updatedAt,
  ];
}

/** Every key found in any of the maps, sorted. */
export function unionOfKeys(maps: Iterable<Readonly<Record<string, string>>>): string[] {
  const keys = new Set<string>();
  for (const map of maps) for (const key of Object.keys(map)) keys.add(key);
  return [...keys].sort(compareIds);
}

export function ciTable(scope: ExportScope): Table {
  const { cis } = normalizeScope(scope);
  const attributeKeys = unionOfKeys(cis.map((ci) => ci.attributes));
  const systems = unionOfKeys(cis.map((ci) => ci.externalIds));
  const columns = [
    ...CI_BASE_COLUMNS,
    ...attributeKeys.map((k) => ATTRIBUTE_PREFIX + k),
    ...systems.map((s) => EXTERNAL_ID_PREFIX + s),
  ];
  const rows = cis.map((ci) => [
    ...ciBaseCells(ci),
    ...attributeKeys.map((k) => (Object.hasOwn(ci.attributes, k) ? ci.attributes[k] : null)),
    ...systems.map((s) => (Object.hasOwn(ci.externalIds, s) ? ci.externalIds[s] : null)),
  ]);
  return { columns, rows };
}

function relationshipCells(rel: Relationship): Cell[] {
  return [rel.source, rel.target, 'Directed', rel.id, rel.type, rel.strength, rel.inferred ?? false];
}

export function relationshipTable(scope: ExportScope): Table {
  const { relationships } = normalizeScope(scope);
  return { columns: [...RELATIONSHIP_COLUMNS], rows: relationships.map(relationshipCells) };
}
