// A minimal, strict XML 1.0 well-formedness checker for the tests (no DOCTYPE, no CDATA):
// allowed characters only, balanced and properly nested tags, one root, quoted and unique
// attributes, `<` never raw in text or values, `&` only in known or numeric references.
// It returns the element tree with references decoded, so tests can read labels back.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*/;
const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export class XmlError extends Error {}

function decode(raw: string, where: number): string {
  return raw.replace(/&([^;]*);?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw new XmlError(`bare & at ${where}`);
    if (Object.hasOwn(ENTITIES, body)) return ENTITIES[body];
    const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
    if (!m) throw new XmlError(`unknown entity &${body}; at ${where}`);
    const code = m[1] !== undefined ? Number.parseInt(m[1], 16) : Number.parseInt(m[2], 10);
    const ch = String.fromCodePoint(code);
    if (!XML_CHAR.test(ch)) throw new XmlError(`reference to a forbidden character &${body}; at ${where}`);
    return ch;
  });
}

export function parseXml(text: string): XmlElement {
  if (!XML_CHAR.test(text)) throw new XmlError('a character XML 1.0 forbids');
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end < 0) throw new XmlError('unterminated XML declaration');
    i = end + 2;
  }
  while (i < text.length) {
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) throw new XmlError('unterminated comment');
      i = end + 3;
    } else if (text.startsWith('</', i)) {
      const m = NAME.exec(text.slice(i + 2));
      if (!m) throw new XmlError(`bad end tag at ${i}`);
      const close = text.indexOf('>', i);
      if (text.slice(i + 2 + m[0].length, close).trim() !== '') throw new XmlError(`junk in end tag at ${i}`);
      const open = stack.pop();
      if (!open || open.name !== m[0]) throw new XmlError(`</${m[0]}> does not close <${open?.name}> at ${i}`);
      i = close + 1;
    } else if (text[i] === '<') {
      const m = NAME.exec(text.slice(i + 1));
      if (!m) throw new XmlError(`bad start tag at ${i}`);
      const element: XmlElement = { name: m[0], attributes: {}, children: [] };
      let j = i + 1 + m[0].length;
      let selfClosing = false;
      for (;;) {
        const ws = /^\s*/.exec(text.slice(j))![0].length;
        j += ws;
        if (text.startsWith('/>', j)) {
          selfClosing = true;
          j += 2;
          break;
        }
        if (text[j] === '>') {
          j += 1;
          break;
        }
        if (ws === 0) throw new XmlError(`attributes must be separated by space at ${j}`);
        const an = NAME.exec(text.slice(j));
        if (!an) throw new XmlError(`bad attribute at ${j}`);
        j += an[0].length;
        const eq = /^\s*=\s*/.exec(text.slice(j));
        if (!eq) throw new XmlError(`attribute without = at ${j}`);
        j += eq[0].length;
        const quote = text[j];
        if (quote !== '"' && quote !== "'") throw new XmlError(`unquoted attribute value at ${j}`);
        const end = text.indexOf(quote, j + 1);
        if (end < 0) throw new XmlError(`unterminated attribute value at ${j}`);
        const raw = text.slice(j + 1, end);
        if (raw.includes('<')) throw new XmlError(`< in attribute value at ${j}`);
        if (Object.hasOwn(element.attributes, an[0])) throw new XmlError(`duplicate attribute ${an[0]} at ${j}`);
        // Attribute-value normalisation: literal white space becomes a space; references stay.
        Object.defineProperty(element.attributes, an[0], {
          value: decode(raw.replace(/[\t\n\r]/g, ' '), j),
          enumerable: true,
        });
        j = end + 1;
      }
      const parent = stack.at(-1);
      if (parent) parent.children.push(element);
      else if (root) throw new XmlError(`a second root element <${element.name}>`);
      else root = element;
      if (!selfClosing) stack.push(element);
      i = j;
    } else {
      const next = text.indexOf('<', i);
      const raw = text.slice(i, next < 0 ? text.length : next);
      if (raw.includes(']]>')) throw new XmlError(`]]> in text at ${i}`);
      const parent = stack.at(-1);
      if (!parent) {
        if (raw.trim() !== '') throw new XmlError(`text outside the root element at ${i}`);
      } else {
        parent.children.push(decode(raw, i));
      }
      i = next < 0 ? text.length : next;
    }
  }
  if (stack.length > 0) throw new XmlError(`<${stack.at(-1)!.name}> is never closed`);
  if (!root) throw new XmlError('no root element');
  return root;
}

/** Every element with this name, depth first. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === name) out.push(e);
    for (const c of e.children) if (typeof c !== 'string') walk(c);
  };
  walk(element);
  return out;
}

export function textOf(element: XmlElement): string {
  return element.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
