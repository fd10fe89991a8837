import { describe, expect, it } from 'vitest';
import { closedAt, studentWindow, type WindowRules } from './window';

const at = (iso: string) => new Date(iso);

const homework: WindowRules = {
  kind: 'assignment',
  opensAt: at('2025-03-01T09:00:00Z'),
  deadline: at('2025-03-08T09:00:00Z'),
  latePenalty: null,
  lateUntil: null,
  durationMinutes: null,
};

const exam: WindowRules = {
  kind: 'exam',
  opensAt: at('2025-03-01T09:00:00Z'),
  deadline: at('2025-03-01T12:00:00Z'),
  latePenalty: null,
  lateUntil: null,
  durationMinutes: 90,
};

const none = { extension: null, startedAt: null };

describe('an assignment window', () => {
  it('is not open before it opens, open until the deadline, closed after it without a late penalty', () => {
    expect(studentWindow(homework, none, at('2025-03-01T08:59:59Z')).state).toBe('not-open');
    expect(studentWindow(homework, none, at('2025-03-01T09:00:00Z')).state).toBe('open');
    expect(studentWindow(homework, none, at('2025-03-08T08:59:59Z')).state).toBe('open');
    const closed = studentWindow(homework, none, at('2025-03-08T09:00:00Z'));
    expect(closed.state).toBe('closed');
    expect(closedAt(closed)).toEqual(at('2025-03-08T09:00:00Z'));
  });

  it('is late after the deadline with a penalty, until lateUntil', () => {
    const rules = { ...homework, latePenalty: { type: 'per-day', percent: 10 } as const };
    expect(studentWindow(rules, none, at('2030-01-01T00:00:00Z')).state).toBe('late');
    const until = { ...rules, lateUntil: at('2025-03-10T09:00:00Z') };
    expect(studentWindow(until, none, at('2025-03-10T08:00:00Z')).state).toBe('late');
    const closed = studentWindow(until, none, at('2025-03-10T09:00:00Z'));
    expect(closed.state).toBe('closed');
    expect(closedAt(closed)).toEqual(at('2025-03-10T09:00:00Z'));
  });

  it("an extension moves one student's deadline, and their late period never ends before it", () => {
    const extension = at('2025-03-12T09:00:00Z');
    const w = studentWindow(homework, { extension, startedAt: null }, at('2025-03-11T00:00:00Z'));
    expect(w.state).toBe('open');
    expect(w.deadline).toEqual(extension);
    const rules = {
      ...homework,
      latePenalty: { type: 'factor', factor: 0.5 } as const,
      lateUntil: at('2025-03-10T09:00:00Z'),
    };
    const late = studentWindow(rules, { extension, startedAt: null }, at('2025-03-12T10:00:00Z'));
    expect(late.state).toBe('closed');
    expect(late.lateUntil).toEqual(extension);
  });
});

describe('an exam window', () => {
  it('waits for the student to start, then runs for the duration', () => {
    expect(studentWindow(exam, none, at('2025-03-01T08:00:00Z')).state).toBe('not-open');
    expect(studentWindow(exam, none, at('2025-03-01T09:30:00Z')).state).toBe('not-started');
    const startedAt = at('2025-03-01T09:30:00Z');
    const running = studentWindow(exam, { extension: null, startedAt }, at('2025-03-01T10:59:59Z'));
    expect(running.state).toBe('open');
    expect(running.deadline).toEqual(at('2025-03-01T11:00:00Z'));
    expect(studentWindow(exam, { extension: null, startedAt }, at('2025-03-01T11:00:00Z')).state).toBe('closed');
  });

  it("ends no later than the exam's deadline for a late start", () => {
    const startedAt = at('2025-03-01T11:15:00Z');
    const w = studentWindow(exam, { extension: null, startedAt }, at('2025-03-01T11:30:00Z'));
    expect(w.state).toBe('open');
    expect(w.deadline).toEqual(at('2025-03-01T12:00:00Z'));
    expect(studentWindow(exam, { extension: null, startedAt }, at('2025-03-01T12:00:00Z')).state).toBe('closed');
  });

  it('is closed to a student who never started once the deadline passes, and takes no late work', () => {
    const rules = { ...exam, latePenalty: { type: 'per-day', percent: 10 } as const };
    const w = studentWindow(rules, none, at('2025-03-01T12:00:00Z'));
    expect(w.state).toBe('closed');
    expect(w.late).toBe(false);
  });

  it('an extension lets one student start later and sit the whole duration', () => {
    const extension = at('2025-03-01T15:00:00Z');
    const startedAt = at('2025-03-01T13:00:00Z');
    const w = studentWindow(exam, { extension, startedAt }, at('2025-03-01T14:00:00Z'));
    expect(w.state).toBe('open');
    expect(w.deadline).toEqual(at('2025-03-01T14:30:00Z'));
  });
});
