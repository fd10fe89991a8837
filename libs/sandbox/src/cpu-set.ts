import { readFileSync } from 'node:fs';

/**
 * A CPU list as the kernel writes it (`0-3,6`, /sys/devices/system/cpu/online, cpuset.cpus) and as JUDGE_CPUS
 * takes it: CPU numbers in ascending order without repeats. Throws on anything else (a reversed range, a sign).
 */
export function parseCpuList(text: string): number[] {
  const cpus = new Set<number>();
  for (const part of text.trim().split(',')) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!range) throw new Error(`"${text}" is not a CPU list (e.g. 1, 2-3 or 0,2)`);
    const first = Number(range[1]);
    const last = range[2] === undefined ? first : Number(range[2]);
    if (last < first) throw new Error(`"${part}" is a reversed range`);
    if (last > 4095) throw new Error(`CPU ${last} is beyond any machine's CPUs`);
    for (let cpu = first; cpu <= last; cpu++) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}

/** The list back in the kernel's form (`0-2,5`), for cpuset.cpus and docker's CpusetCpus. */
export function formatCpuList(cpus: readonly number[]): string {
  const sorted = [...new Set(cpus)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The CPUs online on this host. */
export function onlineCpus(path = '/sys/devices/system/cpu/online'): number[] {
  return parseCpuList(readFileSync(path, 'utf8'));
}

/** One run's (or box's) hold on a CPU; release it once. */
export interface CpuLease {
  readonly cpu: number;
  release(): void;
}

/**
 * The operator's CPUs (JUDGE_CPUS) handed to runs: each run takes the CPU the fewest runs hold, so with no
 * more runs at once than CPUs every run has a CPU of its own. More runs than CPUs (an interactive problem's
 * solution and interactor, a runner whose concurrency is above the list's size) share, never wait: waiting
 * could deadlock two runs that need each other. Ties go to the caller's preferred CPU (a docker box's current
 * one, which spares an update of the container), then to the lowest.
 */
export class CpuPool {
  private readonly holders = new Map<number, number>();

  constructor(readonly cpus: readonly number[]) {
    if (cpus.length === 0) throw new Error('a CPU pool needs at least one CPU');
    for (const cpu of cpus) this.holders.set(cpu, 0);
  }

  /** The CPU the next acquire would take, without taking it. */
  pick(preferred?: number): number {
    let best = this.cpus[0];
    for (const cpu of this.cpus) {
      const held = this.holders.get(cpu)!;
      const bestHeld = this.holders.get(best)!;
      if (held < bestHeld || (held === bestHeld && cpu === preferred)) best = cpu;
    }
    return best;
  }

  acquire(preferred?: number): CpuLease {
    const cpu = this.pick(preferred);
    this.holders.set(cpu, this.holders.get(cpu)! + 1);
    let released = false;
    return {
      cpu,
      release: () => {
        if (released) return;
        released = true;
        this.holders.set(cpu, this.holders.get(cpu)! - 1);
      },
    };
  }

  /** How many runs hold each CPU (for tests and logs). */
  load(): Record<number, number> {
    return Object.fromEntries(this.holders);
  }
}
