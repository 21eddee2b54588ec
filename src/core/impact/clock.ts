// A monotonic clock for `elapsedMs` that needs neither DOM nor Node types: tsconfig.core has
// neither, so `performance` is reached through globalThis with a one-method local type.
interface PerformanceLike {
  now(): number;
}

const performanceClock = (globalThis as { performance?: PerformanceLike }).performance;

export function nowMs(): number {
  return performanceClock ? performanceClock.now() : Date.now();
}

export function elapsedSince(start: number): number {
  return Math.round((nowMs() - start) * 1000) / 1000;
}
