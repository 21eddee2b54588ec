// singlePointsOfFailure: every CI whose failure alone (mode down) takes a service down,
// redundancy respected. Candidates are the service's hard dependencies (nothing else can make it down);
// for each one, pass 1 of the blast radius (down only) runs restricted to the dependency set
// and stops as soon as the service goes down. Cost: candidates × the service's upstream part.
import type { SpofEntry, SpofResult } from '../../shared/impact-types';
import type { CmdbGraph } from '../graph/cmdb-graph';
import { compareNames, compareText } from './order';
import { elapsedSince, nowMs } from './clock';
import { indexOrThrow, upstreamPass } from './dependencies';
import { PathBuilder } from './paths';
import { downPass } from './propagate';
import { beginAllowed, beginEpoch, DOWN, scratchFor, touch } from './scratch';

export function singlePointsOfFailure(graph: CmdbGraph, serviceId: string): SpofResult {
  const start = nowMs();
  const ix = graph.indexes();
  const service = indexOrThrow(ix, serviceId, 'serviceId');
  const s = scratchFor(ix);

  beginEpoch(s);
  // Only down travels to make the service down, and down travels over hard relationships only
  // (a soft one turns it into degraded), so the candidates — and the only CIs a candidate's
  // failure needs to cross — are the service's dependencies over hard relationships.
  const count = upstreamPass(s, service, Number.MAX_SAFE_INTEGER, true);
  beginAllowed(s);
  const candidates = Array.from(s.queue.subarray(0, count));
  for (const c of candidates) s.allowStamp[c] = s.allowEpoch;

  const entries: SpofEntry[] = [];
  for (let q = 1; q < candidates.length; q++) {
    const c = candidates[q];
    beginEpoch(s);
    touch(s, c);
    s.level[c] = DOWN;
    const { reachedStop } = downPass(s, [c], {
      maxDepth: Number.MAX_SAFE_INTEGER,
      restricted: true,
      stopAt: service,
      groupsOut: null,
      softSeeds: null,
    });
    if (!reachedStop) continue;
    const { path, steps } = new PathBuilder(s).explain(service);
    const ci = ix.cis[c];
    entries.push({ id: ci.id, name: ci.name, class: ci.class, path, steps });
  }
  entries.sort(
    (a, b) =>
      a.path.length - b.path.length || compareNames(a.name, b.name) || compareText(a.id, b.id),
  );
  return { serviceId, singlePointsOfFailure: entries, elapsedMs: elapsedSince(start) };
}
