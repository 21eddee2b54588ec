// Packed whole-number columns and the one-pass id group check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCanonicalIdGroup } from '../../../../src/core/checkpoint/canonical';
import { MAX_PACKED, packInts, unpackInts } from '../../../../src/core/checkpoint/packed';
import { ID_PATTERN } from '../../../../src/shared/model';

describe('packed columns', () => {
  it('read back exactly what was packed, at the narrowest width', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(70), fc.nat(5000), fc.integer({ min: 0, max: MAX_PACKED })), { maxLength: 40 }), (values) => {
        const packed = packInts(values);
        expect(Array.from(unpackInts(packed) as Int32Array)).toEqual(values);
        const max = Math.max(0, ...values);
        expect(Number(packed[0])).toBe(max < 64 ? 1 : max < 64 ** 2 ? 2 : max < 64 ** 3 ? 3 : max < 64 ** 4 ? 4 : 5);
        expect(packed).toMatch(/^[1-5][A-Za-z0-9+/]*$/);
      }),
    );
    expect(packInts([])).toBe('1');
    expect(packInts([0, 1, 63, 64])).toBe('2AAABA/BA');
  });

  it('refuse what they cannot hold', () => {
    expect(() => packInts([MAX_PACKED + 1])).toThrow(/cannot pack/);
    expect(() => packInts([-1])).toThrow(/cannot pack/);
    expect(() => packInts([1.5])).toThrow(/cannot pack/);
  });

  it('say what is wrong with a bad column, and where', () => {
    expect(unpackInts(42)).toEqual({ error: 'expected a string of packed whole numbers, got 42', at: -1 });
    expect(unpackInts('')).toMatchObject({ at: -1 });
    expect(unpackInts('0AB')).toEqual({ error: 'expected a width digit from 1 to 5 first, got "0"', at: -1 });
    expect(unpackInts('2ABC')).toEqual({ error: 'expected groups of 2 digits, got 3 digits', at: -1 });
    expect(unpackInts('2ABA-')).toEqual({ error: '"-" is not a base-64 digit', at: 1 });
    expect(unpackInts('1Aé')).toEqual({ error: '"é" is not a base-64 digit', at: 1 });
  });
});

describe('isCanonicalIdGroup', () => {
  const idChar = fc.constantFrom(...'aZ09_.:- é/'.split(''));
  const id = fc.oneof(fc.string({ unit: idChar, minLength: 0, maxLength: 6 }), fc.constantFrom('x'.repeat(128), 'x'.repeat(129), '_x', 'x_'));

  it('accepts ids separated by single spaces exactly when each matches ID_PATTERN', () => {
    fc.assert(
      fc.property(fc.array(id, { minLength: 1, maxLength: 5 }), (ids) => {
        const group = ids.join(' ');
        expect(isCanonicalIdGroup(group)).toBe(group.split(' ').every((part) => ID_PATTERN.test(part)));
      }),
      { numRuns: 2000 },
    );
    expect(isCanonicalIdGroup('a b')).toBe(true);
    expect(isCanonicalIdGroup('a  b')).toBe(false);
    expect(isCanonicalIdGroup('a ')).toBe(false);
    expect(isCanonicalIdGroup('')).toBe(false);
  });
});
