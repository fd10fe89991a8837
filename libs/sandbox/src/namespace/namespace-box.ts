import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { RunResult, RunSpec } from '../types';
import { HostBox } from '../host-box';
import type { AllocatedBox } from './box-allocator';
import type { NamespaceEngine } from './namespace-engine';

/** Where a box's folder and its /tmp are inside the sandbox. */
export const SANDBOX_BOX = '/box';
export const SANDBOX_TMP = '/tmp';

/** A box of the namespace engine: a folder of the host and a host uid of its own (see BoxAllocator). */
export class NamespaceBox extends HostBox {
  readonly sandboxPath = SANDBOX_BOX;
  private runs = 0;

  constructor(
    private readonly engine: NamespaceEngine,
    private readonly allocated: AllocatedBox,
    private readonly onDestroy: () => void,
  ) {
    super();
  }

  get id(): string {
    return String(this.allocated.uid);
  }

  get uid(): number {
    return this.allocated.uid;
  }

  get hostBoxDir(): string {
    return join(this.allocated.dir, 'box');
  }

  /** Each run's /tmp is a tmpfs of its own, as large as the box (bwrap mounts it; it dies with the run). */
  get tmpSizeBytes(): number {
    return this.allocated.sizeBytes;
  }

  protected execute(spec: RunSpec): Promise<RunResult> {
    // Unique across judge processes and restarts: a group a crashed judge left behind must not collide.
    const name = `${this.id}-${process.pid}-${++this.runs}-${randomBytes(3).toString('hex')}`;
    return this.engine.execute(this, spec, name);
  }

  protected async release(): Promise<void> {
    await this.engine.releaseBox(this.allocated);
    this.onDestroy();
  }
}
