import type { AssignmentKind, LatePenalty, StudentWindow } from '@judge/contract';

/** An assignment's times, as the window computation needs them. */
export interface WindowRules {
  kind: AssignmentKind;
  opensAt: Date;
  deadline: Date;
  latePenalty: LatePenalty | null;
  lateUntil: Date | null;
  durationMinutes: number | null;
}

/** One student's own facts: their extension and, for exams, when they started. */
export interface StudentFacts {
  extension: Date | null;
  startedAt: Date | null;
}

export interface ComputedWindow {
  state: StudentWindow['state'];
  opensAt: Date;
  /** On-time submissions end here: the deadline, moved by an extension; a started exam's end of time. */
  deadline: Date;
  /** Late submissions end here; null with no late period, or a late period without an end. */
  lateUntil: Date | null;
  /** Whether late submissions are taken at all. */
  late: boolean;
  startedAt: Date | null;
}

const MINUTE = 60_000;

/**
 * A student's window at `now`. An extension replaces the deadline (for exams: the last moment to sit it).
 * An exam runs `durationMinutes` from the student's start, never past that deadline, and takes no late
 * submissions. An assignment with a late penalty takes late submissions until `lateUntil` (never before
 * the student's own deadline), or without end when it has none.
 */
export function studentWindow(rules: WindowRules, facts: StudentFacts, now: Date): ComputedWindow {
  const deadline = facts.extension ?? rules.deadline;
  if (rules.kind === 'exam') {
    const started = facts.startedAt;
    const end = started
      ? new Date(Math.min(started.getTime() + (rules.durationMinutes ?? 0) * MINUTE, deadline.getTime()))
      : deadline;
    const state: StudentWindow['state'] =
      now < rules.opensAt ? 'not-open' : now >= end ? 'closed' : started ? 'open' : 'not-started';
    return { state, opensAt: rules.opensAt, deadline: end, lateUntil: null, late: false, startedAt: started };
  }
  const late = rules.latePenalty !== null;
  const lateUntil = late && rules.lateUntil ? new Date(Math.max(rules.lateUntil.getTime(), deadline.getTime())) : null;
  let state: StudentWindow['state'];
  if (now < rules.opensAt) state = 'not-open';
  else if (now < deadline) state = 'open';
  else if (late && (lateUntil === null || now < lateUntil)) state = 'late';
  else state = 'closed';
  return { state, opensAt: rules.opensAt, deadline, lateUntil, late, startedAt: null };
}

/** When the window closed for good (for the message refusing a submission after it). */
export function closedAt(window: ComputedWindow): Date {
  return window.late && window.lateUntil ? window.lateUntil : window.deadline;
}

export function windowView(window: ComputedWindow): StudentWindow {
  return {
    state: window.state,
    opensAt: window.opensAt.toISOString(),
    deadline: window.deadline.toISOString(),
    lateUntil: window.lateUntil?.toISOString() ?? null,
    startedAt: window.startedAt?.toISOString() ?? null,
  };
}
