// Readies common cause for a graph while the user is idle, a slice at a time (the service runs the
// slices in its queue after an edit, like prepareImpact): first the tables every query reads (the
// condensations, what each CI is sure to hurt), then the failure effects of the CIs sure to hurt
// the most services, most first. Those are the ones a query over many incidents checks first
// (each could explain many of them) and the dearest to compute: at 100k CIs a datacenter's blast
// radius settles 28k CIs, and the ~1,000 such CIs take ~300 ms together, which the first query
// over 50 incidents would otherwise pay. Effects are kept per GraphIndexes within
// failure-effects.ts's budget; preparing stops when it is spent.
import type { CmdbGraph } from '../graph/cmdb-graph';
import type { GraphIndexes } from '../graph/csr-index';
import { nowMs } from '../impact/clock';
import { condensationOf, rowPopcount } from '../impact/condensation';
import { serviceReachOf } from '../impact/service-reach';
import { keepFailureEffect } from './failure-effects';
import { prepareExplainable } from './incident-reach';

/** A CI sure to hurt at least this many services has its failure effect prepared. */
export const PREPARED_CAUSE_SERVICES = 50;

export interface PrepareCommonCauseOptions {
  /** Stop the slice once this many ms have passed (it always does at least one step). */
  budgetMs: number;
  now?: () => number;
  /** Defaults to PREPARED_CAUSE_SERVICES. */
  atLeastServices?: number;
}

interface Progress {
  /** Tables still to build, one per step (each is a whole pass over the graph). */
  tables: (() => void)[];
  /** The CIs to prepare, most services first (known once the tables are built). */
  heavy: Int32Array;
  next: number;
}

const progress = new WeakMap<GraphIndexes, Progress>();

/** The CIs sure to hurt at least `atLeast` services, the most first (ties by index). */
function heaviestCauses(ix: GraphIndexes, atLeast: number): Int32Array {
  const reach = serviceReachOf(ix);
  if (!reach) return new Int32Array(0);
  const packed: number[] = [];
  for (let i = 0; i < ix.n; i++) {
    const sure = rowPopcount(reach.hurtBits, reach.cond.comp[i] * reach.width, reach.width);
    // One number per CI, so that a typed sort orders them: more services first, then index.
    if (sure >= atLeast) packed.push(-sure * ix.n + i);
  }
  const order = Float64Array.from(packed).sort();
  return Int32Array.from(order, (p) => ((p % ix.n) + ix.n) % ix.n);
}

/** One slice of preparation for the graph as it is now; true while there is more to do. */
export function prepareCommonCause(graph: CmdbGraph, options: PrepareCommonCauseOptions): boolean {
  const now = options.now ?? nowMs;
  const started = now();
  const ix = graph.indexes();
  let state = progress.get(ix);
  if (!state) {
    const fresh: Progress = { tables: [], heavy: new Int32Array(0), next: 0 };
    fresh.tables = [
      () => condensationOf(ix, 'hard'),
      () => prepareExplainable(ix),
      () => serviceReachOf(ix),
      () => (fresh.heavy = heaviestCauses(ix, options.atLeastServices ?? PREPARED_CAUSE_SERVICES)),
    ];
    progress.set(ix, (state = fresh));
  }
  let steps = 0;
  while (steps === 0 || now() - started < options.budgetMs) {
    const table = state.tables.shift();
    if (table) table();
    else if (state.next >= state.heavy.length) break;
    else if (keepFailureEffect(graph, state.heavy[state.next])) state.next++;
    else state.next = state.heavy.length;
    steps++;
  }
  return state.tables.length > 0 || state.next < state.heavy.length;
}
