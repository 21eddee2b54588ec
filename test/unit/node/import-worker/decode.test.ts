// Import files are UTF-8; a file that is not is still read (invalid bytes become U+FFFD) but
// the user is told where the first bad byte is.
import { describe, expect, it } from 'vitest';
import { decodeImportFile } from '../../../../src/node/import-worker';

describe('decodeImportFile', () => {
  it('reads valid UTF-8 without a warning, a U+FFFD in the file included', () => {
    expect(decodeImportFile(Buffer.from('name,class\nZürich \uFFFD,site\n'), 'a.csv')).toEqual({ text: 'name,class\nZürich \uFFFD,site\n', warning: null });
  });

  it('says where invalid UTF-8 starts and how many characters were replaced', () => {
    const bytes = Buffer.concat([Buffer.from('name,class\nM'), Buffer.from([0xfc]), Buffer.from('nchen,site\nx'), Buffer.from([0xff, 0xfe]), Buffer.from(',site\n')]);
    const { text, warning } = decodeImportFile(bytes, 'latin1.csv');
    expect(text).toBe('name,class\nM\uFFFDnchen,site\nx\uFFFD\uFFFD,site\n');
    expect(warning).toBe('latin1.csv is not valid UTF-8: 3 invalid byte sequences (the first at byte 12, line 2) were read as U+FFFD; save it as UTF-8 and import it again to keep those characters.');
  });
});
