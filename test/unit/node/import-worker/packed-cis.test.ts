// CIs in columns between the import worker and the service: what is packed comes back equal,
// every optional field told apart from an absent one, and columns that do not fit are refused.
import { describe, expect, it } from 'vitest';
import type { ImportedCi } from '../../../../src/core/formats/import';
import { MalformedPartError, packCis, unpackCis } from '../../../../src/node/import-worker/packed-cis';

const full: ImportedCi = {
  key: 'sn1',
  system: 'servicenow',
  id: 'ci_web',
  name: 'Web 01',
  class: 'server',
  environment: '',
  criticality: 2,
  owner: 'team, 4',
  status: 'retired',
  tags: [],
  attributes: { rack: 'r1', '': 'empty key' },
  externalIds: { servicenow: 'sn1', csv: 'x' },
  redundancy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  sourceRef: { file: 'a.json', line: 3, row: 2, path: 'cis[0]', document: 0 },
};
const bare: ImportedCi = { key: 'db', system: 'csv', name: 'db', class: 'database', externalIds: {}, sourceRef: { file: 'a.csv' } };
const some: ImportedCi = { ...bare, key: 'k', tags: ['a', 'b', 'a'], redundancy: { minHealthy: 2 }, sourceRef: { file: 'a.csv', line: 9, row: 8 } };

describe('packCis / unpackCis', () => {
  it('gives back the same CIs, absent fields absent and empty ones empty', () => {
    const cis = [full, bare, some, bare];
    const packed = packCis(cis);
    expect(packed.strings.filter((s) => s === 'a.csv')).toHaveLength(1);
    const back = unpackCis(structuredClone(packed));
    expect(back).toEqual(cis);
    expect('tags' in back[1]).toBe(false);
    expect(back[0].tags).toEqual([]);
    expect(back[0].redundancy).toBeNull();
    expect('redundancy' in back[1]).toBe(false);
  });

  it('gives CIs with the same tags, or the same attributes, one frozen list to share', () => {
    const row = (key: string, rack: string): ImportedCi => ({ ...bare, key, tags: ['linux', 'prod'], attributes: { rack }, sourceRef: { file: 'a.csv', row: 2 } });
    const back = unpackCis(structuredClone(packCis([row('a', 'r1'), row('b', 'r1'), row('c', 'r2')])));
    expect(back[0].tags).toBe(back[1].tags);
    expect(back[2].tags).toBe(back[0].tags);
    expect(back[0].attributes).toBe(back[1].attributes);
    expect(back[2].attributes).toEqual({ rack: 'r2' });
    expect(back[2].attributes).not.toBe(back[0].attributes);
    expect(Object.isFrozen(back[0].tags) && Object.isFrozen(back[0].attributes)).toBe(true);
  });

  it('refuses an index outside the strings, an unknown class and a prototype key', () => {
    const packed = packCis([bare]);
    expect(() => unpackCis({ ...packed, strings: packed.strings.slice(0, 1) })).toThrow(MalformedPartError);
    expect(() => unpackCis({ ...packed, strings: packed.strings.map((s) => (s === 'database' ? 'toaster' : s)) })).toThrow(/class "toaster"/);
    const polluted = packCis([{ ...bare, externalIds: { x: 'y' } }]);
    expect(() => unpackCis({ ...polluted, strings: polluted.strings.map((s) => (s === 'x' ? '__proto__' : s)) })).toThrow(/__proto__/);
    expect(() => unpackCis({ ...packed, count: 2 })).toThrow(/one entry per CI/);
  });
});
