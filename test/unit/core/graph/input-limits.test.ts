// What a user or an import may put into a CI: names without control characters, noncharacters
// or bidirectional overrides, and a bounded number and size of attributes, tags and external
// ids, each refused with a message naming the field. Stored documents are read as they are.
import { describe, expect, it } from 'vitest';
import { Cmdb, CmdbError, CmdbGraph } from '../../../../src/core/graph';
import { planImport } from '../../../../src/core/reconcile';
import { CI_LIMITS, CiSchema } from '../../../../src/shared/model';
import { testEnv } from './test-env';

function rejection(fn: () => unknown): CmdbError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CmdbError) return e;
    throw e;
  }
  throw new Error('expected a CmdbError, nothing was thrown');
}

const cmdb = () => {
  const c = new Cmdb(new CmdbGraph(), testEnv());
  c.createCi({ id: 'web', name: 'Web', class: 'application' });
  return c;
};

const manyAttributes = (count: number, size = 10) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v'.repeat(size)]));

describe('names', () => {
  for (const [what, name] of [
    ['NUL', 'a\u0000b'],
    ['a control character', 'bell\u0007'],
    ['a form feed', 'page\fbreak'],
    ['C1 control', 'x\u0085y'],
    ['U+FFFE', 'x\uFFFEy'],
    ['a right-to-left override', 'invoice\u202Efdp.exe'],
    ['a bidi isolate', 'a\u2067b'],
  ] as const) {
    it(`refuses ${what}`, () => {
      const c = cmdb();
      const err = rejection(() => c.createCi({ name, class: 'server' }));
      expect(err.field).toBe('name');
      expect(err.message).toMatch(/name: must not contain control characters/);
      expect(rejection(() => c.updateCi('web', { name })).field).toBe('name');
      expect(c.graph.ciCount).toBe(1);
    });
  }

  it('accepts ordinary Unicode, and line breaks (a name may span lines)', () => {
    expect(cmdb().createCi({ name: 'Zürich — 東京 ✓', class: 'site' }).ci.name).toBe('Zürich — 東京 ✓');
    expect(cmdb().createCi({ name: 'two\nlines', class: 'site' }).ci.name).toBe('two\nlines');
  });
});

describe('attributes, tags and external ids', () => {
  it('refuses more attributes than the limit, or more text than the limit, naming the field', () => {
    const c = cmdb();
    expect(rejection(() => c.createCi({ name: 'x', class: 'server', attributes: manyAttributes(CI_LIMITS.attributes + 1) })).message).toMatch(
      new RegExp(`attributes: at most ${CI_LIMITS.attributes} attributes`),
    );
    expect(rejection(() => c.updateCi('web', { attributes: manyAttributes(2_000, 4_000) })).field).toBe('attributes');
    const big = Math.ceil(CI_LIMITS.attributeCharacters / 4_000) + 1;
    expect(rejection(() => c.createCi({ name: 'x', class: 'server', attributes: manyAttributes(big, 4_000) })).message).toMatch(/attributes: at most .* characters in all/);
    expect(c.createCi({ name: 'ok', class: 'server', attributes: manyAttributes(CI_LIMITS.attributes) }).ci.name).toBe('ok');
  });

  it('refuses too many tags or external ids', () => {
    const c = cmdb();
    const tags = Array.from({ length: 100_000 }, (_, i) => `t${i}`);
    expect(rejection(() => c.createCi({ name: 'x', class: 'server', tags })).message).toMatch(new RegExp(`tags: at most ${CI_LIMITS.tags} tags`));
    expect(rejection(() => c.updateCi('web', { externalIds: manyAttributes(CI_LIMITS.externalIds + 1) })).field).toBe('externalIds');
  });

  it('an import row over a limit is rejected in the preview, so applying cannot fail', () => {
    const c = cmdb();
    const plan = planImport(c.graph, {
      format: 'csv-cis',
      cis: [
        { key: 'web', system: 'test', name: 'Web', class: 'application', externalIds: {}, attributes: manyAttributes(CI_LIMITS.attributes + 5), sourceRef: { file: 'in.csv', row: 2 } },
        { key: 'new', system: 'test', name: 'evil\u202Etxt', class: 'server', externalIds: {}, sourceRef: { file: 'in.csv', row: 3 } },
      ],
      relationships: [],
      rejected: [],
      warnings: [],
    });
    expect(plan.cis.rejected.map((r) => [r.row, r.field])).toEqual([
      [2, 'attributes'],
      [3, 'name'],
    ]);
  });

  it('a stored CI over the limits is still read (limits apply to what comes in)', () => {
    const stored = { id: 'x', name: 'legacy\u0007', class: 'server', environment: '', criticality: 3, owner: '', status: 'live', tags: [], attributes: manyAttributes(CI_LIMITS.attributes + 1), externalIds: {}, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
    expect(CiSchema.safeParse(stored).success).toBe(true);
  });
});
