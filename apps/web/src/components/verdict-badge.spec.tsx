import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { VERDICT_LABELS, VERDICTS } from '@judge/contract';
import { setupDom } from '../test/helpers';
import { SubmissionState, VerdictBadge } from './verdict-badge';

setupDom();

describe('verdict badge', () => {
  it.each(VERDICTS)('shows %s in its colour with its full name', (verdict) => {
    render(<VerdictBadge verdict={verdict} testId="badge" />);
    const badge = screen.getByTestId('badge');
    expect(badge.textContent).toBe(VERDICT_LABELS[verdict]);
    expect(badge.classList.contains(`verdict-${verdict.toLowerCase()}`)).toBe(true);
    expect(badge.getAttribute('title')).toBe(verdict);
  });

  it('gives accepted and rejected verdicts different colours', () => {
    render(
      <>
        <VerdictBadge verdict="AC" testId="ac" />
        <VerdictBadge verdict="WA" testId="wa" />
      </>,
    );
    expect(screen.getByTestId('ac').className).not.toBe(screen.getByTestId('wa').className);
  });

  it('shows where a submission is while it is not judged yet', () => {
    render(<SubmissionState status="running" verdict={null} />);
    expect(screen.getByText('Running…')).toBeTruthy();
  });
});
