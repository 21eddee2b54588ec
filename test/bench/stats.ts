// Small helpers for the benchmark: timing, percentiles, memory, and aligned tables.
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
  total: number;
}

/** Nearest-rank percentiles of a list of durations (ms). */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, p50: NaN, p95: NaN, max: NaN, mean: NaN, total: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  const total = sorted.reduce((a, b) => a + b, 0);
  return { count: sorted.length, p50: rank(50), p95: rank(95), max: sorted[sorted.length - 1], mean: total / sorted.length, total };
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

export function median(values: readonly number[]): number {
  return summarize(values).p50;
}

export function time<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

/** Process CPU time (user + system, all threads) between two readings, in ms. */
export function cpuMs(from: NodeJS.CpuUsage, to: NodeJS.CpuUsage): number {
  return (to.user - from.user + to.system - from.system) / 1000;
}

export interface Runs<T> {
  /** The last run's result. */
  value: T;
  /** Wall clock of each run. */
  ms: number[];
  /** Process CPU time of each run. */
  cpu: number[];
}

/**
 * `fn` run `repeats` times in a row. Every method of a benchmark is measured this way, so none
 * runs in the cache another one left behind.
 */
export function timedRuns<T>(fn: () => T, repeats: number): Runs<T> {
  const ms: number[] = [];
  const cpu: number[] = [];
  let value!: T;
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const run = time(fn);
    cpu.push(cpuMs(c0, process.cpuUsage()));
    ms.push(run.ms);
    value = run.value;
  }
  return { value, ms, cpu };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/** Runs `fn` while watching the event loop; returns its result and the longest stall seen (ms). */
export async function withLoopMonitor<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; longestBlockMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  histogram.disable();
  // The histogram reports delays in ns beyond the 1 ms sampling interval.
  return { value, ms, longestBlockMs: histogram.count > 0 ? histogram.max / 1e6 : ms };
}

type GcFunction = () => void;
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: GcFunction }).gc;
  if (gc) {
    gc();
    gc();
  }
}

export function heapUsedMb(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 1048576;
}

/** Heap plus ArrayBuffers (typed-array indexes live outside the JS heap). */
export function memoryMb(): { heap: number; arrayBuffers: number; rss: number } {
  collectGarbage();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / 1048576, arrayBuffers: m.arrayBuffers / 1048576, rss: m.rss / 1048576 };
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

export function fmtMb(mb: number): string {
  return `${mb.toFixed(0)} MB`;
}

export function fmtRatio(x: number): string {
  if (!Number.isFinite(x)) return '–';
  return x >= 10 ? `${x.toFixed(0)}×` : `${x.toFixed(2)}×`;
}

export function fmtCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Prints rows as an aligned table; the first row is the header. */
export function printTable(title: string, rows: readonly (readonly string[])[]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
}
