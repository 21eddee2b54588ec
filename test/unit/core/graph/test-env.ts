// A deterministic CmdbEnvironment for tests: a ticking clock and counting ids.
import type { CmdbEnvironment } from '../../../../src/core/graph';

export function testEnv(): CmdbEnvironment {
  let tick = 0;
  let ids = 0;
  return {
    now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)).toISOString(),
    newId: (prefix) => `${prefix}_${++ids}`,
    actor: 'test',
  };
}
