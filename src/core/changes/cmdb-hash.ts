// An identifier of a CMDB state (its CIs and relationships): what an impact snapshot was
// computed on, so "recompute" can say whether the CMDB moved since. 53-bit cyrb53 chained over
// the items in id order; not cryptographic, only a change detector.
import { cyrb53 } from '../../shared/hash';
import type { CmdbGraph } from '../graph/cmdb-graph';

function chained(items: Iterable<{ id: string }>, seed: string): string {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let acc = seed;
  for (const item of sorted) acc = cyrb53(acc + JSON.stringify(item)).toString(36);
  return acc;
}

/** 14 hex digits naming the CIs and relationships exactly (any field of any item changes it). */
export function cmdbHash(graph: CmdbGraph): string {
  const cis = chained(graph.cis(), 'cis');
  const both = chained(graph.relationships(), cis);
  return cyrb53(both).toString(16).padStart(14, '0');
}
