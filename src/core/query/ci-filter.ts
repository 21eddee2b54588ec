// Whether a CI passes the Explore screen's filters (an empty or missing list filters nothing).
import type { Ci } from '../../shared/model';
import type { ViewFilters } from '../../shared/operations';

export type CiPredicate = (ci: Ci) => boolean;

export function ciFilterPredicate(filters: ViewFilters): CiPredicate {
  const classes = nonEmptySet<string>(filters.classes);
  const environments = nonEmptySet<string>(filters.environments);
  const statuses = nonEmptySet<string>(filters.statuses);
  const criticalities = nonEmptySet<number>(filters.criticalities);
  const tags = nonEmptySet<string>(filters.tags);
  return (ci) =>
    (!classes || classes.has(ci.class)) &&
    (!environments || environments.has(ci.environment)) &&
    (!statuses || statuses.has(ci.status)) &&
    (!criticalities || criticalities.has(ci.criticality)) &&
    (!tags || ci.tags.some((t) => tags.has(t)));
}

function nonEmptySet<T>(values: readonly T[] | undefined): Set<T> | null {
  return values && values.length > 0 ? new Set(values) : null;
}
