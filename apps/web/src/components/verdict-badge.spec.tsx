import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { VERDICT_LABELS, VERDICTS } from '@judge/contract';
import { renderComponent, setupDom } from '../test/helpers';
import { SubmissionResult, SubmissionState, VerdictBadge } from './verdict-badge';
import type { SubmissionView } from '@judge/contract';

setupDom();

describe('verdict badge', () => {
  it.each(VERDICTS)('shows %s in its colour with its full name', (verdict) => {
    renderComponent(<VerdictBadge verdict={verdict} testId="badge" />);
    const badge = screen.getByTestId('badge');
    expect(badge.textContent).toBe(VERDICT_LABELS[verdict]);
    expect(badge.classList.contains(`verdict-${verdict.toLowerCase()}`)).toBe(true);
    expect(badge.getAttribute('title')).toBe(verdict);
  });

  it('gives accepted and rejected verdicts different colours', () => {
    renderComponent(
      <>
        <VerdictBadge verdict="AC" testId="ac" />
        <VerdictBadge verdict="WA" testId="wa" />
      </>,
    );
    expect(screen.getByTestId('ac').className).not.toBe(screen.getByTestId('wa').className);
  });

  it('shows where a submission is while it is not judged yet', () => {
    renderComponent(<SubmissionState status="running" verdict={null} />);
    expect(screen.getByText('Running…')).toBeTruthy();
  });

  it('shows an AC with some but not all of the points as Partial in yellow with its score', () => {
    renderComponent(<SubmissionState status="done" verdict="AC" score={30} maxScore={100} />);
    const badge = screen.getByText('Partial 30/100');
    expect(badge.classList.contains('verdict-partial')).toBe(true);
    expect(screen.queryByText('Accepted')).toBeNull();
  });

  it('keeps full points, pass-fail and rejected results in their verdict', () => {
    renderComponent(
      <>
        <SubmissionState status="done" verdict="AC" score={100} maxScore={100} />
        <SubmissionState status="done" verdict="AC" score={1} maxScore={1} />
        <SubmissionState status="done" verdict="WA" score={30} maxScore={100} />
      </>,
    );
    expect(screen.getAllByText('Accepted')).toHaveLength(2);
    expect(screen.getByText('Wrong Answer')).toBeTruthy();
    expect(screen.queryByText(/Partial/)).toBeNull();
  });

  it('in a list, says a partial score once, in the badge', () => {
    const view = { status: 'done', verdict: 'AC', score: 30, maxScore: 100 } as SubmissionView;
    const { container } = renderComponent(<SubmissionResult submission={view} withScore />);
    expect(container.textContent).toBe('Partial 30/100');
  });
});
