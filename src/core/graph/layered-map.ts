// An id → item map that starts as an array with its id index (a checkpoint just read) and
// records changes on top, so opening a graph of 100k CIs and 300k relationships builds no
// Map of them. It behaves as a Map keyed by id, iteration order included: a replaced item
// keeps its place, a deleted one is gone, one added (or added again after a delete) comes last.

export class LayeredMap<T extends { readonly id: string }> {
  private readonly base: readonly T[];
  private readonly baseIndex: ReadonlyMap<string, number>;
  /** Per base position: undefined while as in `base`, null once deleted, else the replacement. Allocated on the first change. */
  private changed: (T | null | undefined)[] | null = null;
  private baseLive: number;
  /** Items whose id is not live in `base`, in insertion order. */
  private readonly added = new Map<string, T>();

  /** `baseIndex` maps the id of each item of `base` to its position (ids unique); neither is changed here. */
  constructor(base: readonly T[] = [], baseIndex: ReadonlyMap<string, number> = new Map()) {
    this.base = base;
    this.baseIndex = baseIndex;
    this.baseLive = base.length;
  }

  get size(): number {
    return this.baseLive + this.added.size;
  }

  get(id: string): T | undefined {
    const item = this.added.get(id);
    if (item !== undefined) return item;
    const p = this.baseIndex.get(id);
    if (p === undefined) return undefined;
    const change = this.changed?.[p];
    return change === undefined ? this.base[p] : (change ?? undefined);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  set(item: T): void {
    const id = item.id;
    if (this.base.length > 0 && !this.added.has(id)) {
      const p = this.baseIndex.get(id);
      if (p !== undefined && this.changed?.[p] !== null) {
        this.change(p, item);
        return;
      }
    }
    this.added.set(id, item);
  }

  delete(id: string): boolean {
    if (this.added.delete(id)) return true;
    const p = this.baseIndex.get(id);
    if (p === undefined || this.changed?.[p] === null) return false;
    this.change(p, null);
    this.baseLive--;
    return true;
  }

  /** Like a Map's: changes made while iterating are seen (a deleted item is skipped, an added one comes last). */
  values(): IterableIterator<T> {
    return this.base.length === 0 ? this.added.values() : this.layeredValues();
  }

  private *layeredValues(): IterableIterator<T> {
    const base = this.base;
    for (let p = 0; p < base.length; p++) {
      const change = this.changed?.[p];
      if (change === undefined) yield base[p];
      else if (change !== null) yield change;
    }
    yield* this.added.values();
  }

  private change(p: number, item: T | null): void {
    if (this.changed === null) this.changed = new Array<T | null | undefined>(this.base.length);
    this.changed[p] = item;
  }
}
