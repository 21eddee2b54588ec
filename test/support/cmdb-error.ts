// The CmdbError a core call throws (the test fails when it throws nothing, or something else).
import { CmdbError } from '../../src/core/graph/errors';

export function cmdbErrorOf(run: () => unknown): CmdbError {
  try {
    run();
  } catch (error) {
    if (error instanceof CmdbError) return error;
    throw error;
  }
  throw new Error('expected a CmdbError');
}
