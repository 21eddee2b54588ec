// Import files are read as UTF-8. Invalid bytes become U+FFFD, as any decoder does, but the
// user is told (once, with the first place), rather than finding mangled names later.

const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');

function countReplacementBytes(bytes: Buffer): number {
  let count = 0;
  for (let i = bytes.indexOf(REPLACEMENT); i !== -1; i = bytes.indexOf(REPLACEMENT, i + REPLACEMENT.length)) count++;
  return count;
}

/** The file as text, and a warning naming the first invalid byte when it is not valid UTF-8. */
export function decodeImportFile(bytes: Buffer, fileName: string): { text: string; warning: string | null } {
  const text = bytes.toString('utf8');
  let replaced = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) replaced++;
  replaced -= countReplacementBytes(bytes);
  if (replaced <= 0) return { text, warning: null };
  // The first byte where re-encoding the text differs from the file is the first invalid one.
  const again = Buffer.from(text, 'utf8');
  let first = 0;
  while (first < bytes.length && bytes[first] === again[first]) first++;
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < first; i = bytes.indexOf(0x0a, i + 1)) line++;
  const sequences = replaced === 1 ? '1 invalid byte sequence' : `${replaced} invalid byte sequences`;
  return {
    text,
    warning: `${fileName} is not valid UTF-8: ${sequences} (the first at byte ${first}, line ${line}) ${replaced === 1 ? 'was' : 'were'} read as U+FFFD; save it as UTF-8 and import it again to keep those characters.`,
  };
}
