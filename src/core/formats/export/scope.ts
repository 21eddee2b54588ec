// What every writer takes: a set of CIs and relationships (the whole CMDB, or what is on
// screen — the caller passes the subset), normalised so every format sees the same graph.
import type { Ci, Relationship } from '../../../shared/model';

export interface ExportScope {
  readonly cis: readonly Ci[];
  readonly relationships: readonly Relationship[];
}

export interface NormalizedScope {
  readonly cis: Ci[];
  readonly relationships: Relationship[];
}

/** Plain code-unit order: the same on every machine and locale, unlike localeCompare. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorted by id, one entry per id (the last one given wins), and only relationships whose two
 * ends are in the scope: a subset taken on screen may cut edges, and no format can carry an
 * edge to a node it does not contain (a JSON snapshot with one would not load).
 */
export function normalizeScope(scope: ExportScope): NormalizedScope {
  const cis = new Map<string, Ci>();
  for (const ci of scope.cis) cis.set(ci.id, ci);
  const relationships = new Map<string, Relationship>();
  for (const rel of scope.relationships) {
    if (cis.has(rel.source) && cis.has(rel.target)) relationships.set(rel.id, rel);
    else relationships.delete(rel.id);
  }
  return {
    cis: [...cis.values()].sort((a, b) => compareIds(a.id, b.id)),
    relationships: [...relationships.values()].sort((a, b) => compareIds(a.id, b.id)),
  };
}

/** Keys of a string map in stable order. */
export function sortedKeys(map: Readonly<Record<string, string>>): string[] {
  return Object.keys(map).sort(compareIds);
}

/** Sets an own enumerable property, so a key like `__proto__` is data, never the prototype. */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
