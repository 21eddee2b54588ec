// A full CI with test defaults, for unit tests.
import type { Ci } from '../../src/shared/model';

export const FIXED_TIME = '2025-01-01T00:00:00.000Z';

export function ci(id: string, name = id, overrides: Partial<Ci> = {}): Ci {
  return {
    id,
    name,
    class: 'application',
    environment: 'production',
    criticality: 3,
    owner: '',
    status: 'live',
    tags: [],
    attributes: {},
    externalIds: {},
    createdAt: FIXED_TIME,
    updatedAt: FIXED_TIME,
    ...overrides,
  };
}
