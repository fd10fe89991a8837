import { describe, expect, it } from 'vitest';
import {
  ALL_JOB_PRIORITIES,
  DEFAULT_JOB_PRIORITY,
  jobPriority,
  PRIORITY_CLASSES,
  priorityClassOf,
  priorityClassOfNumber,
  RUN_PRIORITIES,
  type PriorityClass,
  type RunPriority,
} from './job-priority';

/** The classes in the order a free runner takes them, with runs placed by RUN_PRIORITY. */
function order(runPriority: RunPriority): PriorityClass[] {
  return [...PRIORITY_CLASSES].sort((a, b) => jobPriority(a, runPriority) - jobPriority(b, runPriority));
}

describe('priorityClassOf', () => {
  it('places a submission by where it was made', () => {
    expect(priorityClassOf({ kind: 'submission', contestId: 'c', assignmentId: null, rejudge: false })).toBe('contest');
    expect(priorityClassOf({ kind: 'submission', contestId: null, assignmentId: 'a', rejudge: false })).toBe(
      'assignment',
    );
    expect(priorityClassOf({ kind: 'submission', contestId: null, assignmentId: null, rejudge: false })).toBe(
      'practice',
    );
    expect(priorityClassOf({ kind: 'submission', rejudge: false })).toBe('practice');
  });

  it('makes every rejudge a rejudge, a contest submission’s too', () => {
    expect(priorityClassOf({ kind: 'submission', contestId: 'c', rejudge: true })).toBe('rejudge');
    expect(priorityClassOf({ kind: 'submission', assignmentId: 'a', rejudge: true })).toBe('rejudge');
    expect(priorityClassOf({ kind: 'submission', rejudge: true })).toBe('rejudge');
  });

  it('gives runs a class of their own', () => {
    expect(priorityClassOf({ kind: 'run' })).toBe('run');
  });
});

describe('jobPriority', () => {
  it('takes contests, then courses, then practice, and rejudges last, with runs just after contests by default', () => {
    expect(order('normal')).toEqual(['contest', 'run', 'assignment', 'practice', 'rejudge']);
    expect(jobPriority('run')).toBe(jobPriority('run', 'normal'));
  });

  it('moves runs by RUN_PRIORITY, never below rejudges', () => {
    expect(order('high')).toEqual(['run', 'contest', 'assignment', 'practice', 'rejudge']);
    expect(order('low')).toEqual(['contest', 'assignment', 'practice', 'run', 'rejudge']);
  });

  it('gives numbers BullMQ takes as priorities (1 to 2,097,151), practice the default', () => {
    for (const runPriority of RUN_PRIORITIES) {
      for (const c of PRIORITY_CLASSES) {
        const n = jobPriority(c, runPriority);
        expect(Number.isInteger(n) && n >= 1 && n <= 2_097_151).toBe(true);
      }
    }
    expect(DEFAULT_JOB_PRIORITY).toBe(jobPriority('practice'));
  });

  it('names the class of every priority a job may have, and lists them all for counting', () => {
    for (const runPriority of RUN_PRIORITIES) {
      for (const c of PRIORITY_CLASSES) {
        const n = jobPriority(c, runPriority);
        expect(priorityClassOfNumber(n)).toBe(c);
        expect(ALL_JOB_PRIORITIES).toContain(n);
      }
    }
    expect(priorityClassOfNumber(0)).toBeUndefined();
  });
});
