// Human numbers of records (CHG0001, INC0001, PRB0001): one more than the highest in use, so a
// number is not reused while a later one exists, and as wide as the widest in use (after an
// imported CHG0030015 comes CHG0030016).
import type { CmdbState } from './registry';

export function nextNumber(state: CmdbState, kindName: string, prefix: string): string {
  let highest = 0;
  let width = 4;
  for (const record of state.records.list(kindName)) {
    const digits = (record as { number?: string }).number?.slice(prefix.length) ?? '';
    const n = Number(digits);
    if (Number.isFinite(n) && n > highest) highest = n;
    if (digits.length > width) width = digits.length;
  }
  return `${prefix}${String(highest + 1).padStart(width, '0')}`;
}
