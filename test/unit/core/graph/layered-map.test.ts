// IdIndex answers as a Map of ids to positions would; LayeredMap behaves as a Map keyed by id,
// iteration order included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdIndex } from '../../../../src/core/graph/id-index';
import { LayeredMap } from '../../../../src/core/graph/layered-map';

interface Item {
  id: string;
  v: number;
}

const ID_POOL = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

describe('IdIndex', () => {
  it('maps each id to its position and finds the first repeat', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 60 }), (ids) => {
        const built = IdIndex.build(ids);
        const repeat = ids.findIndex((id, i) => ids.indexOf(id) !== i);
        if (repeat >= 0) {
          expect(built).toEqual({ duplicateAt: repeat });
          return;
        }
        const index = built as IdIndex;
        expect(index.size).toBe(ids.length);
        ids.forEach((id, i) => expect(index.get(id)).toBe(i));
        expect(index.get('not-there-at-all')).toBeUndefined();
        expect([...index]).toEqual(ids.map((id, i) => [id, i]));
        expect([...index.keys()]).toEqual(ids);
        expect([...index.values()]).toEqual(ids.map((_, i) => i));
      }),
    );
    expect(() => IdIndex.of(['x', 'y', 'x'])).toThrow(/duplicate id x/);
  });
});

describe('LayeredMap', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), id: fc.constantFrom(...ID_POOL), v: fc.nat(9) }),
    fc.record({ kind: fc.constant('delete' as const), id: fc.constantFrom(...ID_POOL) }),
  );

  it('behaves as a Map keyed by id over any base, through sets and deletes', () => {
    fc.assert(
      fc.property(fc.subarray(ID_POOL), fc.array(op, { maxLength: 30 }), (baseIds, ops) => {
        const base: Item[] = baseIds.map((id) => ({ id, v: -1 }));
        const layered = new LayeredMap<Item>(base, IdIndex.of(baseIds));
        const reference = new Map<string, Item>(base.map((item) => [item.id, item]));
        for (const o of ops) {
          if (o.kind === 'set') {
            const item = { id: o.id, v: o.v };
            layered.set(item);
            reference.set(o.id, item);
          } else {
            expect(layered.delete(o.id)).toBe(reference.delete(o.id));
          }
          expect(layered.size).toBe(reference.size);
          expect([...layered.values()]).toEqual([...reference.values()]);
          for (const id of ID_POOL) {
            expect(layered.get(id)).toBe(reference.get(id));
            expect(layered.has(id)).toBe(reference.has(id));
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('sees changes made while it is being iterated, as a Map iterator does', () => {
    const base: Item[] = ['a', 'b', 'c', 'd'].map((id) => ({ id, v: 0 }));
    const layered = new LayeredMap<Item>(base, IdIndex.of(['a', 'b', 'c', 'd']));
    const reference = new Map<string, Item>(base.map((item) => [item.id, item]));
    const walk = (map: { values(): IterableIterator<Item>; delete(id: string): boolean; set(item: Item): void }) => {
      const seen: string[] = [];
      for (const item of map.values()) {
        seen.push(`${item.id}${item.v}`);
        if (item.id === 'a') {
          map.delete('c');
          map.set({ id: 'b', v: 1 });
          map.set({ id: 'e', v: 2 });
        }
      }
      return seen;
    };
    expect(walk({ values: () => layered.values(), delete: (id) => layered.delete(id), set: (item) => layered.set(item) })).toEqual(
      walk({ values: () => reference.values(), delete: (id) => reference.delete(id), set: (item) => reference.set(item.id, item) }),
    );
  });
});
