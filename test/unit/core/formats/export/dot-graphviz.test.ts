// DOT labels rendered by Graphviz itself: Graphviz decodes HTML entities in strings, so an `&`
// in a name must reach it as `&amp;`, or `R&amp;D` shows as `R&D` and `&#x1;` yields an SVG
// that is not well-formed. Needs Graphviz's `dot` (`apt-get install -y graphviz`; .ci/run installs it).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { dotQuote, writeDot } from '../../../../../src/core/formats/export';
import { ci } from '../../../node/storage/helpers';
import { findAll, parseXml, textOf } from './xml-check';

const DOT = '/usr/bin/dot';
const NAMES = ['R&D', 'R&amp;D', 'bell &#x1; here', '&#38; &lt;b&gt;', 'a < b > c', 'tom & jerry; "quoted"'];

describe('DOT export and entities', () => {
  it('escapes & so Graphviz reads back the text as written', () => {
    expect(dotQuote('R&D')).toBe('"R&amp;D"');
    expect(dotQuote('&#x1;')).toBe('"&amp;#x1;"');
  });

  it('Graphviz renders every label exactly, in a well-formed SVG', () => {
    const cis = NAMES.map((name, i) => ci(`ci_${i}`, { name }));
    const svg = execFileSync(DOT, ['-Tsvg'], { input: writeDot({ cis, relationships: [] }), encoding: 'utf8' });
    // The checker takes no DOCTYPE: read from the root element on.
    const root = parseXml(svg.slice(svg.indexOf('<svg')));
    const labels = findAll(root, 'text').map((element) => textOf(element));
    expect(labels.sort()).toEqual([...NAMES].sort());
  });
});
