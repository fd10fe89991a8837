/**
 * Work that goes on after the call that started it has returned (removing a used box, emptying a run's group),
 * kept so that whoever must wait for it can: close() before it returns, a uid before it is given out again.
 * A failure is dropped here: the work itself is what reports it, or it was best effort.
 */
export class BackgroundWork {
  private readonly pending = new Set<Promise<void>>();

  get size(): number {
    return this.pending.size;
  }

  add(work: Promise<unknown>): void {
    const tracked = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  /** Resolves once the work under way now is done (work added meanwhile is not waited for). */
  async settled(): Promise<void> {
    await Promise.all(this.pending);
  }

  /** Resolves once no work is left, including work added while waiting. */
  async drained(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }
}
