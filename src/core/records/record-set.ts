// The records of the kinds stored as records (everything but CIs and relationships), by kind
// and id. Records are immutable values: put replaces, nothing is edited in place, so a
// snapshot can share them.
import type { KindRecord } from '../../shared/record-kinds';

export class RecordSet {
  private readonly byKind = new Map<string, Map<string, KindRecord>>();

  constructor(records: Readonly<Record<string, readonly KindRecord[]>> = {}) {
    for (const [kind, items] of Object.entries(records)) for (const item of items) this.put(kind, item);
  }

  get(kind: string, id: string): KindRecord | undefined {
    return this.byKind.get(kind)?.get(id);
  }

  has(kind: string, id: string): boolean {
    return this.byKind.get(kind)?.has(id) ?? false;
  }

  put(kind: string, record: KindRecord): void {
    let items = this.byKind.get(kind);
    if (!items) {
      items = new Map();
      this.byKind.set(kind, items);
    }
    items.set(record.id, record);
  }

  remove(kind: string, id: string): void {
    const items = this.byKind.get(kind);
    if (!items) return;
    items.delete(id);
    if (items.size === 0) this.byKind.delete(kind);
  }

  list(kind: string): IterableIterator<KindRecord> {
    return (this.byKind.get(kind) ?? new Map<string, KindRecord>()).values();
  }

  count(kind: string): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  /** Kinds holding at least one record. */
  kinds(): string[] {
    return [...this.byKind.keys()];
  }
}
