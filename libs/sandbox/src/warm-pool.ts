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
  private readonly dropping = new Set<Promise<void>>();

  constructor(
    readonly capacity: number,
    private readonly discard: (item: T) => void,
  ) {}

  get size(): number {
    return this.entries.length;
  }

  /** The oldest of this kind (ready, or still being made), or null when there is none. */
  take(kind: string): Promise<T | null> | null {
    const index = this.entries.findIndex((e) => e.kind === kind);
    if (index < 0) return null;
    return this.entries.splice(index, 1)[0].item;
  }

  /** `item` never rejects: a thing that could not be made is null. */
  add(kind: string, item: Promise<T | null>): void {
    this.entries.push({ kind, item });
    while (this.entries.length > this.capacity) {
      const dropped = this.drop(this.entries.shift()!.item);
      this.dropping.add(dropped);
      void dropped.finally(() => this.dropping.delete(dropped));
    }
  }

  /** Empties the pool: each thing goes to `discard` once made. Resolves when all are made and discarded. */
  async drain(): Promise<void> {
    await Promise.all([...this.entries.splice(0).map((e) => this.drop(e.item)), ...this.dropping]);
  }

  /** Resolves once everything in the pool now is made (or failed), and what was pushed out discarded. */
  async settled(): Promise<void> {
    await Promise.all([...this.entries.map((e) => e.item), ...this.dropping]);
  }

  private async drop(item: Promise<T | null>): Promise<void> {
    const made = await item;
    if (made !== null) this.discard(made);
  }
}
