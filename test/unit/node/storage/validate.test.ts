import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCanonicalCi, isCanonicalRelationship, validateDocument, validateVersion1 } from '../../../../src/node/storage';
import { CI_CLASSES, CiSchema, RELATIONSHIP_TYPES, RelationshipSchema } from '../../../../src/shared/model';
import { chainDocument, ci, rawColumns, rel } from './helpers';

// The fast path may only accept what zod accepts unchanged; these arbitraries mix valid
// values with near misses (untrimmed, too long, wrong type, unknown keys, bad dates).
/** Mostly valid values, sometimes a near miss: about a fifth of the generated CIs are valid. */
const mostly = <T>(valid: fc.Arbitrary<T>, nearMiss: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: valid as fc.Arbitrary<unknown>, weight: 12 }, { arbitrary: nearMiss, weight: 1 });
const okText = fc.oneof(fc.constantFrom('ok', 'Web front', 'x'.repeat(200), 'ünïcödé'), fc.string({ maxLength: 8 }).map((s) => s.trim()));
const badText = fc.constantFrom(' padded', 'tail ', 'x'.repeat(201), '\u00a0nbsp', 'tab\t', 42, null);
const name = mostly(okText.filter((s) => s.length > 0), fc.oneof(badText, fc.constant('')));
const text = mostly(okText, badText);
const id = mostly(fc.constantFrom('ci_1', 'a', 'A.b:c-d_e', 'x'.repeat(128), '9z'), fc.constantFrom('_bad', '', 'x'.repeat(129), 'sp ace', 7));
const time = mostly(
  fc.constantFrom('2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00Z', '2024-02-29T23:59:59.5+02:00'),
  fc.constantFrom('2023-02-29T00:00:00Z', '2024-01-01', '2024-01-01T00:00:00', '2024-13-01T00:00:00Z', 'yesterday', 0),
);
const stringMap = mostly(
  fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }).filter((k) => k !== '__proto__'), fc.string({ maxLength: 4 }), { maxKeys: 3 }),
  fc.constantFrom<unknown>([], null, 'map', { n: 1 }, { '': 'empty key' }, { ['k'.repeat(129)]: 'v' }, { k: 'v'.repeat(4001) }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const ciLike = fc.record(
  {
    id,
    name,
    class: mostly(fc.constantFrom(...CI_CLASSES), fc.constantFrom('toaster', '')),
    environment: text,
    criticality: mostly(fc.integer({ min: 1, max: 4 }), fc.constantFrom(0, 5, 1.5, '2')),
    owner: text,
    status: mostly(fc.constantFrom('planned', 'live', 'retired'), fc.constant('dead')),
    tags: mostly(fc.array(okText.filter((s) => s.length > 0 && s.length <= 64), { maxLength: 3 }), fc.constantFrom('tag', [''], [' t'], ['t'.repeat(65)])),
    attributes: stringMap,
    externalIds: stringMap,
    redundancy: maybe(mostly(fc.record({ minHealthy: fc.integer({ min: 1, max: 5 }) }), fc.constantFrom({ minHealthy: 0 }, { minHealthy: 2.5 }, { minHealthy: 1, extra: 1 }, 3))),
    createdAt: time,
    updatedAt: time,
    extra: fc.option(fc.constant('unknown key'), { nil: undefined, freq: 1 }),
  },
  { requiredKeys: ['id', 'name', 'class', 'environment', 'criticality', 'owner', 'status', 'tags', 'attributes', 'externalIds', 'createdAt', 'updatedAt'] },
);
const relLike = fc.record(
  {
    id,
    source: id,
    target: id,
    type: mostly(fc.constantFrom(...RELATIONSHIP_TYPES), fc.constant('likes')),
    strength: mostly(fc.constantFrom('hard', 'soft'), fc.constant('medium')),
    inferred: maybe(mostly(fc.boolean(), fc.constant('yes'))),
    extra: fc.option(fc.constant(1), { nil: undefined, freq: 1 }),
  },
  { requiredKeys: ['id', 'source', 'target', 'type', 'strength'] },
);

/** JSON round trip: what a checkpoint can actually contain (no undefined values). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('fast validation agrees with zod', () => {
  it('accepts a CI only when CiSchema accepts it unchanged', () => {
    let accepted = 0;
    fc.assert(
      fc.property(ciLike, (raw) => {
        const value = asJson(raw);
        if (isCanonicalCi(value)) {
          accepted++;
          const parsed = CiSchema.safeParse(value);
          expect(parsed.success).toBe(true);
          expect(parsed.data).toEqual(value);
        }
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(3000);
  });

  it('accepts a relationship only when RelationshipSchema accepts it unchanged', () => {
    let accepted = 0;
    fc.assert(
      fc.property(relLike, (raw) => {
        const value = asJson(raw);
        if (isCanonicalRelationship(value)) {
          accepted++;
          const parsed = RelationshipSchema.safeParse(value);
          expect(parsed.success).toBe(true);
          expect(parsed.data).toEqual(value);
        }
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(3000);
  });

  it('accepts the values a Cmdb produces', () => {
    expect(isCanonicalCi(ci('x', { redundancy: { minHealthy: 2 }, tags: [], attributes: {} }))).toBe(true);
    expect(isCanonicalRelationship(rel('r', 'a', 'b', { inferred: true }))).toBe(true);
  });

  it('leaves a version 1 document that zod would normalise to zod', () => {
    const doc = chainDocument(3);
    const raw = asJson({ ...doc, cis: [{ ...doc.cis[0], name: '  Padded  ' }, ...doc.cis.slice(1)], settings: undefined, junk: 1 }) as Record<string, unknown>;
    const validated = validateVersion1(raw, 'doc');
    expect(validated.cis[0].name).toBe('Padded');
    expect(validated.settings).toEqual({});
    expect(validated).not.toHaveProperty('junk');
  });

  it('rejects duplicate ids, self-loops and duplicate relationships in a version 1 document', () => {
    const doc = chainDocument(4);
    expect(() => validateVersion1(asJson({ ...doc, cis: [...doc.cis, doc.cis[1]] }) as Record<string, unknown>, 'd')).toThrow(/cis\[4\]\.id: duplicate CI id ci_1/);
    const sameId = { ...doc.relationships[0], type: 'runs_on' as const };
    expect(() => validateVersion1(asJson({ ...doc, relationships: [...doc.relationships, sameId] }) as Record<string, unknown>, 'd')).toThrow(
      /relationships\[3\]\.id: duplicate relationship id rel_0/,
    );
    const selfLoop = { ...doc.relationships[1], id: 'rel_self', target: doc.relationships[1].source };
    expect(() => validateVersion1(asJson({ ...doc, relationships: [selfLoop] }) as Record<string, unknown>, 'd')).toThrow(/relationships\[0\]\.target: .*to itself/);
    const dup = { ...doc.relationships[0], id: 'rel_other' };
    expect(() => validateVersion1(asJson({ ...doc, relationships: [...doc.relationships, dup] }) as Record<string, unknown>, 'd')).toThrow(
      /relationships\[3\]: duplicate depends_on relationship/,
    );
  });
});

describe('a version 2 document (columns) is judged as zod would judge its CIs', () => {
  const asCi = (raw: Record<string, unknown>): Record<string, unknown> => {
    // What columns can hold: the CI fields only, a string id (spaces separate ids), redundancy as { minHealthy }.
    const { extra: _extra, redundancy, ...fields } = raw;
    const id = typeof fields.id === 'string' ? fields.id.replace(/ /g, '_') : `n${String(fields.id)}`;
    const out: Record<string, unknown> = { ...fields, id };
    if (redundancy !== undefined) {
      out.redundancy = { minHealthy: typeof redundancy === 'object' && redundancy !== null ? (redundancy as { minHealthy?: unknown }).minHealthy : redundancy };
    }
    return out;
  };

  it('takes what zod returns for each CI, or names the first CI zod refuses and its field', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(ciLike, { maxLength: 5 }), (raws) => {
        const cis = raws.map((raw) => asCi(asJson(raw) as Record<string, unknown>));
        const file = asJson(rawColumns(cis)) as Record<string, unknown>;
        // The CIs as the file holds them (a JSON round trip turns an undefined table value into null).
        const stored = cis.map((_, i) => {
          const columns = file.cis as Record<string, { values?: unknown[] }>;
          const item: Record<string, unknown> = { id: cis[i].id, name: (file.cis as { name: unknown[] }).name[i] };
          for (const key of ['class', 'environment', 'criticality', 'owner', 'status', 'tags', 'attributes', 'externalIds']) item[key] = columns[key].values?.[i];
          if (cis[i].redundancy !== undefined) item.redundancy = asJson(cis[i].redundancy);
          item.createdAt = columns.createdAt.values?.[i];
          item.updatedAt = columns.updatedAt.values?.[i];
          return item;
        });
        const verdicts = stored.map((item) => CiSchema.safeParse(item));
        const refused = verdicts.findIndex((v) => !v.success);
        const ids = stored.map((c) => c.id);
        const repeated = ids.findIndex((id, i) => ids.indexOf(id) !== i);
        let result: ReturnType<typeof validateDocument> | null = null;
        let error: Error | null = null;
        try {
          result = validateDocument(file, 'doc');
        } catch (e) {
          error = e as Error;
        }
        if (refused >= 0) {
          const issue = (verdicts[refused] as { error: { issues: { path: PropertyKey[] }[] } }).error.issues[0];
          expect(error?.message).toContain(`doc: cis.${String(issue.path[0])}[${refused}]`);
        } else if (repeated >= 0) {
          expect(error?.message).toContain(`doc: cis.id[${repeated}]: duplicate CI id`);
        } else {
          accepted++;
          expect(error).toBeNull();
          expect(result?.document.cis).toEqual(verdicts.map((v) => v.data));
        }
      }),
      { numRuns: 1500 },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it('judges relationship values the same way', () => {
    const cis = [ci('a'), ci('b')];
    const judge = (type: unknown, strength: unknown, id: unknown = 'r1') =>
      validateDocument(asJson(rawColumns(cis, [{ id, source: 0, target: 1, type, strength }])) as Record<string, unknown>, 'doc');
    expect(judge('runs_on', 'soft').document.relationships).toEqual([{ id: 'r1', source: 'a', target: 'b', type: 'runs_on', strength: 'soft' }]);
    expect(() => judge('likes', 'hard')).toThrow(/doc: relationships\.type\[0\]: /);
    expect(() => judge('runs_on', 'medium')).toThrow(/doc: relationships\.strength\[0\]: /);
    expect(() => judge('runs_on', 'hard', '_bad')).toThrow(/doc: relationships\.id\[0\]: must be 1–128 characters/);
  });
});
