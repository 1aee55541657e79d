/**
 * A Map whose changes can be staged during a database transaction and applied only once it commits, so
 * the writer's in-memory state never runs ahead of what is on disk.
 */
const DELETED = Symbol('deleted');

/** A Map with a pending overlay: `commit()` applies it, `rollback()` discards it. */
export class StagedMap<K, V> {
  private readonly base = new Map<K, V>();
  private readonly overlay = new Map<K, V | typeof DELETED>();

  /** The staged value if any, else the committed one. */
  get(key: K): V | undefined {
    const staged = this.overlay.get(key);
    if (staged === DELETED) return undefined;
    return staged ?? this.base.get(key);
  }

  /** Stages a set. */
  set(key: K, value: V): void {
    this.overlay.set(key, value);
  }

  /** Stages a delete. */
  delete(key: K): void {
    this.overlay.set(key, DELETED);
  }

  /** Applies the staged changes. */
  commit(): void {
    for (const [key, value] of this.overlay) {
      if (value === DELETED) this.base.delete(key);
      else this.base.set(key, value);
    }
    this.overlay.clear();
  }

  /** Discards the staged changes. */
  rollback(): void {
    this.overlay.clear();
  }

  /** Number of committed entries. */
  get size(): number {
    return this.base.size;
  }

  /** Committed entries. */
  values(): IterableIterator<V> {
    return this.base.values();
  }
}
