// Import planning driven in slices on an event loop (see planImportSteps in src/core/reconcile).
import type { ImportBatch } from '../../core/formats/import';
import type { CmdbGraph } from '../../core/graph/cmdb-graph';
import { planImportSteps } from '../../core/reconcile';
import type { ImportPlan } from '../../shared/data-types';
import { yieldToEventLoop } from '../storage/fs-util';

/** Longest stretch planning runs before it lets the event loop answer other calls. */
export const PLAN_BLOCK_MS = 10;

/**
 * planImport driven in slices: between slices taking more than PLAN_BLOCK_MS together, the event
 * loop answers other calls (progress polls, views), so a 100k-row import never blocks the
 * service (or Electron's main process) for the whole of its planning.
 */
export async function planInSlices(graph: CmdbGraph, batch: ImportBatch): Promise<ImportPlan> {
  const steps = planImportSteps(graph, batch);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= PLAN_BLOCK_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
}
