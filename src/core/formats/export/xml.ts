// XML text for the GraphML and GEXF writers: escaping, and dropping what XML 1.0 forbids.

/**
 * Removes the characters XML 1.0 cannot carry at all, not even as a character reference:
 * C0 controls other than tab, LF and CR; U+FFFE and U+FFFF; unpaired surrogates.
 * (https://www.w3.org/TR/xml/#charsets)
 */
export function stripInvalidXmlChars(text: string): string {
  // The `u` flag makes a lone surrogate one code point of its own, so the class catches it.
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

/**
 * Escapes text for element content and for attribute values alike (both quote kinds).
 * Tab, LF and CR become character references so a parser's attribute-value and line-end
 * normalisation cannot turn them into spaces or merge CR LF.
 */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"'\t\n\r]/g, (ch) => XML_ESCAPES[ch] ?? ch);
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** `name="value"` pairs, escaped; undefined values are left out. */
export function xmlAttributes(attrs: Readonly<Record<string, string | number | undefined>>): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    out += ` ${name}="${escapeXml(String(value))}"`;
  }
  return out;
}
