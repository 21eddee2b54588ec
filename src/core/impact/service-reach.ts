// Per CI, services its failure is sure to hurt (take down or degrade), so a lower bound of the
// services its blast radius lists as hurt, read without computing one. Sure, by the rules in
// propagate.ts: what a chain of hard edges that are not a member's edge into a redundancy group
// reaches goes down, and one soft edge further is degraded, as far as the chains after the soft
// edge also leave out members' edges into groups (degraded stops at a CI already down, and a down
// member may leave its group only at risk).
// Common cause uses it to leave unchecked the CIs that hurt too many other services to win.
// One bit per service and per component, built once per GraphIndexes.
import { CI_CLASSES } from '../../shared/model';
import type { GraphIndexes } from '../graph/csr-index';
import { condensationOf, spreadBits, type Condensation } from './condensation';
import { FAIL_HARD, FAIL_SOFT, scratchFor } from './scratch';

/** Above this many words the table is not built (a CMDB of 1M CIs and 10k services would need 0.6 GB). */
const MAX_TABLE_WORDS = 1 << 25;

export interface ServiceReach {
  readonly cond: Condensation;
  readonly width: number;
  /** Per component of `cond`, a bit per service it is sure to take down or degrade. */
  readonly hurtBits: Uint32Array;
  /** Each service's column; -1 for a CI that is not a service. */
  readonly column: Int32Array;
}

const BUSINESS_SERVICE = CI_CLASSES.indexOf('business_service');
const TECHNICAL_SERVICE = CI_CLASSES.indexOf('technical_service');

export function isServiceCode(code: number): boolean {
  return code === BUSINESS_SERVICE || code === TECHNICAL_SERVICE;
}

const cache = new WeakMap<GraphIndexes, ServiceReach | null>();

/** The table for these indexes, or null when it would be too large. */
export function serviceReachOf(ix: GraphIndexes): ServiceReach | null {
  if (cache.has(ix)) return cache.get(ix) ?? null;
  const table = buildServiceReach(ix);
  cache.set(ix, table);
  return table;
}

function buildServiceReach(ix: GraphIndexes): ServiceReach | null {
  const { classCode, failKind } = scratchFor(ix);
  const column = new Int32Array(ix.n).fill(-1);
  let services = 0;
  for (let i = 0; i < ix.n; i++) if (isServiceCode(classCode[i])) column[i] = services++;
  const width = Math.max(1, Math.ceil(services / 32));
  const down = condensationOf(ix, 'down');
  if (2 * down.count * width > MAX_TABLE_WORDS) return null;
  const { failOffsets, failEnds } = ix;
  // The services down chains reach (they go down), then what each CI is sure to hurt: those, those of its soft neighbours' down chains, and those of the components it takes down.
  const downBits = new Uint32Array(down.count * width);
  for (let i = 0; i < ix.n; i++) {
    const c = column[i];
    if (c >= 0) downBits[down.comp[i] * width + (c >>> 5)] |= 1 << (c & 31);
  }
  spreadBits(ix, down, downBits, width);
  const hurtBits = downBits.slice();
  for (let k = 0; k < down.count; k++) {
    const row = k * width;
    for (let q = down.start[k]; q < down.start[k + 1]; q++) {
      const v = down.nodes[q];
      for (let p = failOffsets[v], end = failOffsets[v + 1]; p < end; p++) {
        const w = failEnds[p];
        if (failKind[p] === FAIL_SOFT) orRow(hurtBits, row, downBits, down.comp[w] * width, width);
        else if (failKind[p] === FAIL_HARD && down.comp[w] !== k) orRow(hurtBits, row, hurtBits, down.comp[w] * width, width);
      }
    }
  }
  return { cond: down, width, hurtBits, column };
}

function orRow(into: Uint32Array, at: number, from: Uint32Array, offset: number, width: number): void {
  for (let x = 0; x < width; x++) into[at + x] |= from[offset + x];
}
