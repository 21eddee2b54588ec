// Lays out element sets in the worker, one job at a time, keeping only the newest waiting
// request, and caches positions per (node set, edge set, algorithm) key, in memory and in localStorage.
import { centresFromBoxes, type LayoutRequest, type Positions } from './layout-input';
import type { LayoutJob, LayoutReply } from './layout-protocol';
import { loadPositions, savePositions } from './layout-store';
import { measureLayout } from './perf-marks';

const CACHE_LIMIT = 24;

const WARM_UP: LayoutRequest = {
  key: 'warm-up',
  shapeSize: {},
  graph: {
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'layered' },
    children: [
      { id: 'a', width: 10, height: 10 },
      { id: 'b', width: 10, height: 10 },
    ],
    edges: [{ id: 'e', sources: ['a'], targets: ['b'] }],
  },
};

interface Waiting {
  request: LayoutRequest;
  resolve(positions: Positions | null): void;
  reject(error: Error): void;
}

export class LayoutEngine {
  private worker: Worker | null = null;
  private readonly cache = new Map<string, Positions>();
  private running: (Waiting & { jobId: number; postedAt: number }) | null = null;
  private waiting: Waiting | null = null;
  private nextJobId = 1;

  /** Positions for a key from memory, else from the previous sessions' store. */
  cached(key: string): Positions | null {
    const hit = this.cache.get(key) ?? loadPositions(key);
    if (!hit) return null;
    this.remember(key, hit);
    return hit;
  }

  private remember(key: string, positions: Positions): void {
    this.cache.delete(key);
    this.cache.set(key, positions);
    while (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
  }

  /** Resolves with positions, or with null when a newer request replaced this one before it ran. */
  layout(request: LayoutRequest): Promise<Positions | null> {
    const hit = this.cached(request.key);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      this.waiting?.resolve(null);
      this.waiting = { request, resolve, reject };
      this.pump();
    });
  }

  /** Starts the worker and runs a tiny layout so ELK's code is loaded and compiled before the first view arrives. */
  warmUp(): void {
    if (this.running || this.waiting || this.worker) return;
    const jobId = this.nextJobId++;
    this.running = { request: WARM_UP, resolve: () => undefined, reject: () => undefined, jobId, postedAt: performance.now() };
    this.ensureWorker().postMessage({ jobId, graph: WARM_UP.graph } satisfies LayoutJob);
  }

  get busy(): boolean {
    return this.running !== null || this.waiting !== null;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.waiting?.resolve(null);
    this.running?.resolve(null);
    this.waiting = null;
    this.running = null;
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (event: MessageEvent<LayoutReply>) => this.finish(event.data);
      this.worker.onerror = (event) => {
        event.preventDefault();
        this.finish({ jobId: this.running?.jobId ?? 0, ok: false, message: event.message || 'the layout worker failed' });
      };
    }
    return this.worker;
  }

  private pump(): void {
    if (this.running || !this.waiting) return;
    const next = this.waiting;
    this.waiting = null;
    const hit = this.cached(next.request.key);
    if (hit) {
      next.resolve(hit);
      return;
    }
    const jobId = this.nextJobId++;
    this.running = { ...next, jobId, postedAt: performance.now() };
    const job: LayoutJob = { jobId, graph: next.request.graph };
    this.ensureWorker().postMessage(job);
  }

  private finish(reply: LayoutReply): void {
    const job = this.running;
    if (!job || job.jobId !== reply.jobId) return;
    this.running = null;
    if (job.request === WARM_UP) {
      this.pump();
      return;
    }
    if (reply.ok) {
      measureLayout(job.postedAt, job.request.graph.children.length, job.request.graph.edges.length);
      const positions = centresFromBoxes(reply.boxes, job.request.shapeSize);
      this.remember(job.request.key, positions);
      savePositions(job.request.key, positions);
      job.resolve(positions);
    } else {
      job.reject(new Error(`Layout failed: ${reply.message}`));
    }
    this.pump();
  }
}
