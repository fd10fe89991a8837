import type { Box, RunResult, RunSpec } from './types';
import {
  clearBoxDir,
  listBoxFiles,
  makeBoxDir,
  readBoxFile,
  removeBoxFile,
  writeBoxFile,
  type BoxEntry,
} from './box-files';
import { sandboxError } from './run-capture';

/**
 * What every engine's box shares: its files, reached from the host in a folder of its own (never through a
 * link, see box-files), owned by the box's user; and its runs, which never overlap, since each expects the box
 * as the previous one left it.
 */
export abstract class HostBox implements Box {
  abstract readonly id: string;
  abstract readonly uid: number;
  abstract readonly sandboxPath: string;
  /** The box folder as the host sees it. */
  abstract readonly hostBoxDir: string;
  private destroyed = false;
  private destroying: Promise<void> | null = null;
  private running: Promise<unknown> = Promise.resolve();

  /** Carries out one run; the previous run of the box has finished. */
  protected abstract execute(spec: RunSpec): Promise<RunResult>;

  /** Frees what the box holds; its last run has finished. */
  protected abstract release(): Promise<void>;

  protected get owner(): { uid: number; gid: number } {
    return { uid: this.uid, gid: this.uid };
  }

  writeFile(relativePath: string, data: Buffer | string, mode?: number): Promise<void> {
    return writeBoxFile(this.hostBoxDir, relativePath, data, this.owner, mode);
  }

  readFile(relativePath: string, maxBytes: number): Promise<Buffer | null> {
    return readBoxFile(this.hostBoxDir, relativePath, maxBytes);
  }

  listFiles(relativeDir: string, maxEntries: number): Promise<BoxEntry[] | null> {
    return listBoxFiles(this.hostBoxDir, relativeDir, maxEntries);
  }

  makeDir(relativePath: string): Promise<void> {
    return makeBoxDir(this.hostBoxDir, relativePath, this.owner);
  }

  clearDir(relativePath: string): Promise<void> {
    return clearBoxDir(this.hostBoxDir, relativePath);
  }

  removeFile(relativePath: string): Promise<void> {
    return removeBoxFile(this.hostBoxDir, relativePath);
  }

  run(spec: RunSpec): Promise<RunResult> {
    // A connected run's peer reads end of file once this run is over, however it ended, even unstarted.
    const finish = () => {
      if (spec.stdin.kind === 'connected') spec.stdin.end.finish();
    };
    if (this.destroyed) {
      finish();
      return Promise.resolve(sandboxError('box already destroyed'));
    }
    const result = this.running.then(() => this.execute(spec)).finally(finish);
    this.running = result.catch(() => undefined);
    return result;
  }

  /** Every call waits for the same removal: one still going when the engine closes is waited for. */
  destroy(): Promise<void> {
    this.destroying ??= (async () => {
      this.destroyed = true;
      await this.running;
      await this.release();
    })();
    return this.destroying;
  }
}
