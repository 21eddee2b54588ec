// What one CI's failure does, kept compact for common cause: the CIs it takes down or degrades
// (sorted, each with the CI its explanation comes from) and the services it reaches: hurt (down or
// degraded) or only at risk.
// Kept per GraphIndexes (until the next edit), within a memory budget: asking common cause again
// about a changed set of incidents then reuses the blast radii of the hubs it checked before.
import type { CmdbGraph } from '../graph/cmdb-graph';
import type { GraphIndexes } from '../graph/csr-index';
import { settleImpact } from '../impact';
import { DEGRADED, NONE } from '../impact/scratch';
import { isServiceCode } from '../impact/service-reach';

export interface FailureEffect {
  readonly ci: number;
  /** CIs taken down or degraded, the failed CI included, in index order. */
  readonly hurt: Int32Array;
  /** For hurt[k], the CI its explanation comes from (-1 for the failed CI). */
  readonly from: Int32Array;
  /** Services taken down or degraded, and those left only at risk; the failed CI left out. */
  readonly hurtServices: Int32Array;
  readonly atRiskServices: Int32Array;
}

/** Words kept per GraphIndexes: 16M (64 MB); beyond it effects are computed and not kept. */
const MAX_KEPT_WORDS = 1 << 24;

interface Kept {
  effects: Map<number, FailureEffect>;
  words: number;
}

const cache = new WeakMap<GraphIndexes, Kept>();

export function failureEffectOf(graph: CmdbGraph, ci: number): FailureEffect {
  return keptOrSettled(graph, ci).effect;
}

/** Computes and keeps CI ci's failure effect ahead of a query (see prepare-common-cause.ts); false once the budget is spent. */
export function keepFailureEffect(graph: CmdbGraph, ci: number): boolean {
  return keptOrSettled(graph, ci).kept;
}

function keptOrSettled(graph: CmdbGraph, ci: number): { effect: FailureEffect; kept: boolean } {
  const ix = graph.indexes();
  let kept = cache.get(ix);
  if (!kept) cache.set(ix, (kept = { effects: new Map(), words: 0 }));
  const known = kept.effects.get(ci);
  if (known) return { effect: known, kept: true };
  const effect = settle(graph, ix, ci);
  const words = effect.hurt.length * 2 + effect.hurtServices.length + effect.atRiskServices.length;
  if (kept.words + words > MAX_KEPT_WORDS) return { effect, kept: false };
  kept.effects.set(ci, effect);
  kept.words += words;
  return { effect, kept: true };
}

function settle(graph: CmdbGraph, ix: GraphIndexes, ci: number): FailureEffect {
  const { scratch: s } = settleImpact(graph, { targets: [{ ciId: ix.ciIds[ci], mode: 'down' }] });
  const { touched, touchedCount, level, classCode, parent } = s;
  const hurtBuf = new Int32Array(touchedCount);
  // Services are few: hurt ones fill the buffer from the front, those at risk from the back.
  const serviceBuf = new Int32Array(touchedCount);
  let count = 0;
  let hurtServices = 0;
  let atRisk = touchedCount;
  for (let q = 0; q < touchedCount; q++) {
    const v = touched[q];
    const lv = level[v];
    if (lv >= DEGRADED) hurtBuf[count++] = v;
    if (v === ci || lv === NONE || !isServiceCode(classCode[v])) continue;
    if (lv >= DEGRADED) serviceBuf[hurtServices++] = v;
    else serviceBuf[--atRisk] = v;
  }
  // Sorted while the scratch still holds this traversal's parents.
  const hurt = hurtBuf.slice(0, count).sort();
  const from = new Int32Array(count);
  for (let k = 0; k < count; k++) from[k] = hurt[k] === ci ? -1 : parent[hurt[k]];
  return { ci, hurt, from, hurtServices: serviceBuf.slice(0, hurtServices), atRiskServices: serviceBuf.slice(atRisk).reverse() };
}

/** Where CI v sits in effect.hurt, or -1 when the failure does not take it down or degrade it. */
export function hurtIndex(effect: FailureEffect, v: number): number {
  const { hurt } = effect;
  let lo = 0;
  let hi = hurt.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (hurt[mid] === v) return mid;
    if (hurt[mid] < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** CI ids from the failed CI to v (hurt by it), in the direction failure travels. */
export function effectPath(ix: GraphIndexes, effect: FailureEffect, v: number): string[] {
  const path: string[] = [];
  for (let k = hurtIndex(effect, v); k >= 0; k = effect.from[k] < 0 ? -1 : hurtIndex(effect, effect.from[k])) {
    path.push(ix.ciIds[effect.hurt[k]]);
    if (path.length > effect.hurt.length) throw new Error('explanation path does not end (parent pointers form a cycle)');
  }
  return path.reverse();
}
