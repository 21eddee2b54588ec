// Stable orderings for result lists: never locale-dependent, so the same CMDB gives the same output everywhere.

/** Names compare case-insensitively first (as people read lists), then exactly. */
export function compareNames(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return compareText(a, b);
}

/** Plain UTF-16 code unit order (ids). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
