// Long pure computations written as step generators: they pause (yield) every so many items,
// so that a caller with an event loop (the service, Electron's main process) can answer other
// calls between slices, while callers without one run them straight through with runSteps.
export type Steps<T> = Generator<void, T, void>;

/** Items handled between two pauses of a step generator. */
export const STEP_SLICE = 2_000;

/** Runs steps to the end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
