// Text as it may sit in the CAB packet's HTML, SVG and Markdown: every name, title and comment
// comes from users or imports, so it is escaped wherever it is written.

const XML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside an XML or HTML element or a quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]);
}

/**
 * Text safe in a Markdown table cell or paragraph of a ticket: HTML is written as entities (a
 * ticket renders raw HTML), Markdown's emphasis, link and table characters are escaped, and
 * line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => XML_ENTITIES[c])
    .replace(/([\\`*_[\]|#])/g, '\\$1')
    .replace(/\s*\r?\n\s*/g, ' ');
}

/** At most `max` characters, the cut marked with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
