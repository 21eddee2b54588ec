// Formula neutralising and XML escaping, the two helpers every writer leans on, plus the
// test-side XML checker (which must be able to fail).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeXml, neutralizeCell, restoreCell, stripInvalidXmlChars } from '../../../../../src/core/formats/export';
import { parseXml, textOf } from './xml-check';

describe('neutralizeCell', () => {
  it.each(['=1+1', '+1', '-5', '@SUM(A1)', '\tcmd', '\rcmd', '=HYPERLINK("x")'])('quotes a cell starting with a trigger: %j', (value) => {
    expect(neutralizeCell(value)).toBe(`'${value}`);
  });

  it.each(['plain', '', ' =1', '1-2', "O'Brien", "'plain", 'a=b'])('leaves other cells alone: %j', (value) => {
    expect(neutralizeCell(value)).toBe(value);
  });

  it('quotes a value already starting with quote + trigger once more, so reading back is exact', () => {
    expect(neutralizeCell("'=x")).toBe("''=x");
    expect(restoreCell("''=x")).toBe("'=x");
    expect(restoreCell("'plain")).toBe("'plain");
  });

  it('round-trips any string and never leaves a formula-leading cell', () => {
    const text = fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", 'a', ' ', '1') });
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (value) => {
        const cell = neutralizeCell(value);
        expect(restoreCell(cell)).toBe(value);
        expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
      }),
    );
  });
});

/** Strings of XML specials, controls, lone surrogates, non-characters and any code point. */
const xmlTorture = fc
  .array(
    fc.oneof(
      fc.constantFrom('&', '<', '>', '"', "'", '\t', '\n', '\r', '\u0000', '\u001b', '\uFFFE', '\uFFFF', ']]>', '&amp;', 'a'),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));

describe('escapeXml', () => {
  it('escapes the five specials and keeps white space as references', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
  });

  it('drops characters XML 1.0 forbids, keeping astral characters', () => {
    expect(stripInvalidXmlChars('a\u0000b\u0007c\u001bd\uFFFEe\uFFFFf')).toBe('abcdef');
    expect(stripInvalidXmlChars('lone \ud800 high, lone \udc00 low, pair 🚀')).toBe('lone  high, lone  low, pair 🚀');
  });

  it('gives text that parses back to the original minus forbidden characters', () => {
    fc.assert(
      fc.property(xmlTorture, (value) => {
        const root = parseXml(`<r a="${escapeXml(value)}">${escapeXml(value)}</r>`);
        expect(textOf(root)).toBe(stripInvalidXmlChars(value));
        expect(root.attributes.a).toBe(stripInvalidXmlChars(value));
      }),
    );
  });
});

describe('the test XML checker', () => {
  it.each([
    ['<a><b></a></b>', 'crossed tags'],
    ['<a>', 'unclosed'],
    ['<a>x & y</a>', 'bare ampersand'],
    ['<a>&nbsp;</a>', 'unknown entity'],
    ['<a x="1" x="2"/>', 'duplicate attribute'],
    ['<a x=1/>', 'unquoted attribute'],
    ['<a x="<"/>', '< in attribute'],
    ['<a/><b/>', 'two roots'],
    ['<a>\u0001</a>', 'forbidden character'],
    ['<a>&#1;</a>', 'reference to a forbidden character'],
  ])('rejects %j (%s)', (xml) => {
    expect(() => parseXml(xml)).toThrow();
  });

  it('accepts a small document', () => {
    const root = parseXml('<?xml version="1.0"?>\n<a x="1&amp;2"><!-- c --><b>t&lt;</b><c/></a>\n');
    expect(root.attributes.x).toBe('1&2');
    expect(textOf(root)).toBe('t<');
  });
});
