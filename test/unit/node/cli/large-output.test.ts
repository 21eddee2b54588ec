// Output of 300k rows: nothing spreads an unbounded array into a call's arguments (which
// overflows the stack at about 150k: `Math.max(...rows)` once crashed `faultline list`).
import { describe, expect, it } from 'vitest';
import { formatTable } from '../../../../src/node/cli/support';
import { diffText } from '../../../../src/node/cli/commands/diff';
import { planText } from '../../../../src/node/cli/commands/import';
import type { CmdbDiff } from '../../../../src/shared/data-types';
import type { ImportPlan } from '../../../../src/shared/data-types';
import { ci } from '../storage/helpers';

const N = 300_000;

describe('CLI output at 300k rows', () => {
  it('formatTable pads 300k rows to the widest cell', () => {
    const rows = Array.from({ length: N }, (_, i) => [`ci_${i}`, i === N - 1 ? 'the longest name of all' : 'x']);
    const table = formatTable(['ID', 'NAME'], rows);
    const lines = table.split('\n');
    expect(lines).toHaveLength(N + 1);
    expect(lines[0]).toBe(`ID${' '.repeat(`ci_${N - 1}`.length - 2)}  NAME`);
  });

  it('diff lists 300k added CIs', () => {
    const added = Array.from({ length: N }, (_, i) => ci(`ci_${i}`));
    const counts = { added: N, removed: 0, changed: 0, unchanged: 0 };
    const diff: CmdbDiff = {
      cis: { added, removed: [], changed: [] },
      relationships: { added: [], removed: [], changed: [] },
      records: {},
      counts: { cis: counts, relationships: { ...counts, added: 0 }, records: {} },
    };
    const text = diffText(diff, 'a', 'b');
    expect(text.split('\n').filter((line) => line.startsWith('+ CI '))).toHaveLength(N);
  });

  it('an import preview with 300k warnings prints the first and counts the rest', () => {
    const counts = { create: 0, update: 0, unchanged: 0, rejected: 0 };
    const plan = {
      counts: { cis: counts, relationships: counts, changes: counts, incidents: counts, problems: counts },
      cis: { create: [], update: [], unchanged: [], rejected: [] },
      relationships: { create: [], update: [], unchanged: [], rejected: [] },
      changes: { create: [], update: [], unchanged: [], rejected: [] },
      incidents: { create: [], update: [], unchanged: [], rejected: [] },
      problems: { create: [], update: [], unchanged: [], rejected: [] },
      warnings: Array.from({ length: N }, (_, i) => `warning ${i}`),
      leftOut: { unreadableEntities: 0, danglingReferences: 0, unreadFields: [], likelyTruncated: false, hiddenSecrets: 0 },
    } as unknown as ImportPlan;
    // The text lists the first 50 and counts the rest (--json lists them all).
    const lines = planText(plan).split('\n');
    expect(lines.filter((line) => line.startsWith('  warning '))).toHaveLength(50);
    expect(lines.at(-1)).toBe(`  … and ${N - 50} more (--json lists them all)`);
  });
});
