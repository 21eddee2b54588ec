// Exports in steps (src/core/steps): a large export pauses every STEP_SLICE items so the service
// can answer other calls, and the text it ends with is exactly what one pass would write.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  ciTable,
  neutralizeCell,
  snapshotDocument,
  tableToCsv,
  TEXT_EXPORT_FORMATS,
  writeTextExport,
  writeTextExportSteps,
} from '../../../../../src/core/formats/export';
import { STEP_SLICE } from '../../../../../src/core/steps';
import type { Ci, Relationship } from '../../../../../src/shared/model';
import { FIXTURE_CIS, FIXTURE_RELATIONSHIPS } from './fixture';

/** `count` CIs cycling through the awkward fixture CIs (new ids), and a chain of relationships between them. */
function bigScope(count: number): { cis: Ci[]; relationships: Relationship[] } {
  const cis = Array.from({ length: count }, (_, i) => ({ ...FIXTURE_CIS[i % FIXTURE_CIS.length], id: `ci_${String(i).padStart(6, '0')}` }));
  const relationships = cis.slice(1).map((ci, i): Relationship => ({ ...FIXTURE_RELATIONSHIPS[i % FIXTURE_RELATIONSHIPS.length], id: `rel_${i}`, source: ci.id, target: cis[i].id }));
  return { cis, relationships };
}

function drain<T>(steps: Generator<void, T, void>): { pauses: number; value: T } {
  let pauses = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { pauses, value: step.value };
    pauses++;
  }
}

describe('exports in steps', () => {
  const scope = bigScope(2 * STEP_SLICE + 7);

  it.each(TEXT_EXPORT_FORMATS)('%s pauses at least once per STEP_SLICE items and writes what one pass writes', (format) => {
    const { pauses, value } = drain(writeTextExportSteps(format, scope));
    expect(pauses).toBeGreaterThanOrEqual(2);
    expect(value).toEqual(writeTextExport(format, scope));
  });

  it('JSON in slices is byte for byte JSON.stringify(document, null, 2), also with empty lists and nested settings', () => {
    const settings = { b: { list: [1, 'two', { three: 3 }] }, a: 'x' };
    for (const s of [scope, { cis: scope.cis.slice(0, 1), relationships: [] }, { cis: [], relationships: [] }]) {
      const [file] = writeTextExport('json', s, { json: { settings, journalSeq: 7 } });
      expect(file.content).toBe(`${JSON.stringify(snapshotDocument(s, { settings, journalSeq: 7 }), null, 2)}\n`);
      expect(JSON.parse(file.content)).toEqual(snapshotDocument(s, { settings, journalSeq: 7 }));
    }
  });

  it('CSV in slices is the same text as one papaparse pass over the whole table', () => {
    const table = ciTable(scope);
    const cell = (c: string | number | boolean | null) => (c === null ? '' : typeof c === 'string' ? neutralizeCell(c) : String(c));
    const onePass = Papa.unparse(
      { fields: table.columns.map(neutralizeCell), data: table.rows.map((row) => row.map(cell)) },
      { newline: '\r\n', quotes: false, escapeFormulae: false, header: true },
    );
    expect(tableToCsv(table)).toBe(`${onePass}\r\n`);
  });
});
