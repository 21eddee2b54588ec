// The bundled sample CMDB read straight from resources/ (not through the app), and a plain
// breadth-first neighbourhood over it: the expectations the UI is checked against.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './server';

export interface SampleCi {
  id: string;
  name: string;
  class: string;
  tags: string[];
}

export interface SampleRelationship {
  id: string;
  source: string;
  target: string;
  type: string;
  strength: string;
}

export interface SampleCmdb {
  cis: SampleCi[];
  relationships: SampleRelationship[];
}

export function loadSample(): SampleCmdb {
  const doc = JSON.parse(readFileSync(join(REPO_ROOT, 'resources/sample-cmdb.faultline'), 'utf8')) as SampleCmdb;
  return { cis: doc.cis, relationships: doc.relationships };
}

/** CI ids within `depth` hops of `start`, following relationships out, in or both ways. */
export function neighbourhoodIds(sample: SampleCmdb, start: string, depth: number, direction: 'in' | 'out' | 'both'): string[] {
  const seen = new Set([start]);
  let frontier = [start];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const rel of sample.relationships) {
      const ends: [string, string][] = [];
      if (direction !== 'in') ends.push([rel.source, rel.target]);
      if (direction !== 'out') ends.push([rel.target, rel.source]);
      for (const [from, to] of ends) {
        if (frontier.includes(from) && !seen.has(to)) {
          seen.add(to);
          next.push(to);
        }
      }
    }
    frontier = next;
  }
  return [...seen].sort();
}
