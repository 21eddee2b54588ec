// Adds a large batch of elements to Cytoscape a chunk per animation frame. Cytoscape styles new
// elements at its next render, all at once: a 1,000-element view added in one go made one frame
// of half a second or more. Added a chunk a frame, each render styles one chunk and the page keeps
// answering. The elements come in as 'pending' (invisible until laid out), so the chunks do not show.
import type { Core, ElementDefinition } from 'cytoscape';

/** Elements of the first chunk; later chunks are sized from how long the last frame took. */
export const FEED_CHUNK = 80;
const MIN_CHUNK = 30;
const MAX_CHUNK = 600;
/** The frame time the chunks aim at (ms): a loaded machine gets smaller chunks. */
const FRAME_TARGET_MS = 50;

/** The page's animation frames (requestAnimationFrame), passed in so the feed runs headless in unit tests. */
export interface Frames {
  request(run: () => void): number;
  cancel(id: number): void;
  /** The page is hidden: no frame comes. */
  hidden(): boolean;
}

export interface FeedCallbacks {
  /** After each chunk is on the canvas (classes or selection that name its elements can be applied). */
  onChunk(): void;
  /** Feeding started (true) or everything queued is on the canvas (false). */
  onBusy(busy: boolean): void;
}

export class ElementFeed {
  /** Queued definitions by id, in the order they are added (nodes before the edges that need them). */
  private readonly queue = new Map<string, ElementDefinition>();
  private frame = 0;
  private chunk = FEED_CHUNK;
  /** When the last chunk went in (performance.now()). */
  private lastChunkAt = 0;
  /** onBusy(true) was told and onBusy(false) not yet. */
  private feeding = false;
  private drained: (() => void) | null = null;
  private drainTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly cy: Core,
    private readonly frames: Frames,
    private readonly callbacks: FeedCallbacks,
  ) {}

  /** Some elements are still queued. */
  get busy(): boolean {
    return this.queue.size > 0;
  }

  /**
   * Adds these elements: the first chunk now, the rest a chunk per frame (all now when the page is
   * hidden, where frames do not come). Edges must come after the nodes they join.
   */
  add(definitions: readonly ElementDefinition[]): void {
    if (definitions.length === 0) return;
    const wasBusy = this.busy;
    for (const def of definitions) this.queue.set(String(def.data.id), def);
    if (this.frames.hidden()) this.flush();
    // Already feeding: a frame is coming for these too.
    else if (!wasBusy) {
      this.chunk = FEED_CHUNK;
      this.next();
    }
    if (this.busy && !this.feeding) {
      this.feeding = true;
      this.callbacks.onBusy(true);
    }
  }

  /** Takes a queued element out of the queue; false when it is not queued (on the canvas, or unknown). */
  drop(id: string): boolean {
    const had = this.queue.delete(id);
    if (had) this.settleIfDrained();
    return had;
  }

  /** Replaces a queued element's data; false when it is not queued. */
  update(id: string, data: ElementDefinition['data']): boolean {
    const def = this.queue.get(id);
    if (!def) return false;
    def.data = data;
    return true;
  }

  /** Runs `then` once everything queued is on the canvas (now if nothing is); replaces an earlier wait. */
  whenDrained(then: () => void): void {
    clearTimeout(this.drainTimer);
    this.drained = null;
    if (!this.busy) then();
    else this.drained = then;
  }

  /** Adds everything still queued, now. */
  flush(): void {
    this.frames.cancel(this.frame);
    this.frame = 0;
    this.addNext(this.queue.size);
  }

  dispose(): void {
    this.frames.cancel(this.frame);
    this.frame = 0;
    this.queue.clear();
    this.feeding = false;
    this.drained = null;
    clearTimeout(this.drainTimer);
  }

  private next(): void {
    this.lastChunkAt = performance.now();
    this.addNext(this.chunk);
    if (this.busy && !this.frame) {
      this.frame = this.frames.request(() => {
        this.frame = 0;
        if (this.cy.destroyed()) return;
        this.resize(performance.now() - this.lastChunkAt);
        this.next();
      });
    }
  }

  /** From the time since the last chunk (mostly the render that styled it): the next chunk's size. */
  private resize(elapsed: number): void {
    const scale = Math.min(1.5, Math.max(0.5, FRAME_TARGET_MS / Math.max(1, elapsed)));
    this.chunk = Math.round(Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, this.chunk * scale)));
  }

  private addNext(count: number): void {
    const taken: ElementDefinition[] = [];
    for (const [id, def] of this.queue) {
      if (taken.length >= count) break;
      taken.push(def);
      this.queue.delete(id);
    }
    if (taken.length === 0) return;
    this.cy.batch(() => this.cy.add(taken));
    this.callbacks.onChunk();
    this.settleIfDrained();
  }

  private settleIfDrained(): void {
    if (this.busy) return;
    this.frames.cancel(this.frame);
    this.frame = 0;
    if (this.feeding) {
      this.feeding = false;
      this.callbacks.onBusy(false);
    }
    const then = this.drained;
    this.drained = null;
    // Not in the frame that added the last chunk (its render is still to come): a task of its own.
    if (then) this.drainTimer = setTimeout(then, 0);
  }
}
