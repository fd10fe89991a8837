import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { isAlive } from '../processes';

const execFileAsync = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface AllocatedBox {
  uid: number;
  /** Host folder of the box: a tmpfs of bounded size owned by uid, holding `box/` and `tmp/`. */
  dir: string;
}

/**
 * Hands out host user ids so that no two live boxes share one, across every judge process on the host:
 * the box folder is named after its uid and made with mkdir, which is atomic. A box's processes can then
 * neither signal nor ptrace another box's, and RLIMIT_NPROC (counted per user) bounds each box alone.
 */
export class BoxAllocator {
  private readonly held = new Set<number>();

  constructor(
    private readonly root: string,
    private readonly uidBase: number,
    private readonly uidCount: number,
  ) {}

  async init(): Promise<void> {
    await fs.mkdir(this.root, { recursive: true, mode: 0o711 });
    // Box users must traverse the root to reach their own folder, but never list it.
    await fs.chmod(this.root, 0o711);
  }

  async allocate(sizeBytes: number): Promise<AllocatedBox> {
    for (;;) {
      for (let uid = this.uidBase; uid < this.uidBase + this.uidCount; uid++) {
        if (this.held.has(uid)) continue;
        const dir = join(this.root, String(uid));
        try {
          await fs.mkdir(dir, { mode: 0o700 });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          if (await this.reclaimIfStale(dir)) uid--; // try the same uid again
          continue;
        }
        this.held.add(uid);
        try {
          // Claimed in the folder itself too, under the mount: while the box is unmounted and removed, another
          // process reads this live claim and leaves the folder alone instead of reclaiming it mid-removal.
          await fs.writeFile(join(dir, '.owner'), String(process.pid), { mode: 0o644 });
          return await this.prepare(uid, dir, sizeBytes);
        } catch (error) {
          await this.release(uid, dir);
          throw error;
        }
      }
      // Every uid is in use: wait for one to be released.
      await sleep(20);
    }
  }

  private async prepare(uid: number, dir: string, sizeBytes: number): Promise<AllocatedBox> {
    try {
      await execFileAsync('mount', [
        '-t',
        'tmpfs',
        '-o',
        `size=${sizeBytes},mode=0700,uid=${uid},gid=${uid},nosuid,nodev`,
        'judge-box',
        dir,
      ]);
    } catch (error) {
      // Without it the box could fill the host's disk: no run without a bounded box.
      throw new Error(`cannot mount the box's tmpfs on ${dir}: ${(error as Error).message}`);
    }
    // Written by root after the mount, so the box user cannot forge another process's claim.
    await fs.writeFile(join(dir, '.owner'), String(process.pid), { mode: 0o644 });
    for (const sub of ['box', 'tmp']) {
      await fs.mkdir(join(dir, sub), { mode: 0o755 });
      await fs.chown(join(dir, sub), uid, uid);
    }
    return { uid, dir };
  }

  /** A folder left by a judge process that died is cleaned and freed. */
  private async reclaimIfStale(dir: string): Promise<boolean> {
    let owner: number;
    try {
      owner = Number(await fs.readFile(join(dir, '.owner'), 'utf8'));
    } catch {
      // Being prepared by someone right now, or never finished: leave it unless it is old.
      const stat = await fs.lstat(dir).catch(() => null);
      if (!stat || Date.now() - stat.mtimeMs < 60_000) return false;
      owner = 0;
    }
    if (owner > 0 && owner !== process.pid && isAlive(owner)) return false;
    if (owner === process.pid) return false;
    await this.removeDir(dir);
    return true;
  }

  async release(uid: number, dir: string): Promise<void> {
    await this.removeDir(dir);
    this.held.delete(uid);
  }

  private async removeDir(dir: string): Promise<void> {
    // Unmounting drops the whole tmpfs at once without walking what the box left in it.
    await execFileAsync('umount', [dir]).catch(() => undefined);
    await fs.rm(dir, { recursive: true, force: true });
  }
}
