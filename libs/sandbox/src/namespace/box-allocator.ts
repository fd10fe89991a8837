import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CommandShell } from '../command-shell';
import { isAlive } from '../processes';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A claim folder with no mount in it yet is being prepared; older than this, its preparer died. */
const UNFINISHED_CLAIM_MS = 60_000;
/** Where judges before the `<pid>-<nonce>` layout wrote their pid. */
const LEGACY_OWNER = '.owner';

export interface AllocatedBox {
  uid: number;
  /** Host folder of the box: a tmpfs of bounded size owned by uid, holding `box/` (each run's /tmp is its own). */
  dir: string;
  /** The size of the box's tmpfs, and of each run's /tmp. */
  sizeBytes: number;
}

/**
 * Hands out host user ids so that no two live boxes share one, across every judge process on the host:
 * the claim folder `<root>/<uid>` is made with mkdir, which is atomic. A box's processes can then neither
 * signal nor ptrace another box's, and RLIMIT_NPROC (counted per user) bounds each box alone.
 *
 * The box's tmpfs is mounted on `<root>/<uid>/<pid>-<nonce>`: the name says which process owns it, and it
 * is unique to one allocation. Reclaiming a dead process's box touches only names holding that dead pid,
 * and removes the claim folder with a plain rmdir, so two processes (or two calls of one) reclaiming the same
 * box at once can never unmount or delete the box that one of them allocated again right after.
 */
export class BoxAllocator {
  private readonly held = new Set<number>();
  /** Reclaims in flight in this process, shared by the allocations that meet the same stale claim. */
  private readonly reclaiming = new Map<number, Promise<boolean>>();

  constructor(
    private readonly root: string,
    private readonly uidBase: number,
    private readonly uidCount: number,
    /** Runs mount and umount (see CommandShell). */
    private readonly commands = new CommandShell(),
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
        const claim = join(this.root, String(uid));
        try {
          await fs.mkdir(claim, { mode: 0o711 });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          if (await this.reclaimOnce(uid, claim)) uid--; // try the same uid again
          continue;
        }
        this.held.add(uid);
        const dir = join(claim, `${process.pid}-${randomBytes(4).toString('hex')}`);
        try {
          await fs.mkdir(dir, { mode: 0o700 });
        } catch (error) {
          // A reclaimer took the claim folder for an abandoned one in the instant it was empty: try again.
          this.held.delete(uid);
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
          throw error;
        }
        try {
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
      await this.commands.run([
        'mount',
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
    await fs.mkdir(join(dir, 'box'), { mode: 0o755 });
    await fs.chown(join(dir, 'box'), uid, uid);
    return { uid, dir, sizeBytes };
  }

  private reclaimOnce(uid: number, claim: string): Promise<boolean> {
    let reclaim = this.reclaiming.get(uid);
    if (!reclaim) {
      reclaim = this.reclaimIfStale(claim).finally(() => this.reclaiming.delete(uid));
      this.reclaiming.set(uid, reclaim);
    }
    return reclaim;
  }

  /** A claim left by a judge process that died is cleaned and freed; true when the uid may be tried again. */
  private async reclaimIfStale(claim: string): Promise<boolean> {
    const entries = await fs.readdir(claim).catch(() => null);
    if (entries === null) return true; // released meanwhile
    if (entries.includes(LEGACY_OWNER)) return this.reclaimLegacy(claim);
    const live = entries.filter((name) => {
      const pid = Number(name.split('-')[0]);
      return !(pid > 0) || pid === process.pid || isAlive(pid);
    });
    if (live.length > 0) return false;
    if (entries.length === 0) {
      // Being prepared right now, or its preparer died before mounting: leave it unless it is old.
      const stat = await fs.lstat(claim).catch(() => null);
      if (stat && Date.now() - stat.mtimeMs < UNFINISHED_CLAIM_MS) return false;
    }
    try {
      for (const name of entries) await this.removeMount(join(claim, name));
    } catch {
      // Another process is reclaiming it at the same moment (its unmount or walk keeps the mount busy): theirs.
      return false;
    }
    // Not recursive: if the claim was freed and taken again meanwhile, it is not empty and stays.
    return fs.rmdir(claim).then(
      () => true,
      (error: NodeJS.ErrnoException) => error.code === 'ENOENT',
    );
  }

  /** A box of a judge from before the `<pid>-<nonce>` layout: the tmpfs on the claim itself, its pid in `.owner`. */
  private async reclaimLegacy(claim: string): Promise<boolean> {
    const owner = Number(await fs.readFile(join(claim, LEGACY_OWNER), 'utf8').catch(() => '0'));
    if (owner > 0 && isAlive(owner)) return false;
    return this.removeMount(claim).then(
      () => true,
      () => false, // being reclaimed by another process right now
    );
  }

  /** Ends the shell that runs mount and umount (an idle one never keeps the process alive either). */
  close(): void {
    this.commands.close();
  }

  async release(uid: number, dir: string): Promise<void> {
    await this.removeMount(dir);
    await fs.rmdir(join(dir, '..'));
    this.held.delete(uid);
  }

  private async removeMount(dir: string): Promise<void> {
    // Unmounting drops the whole tmpfs at once without walking what the box left in it; what remains is the
    // empty mount point (or, if the unmount failed, the box's files, removed one by one).
    await this.commands.run(['umount', dir]).catch(() => undefined);
    await fs.rm(dir, { recursive: true, force: true });
  }
}
