import { describe, expect, it } from 'vitest';
import type { SubmissionTestView, SubmissionView } from '@judge/contract';
import { restrictEvent, restrictSubmission } from './feedback';

const sample = (name: string): SubmissionTestView => ({
  name,
  group: 'sample',
  verdict: 'AC',
  timeMs: 3,
  memoryKb: 1024,
  feedback: '',
  input: '1 2\n',
  expected: '3\n',
  output: '3\n',
});

// A secret test's memory is what the attack reads: 68 MiB for an input whose value mod 97 is 68.
const secret = (name: string, verdict: SubmissionTestView['verdict'], memoryKb: number): SubmissionTestView => ({
  name,
  group: 'secret',
  verdict,
  timeMs: 40,
  memoryKb,
});

const judged: SubmissionView = {
  id: 'a1',
  problemId: 'p1',
  userId: 'u1',
  language: 'cpp',
  status: 'done',
  verdict: 'WA',
  score: 0,
  maxScore: 1,
  timeMs: 40,
  memoryKb: 68 * 1024,
  compileOutput: '',
  createdAt: '2026-12-03T00:00:00.000Z',
  judgedAt: '2026-12-03T00:00:01.000Z',
  feedback: 'full',
  tests: [sample('sample/1'), secret('secret/1', 'AC', 5 * 1024), secret('secret/2', 'WA', 68 * 1024)],
  groups: [{ name: 'secret', verdict: 'WA', score: 0, maxScore: null }],
};

describe('restrictSubmission', () => {
  it('leaves everything at full', () => {
    expect(restrictSubmission(judged, 'full')).toEqual(judged);
  });

  it('at first-failure shows the verdict, the first failed test and the largest time, and samples whole', () => {
    const shown = restrictSubmission(judged, 'first-failure');
    expect(shown).toMatchObject({ feedback: 'first-failure', verdict: 'WA', score: 0, timeMs: 40, memoryKb: null });
    // The sample ran first: the failure is the third test of the run.
    expect(shown.firstFailure).toEqual({ position: 3, name: 'secret/2', verdict: 'WA' });
    expect(shown.tests).toEqual([sample('sample/1')]);
    expect(JSON.stringify(shown)).not.toContain(String(68 * 1024));
  });

  it('at first-failure names no test when none failed', () => {
    const accepted = { ...judged, verdict: 'AC' as const, tests: [sample('sample/1'), secret('secret/1', 'AC', 9)] };
    expect(restrictSubmission(accepted, 'first-failure').firstFailure).toBeNull();
  });

  it('at verdict-only shows the verdict and the score only', () => {
    const shown = restrictSubmission(judged, 'verdict-only');
    expect(shown).toMatchObject({
      feedback: 'verdict-only',
      verdict: 'WA',
      score: 0,
      maxScore: 1,
      timeMs: null,
      memoryKb: null,
      tests: [],
      groups: [],
    });
    expect(shown.firstFailure).toBeUndefined();
  });
});

describe('restrictEvent', () => {
  const secretEvent = { type: 'test' as const, index: 2, total: 3, test: secret('secret/2', 'WA', 68 * 1024) };
  const sampleEvent = { type: 'test' as const, index: 0, total: 3, test: sample('sample/1') };

  it('streams every test at full', () => {
    expect(restrictEvent(secretEvent, 'full')).toEqual(secretEvent);
  });

  it('streams only sample tests at first-failure, and no test at verdict-only', () => {
    expect(restrictEvent(secretEvent, 'first-failure')).toBeNull();
    expect(restrictEvent(sampleEvent, 'first-failure')).toEqual(sampleEvent);
    // As the runner reports it, a sample's event has no sample data: the problem's sample names say which it is.
    const reported = { ...sampleEvent, test: secret('sample/1', 'AC', 1024) };
    expect(restrictEvent(reported, 'first-failure')).toBeNull();
    expect(restrictEvent(reported, 'first-failure', new Set(['sample/1']))).toEqual(reported);
    expect(restrictEvent(sampleEvent, 'verdict-only')).toBeNull();
    expect(restrictEvent({ type: 'status', status: 'running' }, 'verdict-only')).toEqual({
      type: 'status',
      status: 'running',
    });
  });

  it('restricts the final submission of the stream', () => {
    const done = restrictEvent({ type: 'done', submission: judged }, 'verdict-only');
    expect(done).toEqual({ type: 'done', submission: restrictSubmission(judged, 'verdict-only') });
  });
});
