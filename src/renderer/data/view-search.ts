// Search within the CIs of a view the renderer already holds (the graph "as of" a past time): the
// live ci.search would find CIs created since, which that view does not have. Matches name, id,
// class, owner and tags, case-insensitively; name matches first (a name starting with the query
// before one containing it), then by name.
import type { Ci } from '../../shared/model';
import type { SearchHit } from '../../shared/operations';

function hitOf(ci: Ci, text: string): { hit: SearchHit; rank: number } | null {
  const name = ci.name.toLowerCase();
  const hit = (field: string, match: string): SearchHit => ({
    ci: { id: ci.id, name: ci.name, class: ci.class, environment: ci.environment, owner: ci.owner, criticality: ci.criticality },
    field,
    match,
  });
  if (name.startsWith(text)) return { hit: hit('name', ci.name), rank: 0 };
  if (name.includes(text)) return { hit: hit('name', ci.name), rank: 1 };
  if (ci.id.toLowerCase().includes(text)) return { hit: hit('id', ci.id), rank: 2 };
  if (ci.class.replace(/_/g, ' ').includes(text) || ci.class.includes(text)) return { hit: hit('class', ci.class), rank: 3 };
  if (ci.owner.toLowerCase().includes(text)) return { hit: hit('owner', ci.owner), rank: 3 };
  const tag = ci.tags.find((t) => t.toLowerCase().includes(text));
  if (tag) return { hit: hit('tag', tag), rank: 3 };
  return null;
}

export function searchViewNodes(nodes: readonly Ci[], query: string, limit = 20): SearchHit[] {
  const text = query.trim().toLowerCase();
  if (!text) return [];
  const found: { hit: SearchHit; rank: number }[] = [];
  for (const ci of nodes) {
    const h = hitOf(ci, text);
    if (h) found.push(h);
  }
  found.sort((a, b) => a.rank - b.rank || a.hit.ci.name.localeCompare(b.hit.ci.name, 'en'));
  return found.slice(0, limit).map((f) => f.hit);
}
