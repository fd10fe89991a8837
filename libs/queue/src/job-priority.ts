/**
 * Judging priorities: which waiting job a free runner takes first. One place decides a job's class from what it
 * is, and one table gives each class its number (BullMQ's `priority`: lower is taken first; the in-process
 * driver honours the same numbers). Within a class, jobs are taken first in, first out.
 *
 * Contest submissions come first (a contest is running, and its scoreboard waits), then course submissions,
 * then practice; rejudges last, so that rejudging a whole problem never starves a running contest. Runs (a
 * program on an input of the user's own, someone waiting at the screen) sit where RUN_PRIORITY puts them.
 */
export const PRIORITY_CLASSES = ['contest', 'assignment', 'practice', 'run', 'rejudge'] as const;
export type PriorityClass = (typeof PRIORITY_CLASSES)[number];

/**
 * Where runs sit (RUN_PRIORITY): `high` before contest submissions, `normal` (the default) just after them and
 * before course submissions, `low` after practice and before rejudges.
 */
export const RUN_PRIORITIES = ['high', 'normal', 'low'] as const;
export type RunPriority = (typeof RUN_PRIORITIES)[number];

/** What a job is, as far as its place in the line goes. */
export type PrioritySubject =
  | { kind: 'run' }
  | {
      kind: 'submission';
      contestId?: string | null;
      assignmentId?: string | null;
      /** A judging after the first (a rejudge, or its job taken up again by a recovery sweep). */
      rejudge: boolean;
    };

/** The class of a job: a rejudge whatever it rejudges, else by where the submission was made. */
export function priorityClassOf(subject: PrioritySubject): PriorityClass {
  if (subject.kind === 'run') return 'run';
  if (subject.rejudge) return 'rejudge';
  if (subject.contestId) return 'contest';
  if (subject.assignmentId) return 'assignment';
  return 'practice';
}

// Gaps between the numbers leave room for a class to come; BullMQ takes 1 to 2,097,151 (0 would mean "no
// priority", which BullMQ takes before every prioritized job).
const CLASS_PRIORITY: Record<Exclude<PriorityClass, 'run'>, number> = {
  contest: 10,
  assignment: 20,
  practice: 30,
  rejudge: 50,
};

const RUN_PRIORITY: Record<RunPriority, number> = {
  high: 5,
  normal: 15,
  low: 40,
};

/** The queue priority of a class (lower is taken first). */
export function jobPriority(priorityClass: PriorityClass, runPriority: RunPriority = 'normal'): number {
  return priorityClass === 'run' ? RUN_PRIORITY[runPriority] : CLASS_PRIORITY[priorityClass];
}

/** A job enqueued without a priority is placed as a practice submission. */
export const DEFAULT_JOB_PRIORITY = CLASS_PRIORITY.practice;

/** Every priority a job may have, for counting the waiting jobs of each. */
export const ALL_JOB_PRIORITIES: readonly number[] = [...Object.values(CLASS_PRIORITY), ...Object.values(RUN_PRIORITY)];

/** The class of a queue priority, the other way round from jobPriority(); undefined for a number none gives. */
export function priorityClassOfNumber(priority: number): PriorityClass | undefined {
  if (Object.values(RUN_PRIORITY).includes(priority)) return 'run';
  const entry = Object.entries(CLASS_PRIORITY).find(([, n]) => n === priority);
  return entry ? (entry[0] as PriorityClass) : undefined;
}
