// Bounds on what a user or an import puts into a CI. One CI with 2,000 attributes of 4,000
// characters (8 MB) or 100k tags once made every graph view megabytes and slowed every
// request; a name holding a control character or a bidi override (U+202E) displays other than
// it reads. Only input schemas apply them (CiInputSchema, CiPatchSchema): a document written
// before them is read as it is, and is refused only when an edit would keep it over a limit.

export const CI_LIMITS = {
  /** Attributes per CI, and their keys and values together, in characters. */
  attributes: 500,
  attributeCharacters: 256 * 1024,
  tags: 256,
  externalIds: 64,
} as const;

/**
 * C0 controls other than tab and line breaks (a name may span lines: the exports draw them),
 * DEL and C1 controls, the noncharacters U+FFFE/U+FFFF, bidi embeddings, overrides and isolates.
 */
const FORBIDDEN_IN_NAMES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/;

export const FORBIDDEN_IN_NAMES_MESSAGE = 'must not contain control characters, U+FFFE/U+FFFF or bidirectional overrides (such as U+202E)';

export function isDisplayableName(name: string): boolean {
  return !FORBIDDEN_IN_NAMES.test(name);
}

export function mapCharacters(map: Readonly<Record<string, string>>): number {
  let total = 0;
  for (const key in map) if (Object.hasOwn(map, key)) total += key.length + map[key].length;
  return total;
}
