// The core's environment in a Node process: wall-clock ISO time and random ids.
import { randomUUID } from 'node:crypto';
import type { CmdbEnvironment } from '../../core/graph/cmdb';

/** Ids look like `ci_3f9a0c1b2d4e5f60`: the prefix and the first 16 hex digits of a random UUID. */
export function nodeEnvironment(actor: string): CmdbEnvironment {
  return {
    actor,
    now: () => new Date().toISOString(),
    newId: (prefix) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
  };
}
