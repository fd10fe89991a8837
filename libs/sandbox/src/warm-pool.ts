import { BackgroundWork } from './background-work';

/**
 * Things made ahead of need, by kind (the docker engine's box containers by image, size and mounts; the namespace
 * engine's boxes by size and mounts), at most `capacity` of them at once, counting those still being made. Taking
 * one hands it out for good: nothing is ever put back once used. When the pool is full, a new one pushes out the
 * oldest, which goes to `discard`.
 */
export class WarmPool<T> {
  /** Oldest first; each is a promise of a thing, or of null when making it failed. */
  private readonly entries: { kind: string; item: Promise<T | null> }[] = [];
  /** Pushed out, and going to `discard` once made. */
  private readonly dropping = new BackgroundWork();
  /** Made and never handed out (in the pool, or pushed out of it). */
  private readonly unclaimed = new Set<T>();

  constructor(
    readonly capacity: number,
    private readonly discard: (item: T) => void,
  ) {}

  get size(): number {
    return this.entries.length;
  }

  /** What is made and waiting in the pool, or pushed out and not yet discarded. */
  get waiting(): T[] {
    return [...this.unclaimed];
  }

  /** The oldest of this kind (ready, or still being made), or null when there is none. */
  take(kind: string): Promise<T | null> | null {
    const index = this.entries.findIndex((e) => e.kind === kind);
    if (index < 0) return null;
    return this.entries.splice(index, 1)[0].item.then((item) => {
      if (item !== null) this.unclaimed.delete(item);
      return item;
    });
  }

  /** `item` never rejects: a thing that could not be made is null. */
  add(kind: string, item: Promise<T | null>): void {
    void item.then((made) => made !== null && this.unclaimed.add(made));
    this.entries.push({ kind, item });
    while (this.entries.length > this.capacity) this.dropping.add(this.drop(this.entries.shift()!.item));
  }

  /**
   * Whether a thing that is going away was used: false for one the pool made and never handed out (pushed out,
   * or drained), which needs no replacement; the pool forgets it either way.
   */
  used(item: T): boolean {
    return !this.unclaimed.delete(item);
  }

  /** Empties the pool: each thing goes to `discard` once made. Resolves when all are made and discarded. */
  async drain(): Promise<void> {
    await Promise.all([...this.entries.splice(0).map((e) => this.drop(e.item)), this.dropping.settled()]);
  }

  /** Resolves once everything in the pool now is made (or failed), and what was pushed out discarded. */
  async settled(): Promise<void> {
    await Promise.all([...this.entries.map((e) => e.item), this.dropping.settled()]);
  }

  private async drop(item: Promise<T | null>): Promise<void> {
    const made = await item;
    if (made !== null) this.discard(made);
  }
}
