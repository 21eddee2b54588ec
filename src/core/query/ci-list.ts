// CIs as a list (by class, then name, then id) and one CI named by id or exact name: what a
// table of CIs and a command line need.
import type { Ci, CiClass } from '../../shared/model';
import type { CiList, CiRef } from '../../shared/operations';
import type { CmdbGraph } from '../graph/cmdb-graph';
import { CmdbError } from '../graph/errors';

export interface CiListOptions {
  classes?: readonly CiClass[];
  offset: number;
  limit: number;
}

export function listCis(graph: CmdbGraph, options: CiListOptions): CiList {
  const wanted = options.classes && options.classes.length > 0 ? new Set<string>(options.classes) : null;
  const matching: Ci[] = [];
  for (const ci of graph.cis()) if (!wanted || wanted.has(ci.class)) matching.push(ci);
  matching.sort((a, b) => a.class.localeCompare(b.class) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return {
    cis: matching.slice(options.offset, options.offset + options.limit),
    matching: matching.length,
    total: graph.ciCount,
  };
}

/** A CI by exact id, else by name (case-insensitive); an ambiguous name is a conflict listing the candidates. */
export function resolveCi(graph: CmdbGraph, ref: string): CiRef {
  const brief = (ci: Ci): CiRef => ({ id: ci.id, name: ci.name, class: ci.class });
  const byId = graph.getCi(ref);
  if (byId) return brief(byId);
  const wanted = ref.trim().toLowerCase();
  const matches: Ci[] = [];
  for (const ci of graph.cis()) if (ci.name.toLowerCase() === wanted) matches.push(ci);
  if (matches.length === 1) return brief(matches[0]);
  if (matches.length === 0) throw new CmdbError('not_found', `No CI with id or name "${ref}"`);
  const list = matches.map((ci) => `${ci.id} (${ci.class}, ${ci.environment || 'no environment'})`).join(', ');
  throw new CmdbError('conflict', `"${ref}" names ${matches.length} CIs: ${list}; give an id instead`);
}
