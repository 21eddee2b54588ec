// Distinct values and counts of the filterable fields, for the Explore screen's filter panel.
import type { Facets } from '../../shared/operations';
import type { RelationshipType } from '../../shared/model';
import type { CmdbGraph } from '../graph/cmdb-graph';

function countInto<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function sorted<K extends string | number>(map: Map<K, number>): { value: K; count: number }[] {
  return [...map.entries()]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

export function facets(graph: CmdbGraph): Facets {
  const classes = new Map<string, number>();
  const environments = new Map<string, number>();
  const statuses = new Map<string, number>();
  const criticalities = new Map<number, number>();
  const tags = new Map<string, number>();
  const relationshipTypes = new Map<RelationshipType, number>();
  for (const ci of graph.cis()) {
    countInto(classes, ci.class);
    countInto(environments, ci.environment);
    countInto(statuses, ci.status);
    countInto(criticalities, ci.criticality);
    for (const tag of ci.tags) countInto(tags, tag);
  }
  for (const rel of graph.relationships()) countInto(relationshipTypes, rel.type);
  return {
    classes: sorted(classes),
    environments: sorted(environments),
    statuses: sorted(statuses),
    criticalities: sorted(criticalities),
    tags: sorted(tags),
    relationshipTypes: sorted(relationshipTypes),
  };
}
