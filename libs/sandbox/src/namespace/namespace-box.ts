import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { BoxOptions, Mount, RunResult, RunSpec } from '../types';
import { HostBox } from '../host-box';
import type { AllocatedBox } from './box-allocator';
import type { BoxInit } from './box-init';
import type { NamespaceEngine } from './namespace-engine';

/** Where a box's folder and its /tmp are inside the sandbox. */
export const SANDBOX_BOX = '/box';
export const SANDBOX_TMP = '/tmp';

/** A box of the namespace engine: a folder of the host and a host uid of its own (see BoxAllocator). */
export class NamespaceBox extends HostBox {
  readonly sandboxPath = SANDBOX_BOX;
  private runs = 0;
  /** The pre-built box's world and init, made at its first run (see BoxInit); null when there is none. */
  init: BoxInit | null = null;
  /** Set when pre-built runs failed twice here: the box's runs are then each made alone, as without them. */
  prebuiltFailed = false;

  constructor(
    private readonly engine: NamespaceEngine,
    private readonly allocated: AllocatedBox,
    /** What the box was made for; boxes made for the same are alike (`kind`), so a spare can stand for one. */
    readonly options: BoxOptions,
    private readonly onDestroy: () => void,
  ) {
    super();
  }

  /** Boxes of one kind are alike: the size of their tmpfs and the mounts their world holds. */
  static kind(options: BoxOptions): string {
    return JSON.stringify([options.sizeBytes, options.mounts ?? []]);
  }

  get kind(): string {
    return NamespaceBox.kind(this.options);
  }

  /** Every mount a run in the box may ask for (BoxOptions.mounts): a pre-built box's world holds them all. */
  get mounts(): Mount[] {
    return this.options.mounts ?? [];
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

  /** The init's socket: beside the box's folder, in the claim folder only root may write to. */
  get initSocketPath(): string {
    return `${this.allocated.dir}.sock`;
  }

  /** Each run's /tmp is a tmpfs of its own, as large as the box (bwrap mounts it; it dies with the run). */
  get tmpSizeBytes(): number {
    return this.allocated.sizeBytes;
  }

  /** A name for a cgroup of this box, unique across judge processes and restarts (a crashed judge's may remain). */
  cgroupName(): string {
    return `${this.id}-${process.pid}-${++this.runs}-${randomBytes(3).toString('hex')}`;
  }

  protected execute(spec: RunSpec): Promise<RunResult> {
    return this.engine.execute(this, spec);
  }

  protected async release(): Promise<void> {
    await this.engine.releaseBox(this, this.allocated);
    this.onDestroy();
  }
}
