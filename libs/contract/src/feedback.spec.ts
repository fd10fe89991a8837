import { describe, expect, it } from 'vitest';
import { feedbackLevelFor, stricterFeedback } from './feedback';

describe('feedbackLevelFor', () => {
  it('shows in practice what the problem allows, full by default', () => {
    expect(feedbackLevelFor(null, { kind: 'practice' })).toBe('full');
    expect(feedbackLevelFor('verdict-only', { kind: 'practice' })).toBe('verdict-only');
  });

  it('shows at most first-failure in a contest or an exam that sets no level', () => {
    expect(feedbackLevelFor('full', { kind: 'contest', level: null })).toBe('first-failure');
    expect(feedbackLevelFor('verdict-only', { kind: 'contest', level: null })).toBe('verdict-only');
    expect(feedbackLevelFor('full', { kind: 'assignment', exam: true, level: null })).toBe('first-failure');
  });

  it('shows in homework what the problem allows', () => {
    expect(feedbackLevelFor('full', { kind: 'assignment', exam: false, level: null })).toBe('full');
  });

  it("lets a contest's or an assignment's own level override the problem's", () => {
    expect(feedbackLevelFor('verdict-only', { kind: 'contest', level: 'first-failure' })).toBe('first-failure');
    expect(feedbackLevelFor('full', { kind: 'contest', level: 'verdict-only' })).toBe('verdict-only');
    expect(feedbackLevelFor('verdict-only', { kind: 'assignment', exam: false, level: 'full' })).toBe('full');
  });
});

describe('stricterFeedback', () => {
  it('picks the level that shows less', () => {
    expect(stricterFeedback('full', 'first-failure')).toBe('first-failure');
    expect(stricterFeedback('verdict-only', 'first-failure')).toBe('verdict-only');
  });
});
