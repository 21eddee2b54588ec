// What the import dialog's progress bar says in each phase: before the importer reports, that the
// file is on its way (with its size), then parsing, collecting, matching.
import { describe, expect, it } from 'vitest';
import { progressLabel } from '../../../src/renderer/data/import-progress-label';

describe('progressLabel', () => {
  it('says the file is being sent, with its size, until the importer reports', () => {
    expect(progressLabel(null, 150 * 1024 * 1024)).toBe('Sending 150.0 MB to the importer…');
    expect(progressLabel({ phase: 'unknown' }, 2048)).toBe('Sending 2.0 KB to the importer…');
    expect(progressLabel({ phase: 'starting' })).toBe('Sending the file to the importer…');
  });

  it('names each phase of the importer', () => {
    expect(progressLabel({ phase: 'parsing', unit: 'rows' }, 10)).toBe('Parsing rows…');
    expect(progressLabel({ phase: 'parsing', unit: 'bytes' }, 10)).toBe('Reading the file…');
    expect(progressLabel({ phase: 'receiving' }, 10)).toBe('Collecting the parsed items…');
    expect(progressLabel({ phase: 'planning' }, 10)).toBe('Matching against the CMDB…');
  });
});
