// Step generators (src/core/steps) driven on an event loop: import planning and exports.
import type { Steps } from '../../core/steps';
import { yieldToEventLoop } from '../storage/fs-util';

/** Longest stretch a step generator runs before the event loop may answer other calls. */
export const SLICE_BLOCK_MS = 10;

/**
 * Runs steps to the end, giving the event loop a turn whenever the slices since the last turn
 * took SLICE_BLOCK_MS: progress polls and views are answered meanwhile, and neither the service
 * nor Electron's main process blocks for the whole of a 100k-CI import plan or export.
 */
export async function runInSlices<T>(steps: Steps<T>): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= SLICE_BLOCK_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
}
