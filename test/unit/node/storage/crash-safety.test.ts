// Crash safety: a child process edits a store in a loop and is killed with SIGKILL at
// random moments (while opening, while editing, while compacting) — and, after some kills,
// its journal is torn inside the unacknowledged edit as a power cut would; after every kill the
// document must open and hold every acknowledged edit. test/crash/run-crash-loop.ts runs
// the same loop 1,000 times and prints its figures.
import { describe, expect, it } from 'vitest';
import { runCrashLoop } from '../../../crash/crash-harness';

describe('crash safety', () => {
  it(
    'opens with every acknowledged edit after each of 200 SIGKILLs',
    async () => {
      const figures = await runCrashLoop({ kills: 200 });
      expect(figures.failures).toEqual([]);
      expect(figures.kills).toBe(200);
      expect(figures.acknowledgedEdits).toBeGreaterThan(200);
      // The kills landed where they matter: during open, with an edit in flight, during compaction.
      expect(figures.killedBeforeReady).toBeGreaterThan(0);
      expect(figures.killedInFlight).toBeGreaterThan(0);
      expect(figures.killedWhileCompacting).toBeGreaterThan(0);
      // Power-cut tears, simulated after some kills, were dropped on reopen.
      expect(figures.tornTailsSimulated).toBeGreaterThan(0);
      expect(figures.tornTailsDropped).toBeGreaterThanOrEqual(figures.tornTailsSimulated);
      expect(figures.historySegments).toBeGreaterThan(0);
    },
    15 * 60_000,
  );
});
