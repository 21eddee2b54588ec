// Finds CIs by name, id, class, tag, owner, environment, attribute value or external id.
import type { Ci } from '../../shared/model';
import type { SearchHit } from '../../shared/operations';
import type { CmdbGraph } from '../graph/cmdb-graph';

interface Scored {
  hit: SearchHit;
  score: number;
}

/** Lower is better: exact name, name prefix, name word, name substring, then other fields. */
function scoreCi(ci: Ci, q: string): { score: number; field: string; match: string } | null {
  const name = ci.name.toLowerCase();
  if (name === q) return { score: 0, field: 'name', match: ci.name };
  if (name.startsWith(q)) return { score: 1, field: 'name', match: ci.name };
  if (name.split(/[\s\-_./]+/).some((w) => w.startsWith(q))) return { score: 2, field: 'name', match: ci.name };
  if (name.includes(q)) return { score: 3, field: 'name', match: ci.name };
  if (ci.id.toLowerCase().includes(q)) return { score: 4, field: 'id', match: ci.id };
  const cls = ci.class.replace(/_/g, ' ');
  if (ci.class.includes(q) || cls.includes(q)) return { score: 5, field: 'class', match: ci.class };
  const tag = ci.tags.find((t) => t.toLowerCase().includes(q));
  if (tag !== undefined) return { score: 5, field: 'tag', match: tag };
  if (ci.owner.toLowerCase().includes(q)) return { score: 6, field: 'owner', match: ci.owner };
  if (ci.environment.toLowerCase().includes(q)) return { score: 7, field: 'environment', match: ci.environment };
  for (const [key, value] of Object.entries(ci.attributes)) {
    if (value.toLowerCase().includes(q)) return { score: 7, field: `attribute:${key}`, match: value };
  }
  for (const [system, value] of Object.entries(ci.externalIds)) {
    if (value.toLowerCase().includes(q)) return { score: 8, field: `externalId:${system}`, match: value };
  }
  return null;
}

export function searchCis(graph: CmdbGraph, query: string, limit: number): SearchHit[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const scored: Scored[] = [];
  for (const ci of graph.cis()) {
    const s = scoreCi(ci, q);
    if (!s) continue;
    scored.push({
      score: s.score,
      hit: {
        ci: { id: ci.id, name: ci.name, class: ci.class, environment: ci.environment, owner: ci.owner, criticality: ci.criticality },
        field: s.field,
        match: s.match,
      },
    });
  }
  scored.sort(
    (a, b) =>
      a.score - b.score ||
      a.hit.ci.criticality - b.hit.ci.criticality ||
      a.hit.ci.name.localeCompare(b.hit.ci.name) ||
      (a.hit.ci.id < b.hit.ci.id ? -1 : 1),
  );
  return scored.slice(0, limit).map((s) => s.hit);
}
