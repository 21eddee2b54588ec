// Common cause's idle preparation: a slice at a time (at least one step each, within the budget
// otherwise), the tables and then the blast radii of the CIs sure to hurt the most services; a
// query after it settles none of those again and answers as an unprepared graph does; an edit
// starts it over for the new indexes.
import { describe, expect, it, vi } from 'vitest';
import { cmdbFromDocument } from '../../../../src/core/graph/load';
import type { Cmdb } from '../../../../src/core/graph';
import { commonCause, prepareCommonCause } from '../../../../src/core/incidents';
import type { Incident } from '../../../../src/shared/incidents';
import { generateSyntheticCmdb, mulberry32 } from '../../../support/synthetic-cmdb';
import { testEnv } from '../graph/test-env';

const settled = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../../src/core/impact', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../../src/core/impact')>();
  return {
    ...actual,
    settleImpact: (...args: Parameters<typeof actual.settleImpact>) => {
      settled.count++;
      return actual.settleImpact(...args);
    },
  };
});

function generated(): Cmdb {
  return cmdbFromDocument(generateSyntheticCmdb({ cis: 1500, seed: 11 }), [], testEnv());
}

function incidentsOn(cmdb: Cmdb, count: number): Incident[] {
  const random = mulberry32(3);
  const services = [...cmdb.graph.cis()].filter((c) => c.class === 'business_service' || c.class === 'technical_service');
  expect(services.length).toBeGreaterThanOrEqual(count);
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(services[Math.floor(random() * services.length)].id);
  return [...chosen].map((id) => cmdb.createRecord('incident', { title: `down: ${id}`, affectedCiIds: [id] }).record as Incident);
}

/** Slices of one step each (a clock that never moves, no budget) until done: how many, and the blast radii settled. */
function prepareStepByStep(cmdb: Cmdb, atLeastServices: number): { slices: number; settles: number } {
  const before = settled.count;
  let slices = 0;
  while (prepareCommonCause(cmdb.graph, { budgetMs: 0, now: () => 0, atLeastServices })) slices++;
  return { slices: slices + 1, settles: settled.count - before };
}

describe('preparing common cause', () => {
  it('takes one step per slice, the tables first, then the CIs that hurt many services, and ends', () => {
    const cmdb = generated();
    const { slices, settles } = prepareStepByStep(cmdb, 5);
    // Four tables, then one blast radius per step.
    expect(settles).toBeGreaterThan(10);
    expect(slices).toBe(4 + settles);
    expect(prepareCommonCause(cmdb.graph, { budgetMs: 0, now: () => 0, atLeastServices: 5 })).toBe(false);
  });

  it('does the whole of it in one slice when the budget allows', () => {
    const cmdb = generated();
    let t = 0;
    expect(prepareCommonCause(cmdb.graph, { budgetMs: 1e9, now: () => t++, atLeastServices: 5 })).toBe(false);
  });

  it('spares the query the blast radii it prepared and changes no answer', () => {
    const prepared = generated();
    const plain = generated();
    const incidents = incidentsOn(prepared, 8);
    const same = incidentsOn(plain, 8);
    prepareStepByStep(prepared, 5);
    let before = settled.count;
    const answer = commonCause(prepared.graph, incidents);
    const preparedSettles = settled.count - before;
    before = settled.count;
    const expected = commonCause(plain.graph, same);
    const plainSettles = settled.count - before;
    expect(answer.candidates).toEqual(expected.candidates);
    expect(preparedSettles).toBeLessThan(plainSettles);
  });

  it('starts over after an edit, for the new indexes', () => {
    const cmdb = generated();
    prepareStepByStep(cmdb, 5);
    const [first] = cmdb.graph.cis();
    cmdb.updateCi(first.id, { name: 'renamed' });
    expect(prepareStepByStep(cmdb, 5).settles).toBeGreaterThan(10);
  });
});
