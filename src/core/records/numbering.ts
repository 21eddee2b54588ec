// Human numbers of records (CHG0001, INC0001, PRB0001): one more than the highest in use, so a
// number is not reused while a later one exists.
import type { CmdbState } from './registry';

export function nextNumber(state: CmdbState, kindName: string, prefix: string): string {
  let highest = 0;
  for (const record of state.records.list(kindName)) {
    const n = Number((record as { number?: string }).number?.slice(prefix.length));
    if (Number.isFinite(n) && n > highest) highest = n;
  }
  return `${prefix}${String(highest + 1).padStart(4, '0')}`;
}
