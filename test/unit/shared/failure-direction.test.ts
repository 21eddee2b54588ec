import { describe, expect, it } from 'vitest';
import { stepEnds } from '../../../src/shared/failure-direction';
import type { PathStep } from '../../../src/shared/impact-types';

const step = (from: string, to: string, type: PathStep['type']): PathStep => ({ from, to, type, relationshipId: 'r', strength: 'hard' });

describe('stepEnds', () => {
  it('reads a failure path in the relationships’ direction: the API depends on the database, the API is part of Checkout', () => {
    // Blast radius of the database: db → api (depends_on), api → checkout (part_of).
    expect(stepEnds(step('db', 'api', 'depends_on'), 'failure')).toEqual({ source: 'api', target: 'db' });
    expect(stepEnds(step('api', 'checkout', 'part_of'), 'failure')).toEqual({ source: 'api', target: 'checkout' });
  });

  it('reads a dependencies path the same way: each step goes from the CI that stands on something to it', () => {
    // What Checkout stands on: checkout → api (the API is part of it), api → db (the API depends on it).
    expect(stepEnds(step('checkout', 'api', 'part_of'), 'dependency')).toEqual({ source: 'api', target: 'checkout' });
    expect(stepEnds(step('api', 'db', 'depends_on'), 'dependency')).toEqual({ source: 'api', target: 'db' });
  });
});
