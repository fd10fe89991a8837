import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderComponent, setupDom } from '../test/helpers';
import { SampleComparison } from './sample-comparison';
import { SampleTests } from './sample-tests';

setupDom();

describe('sample input and output side by side', () => {
  it('shows input, expected and actual output in three panes, marking a wrong output', () => {
    renderComponent(
      <SampleComparison
        test={{
          name: 'sample/01',
          group: 'sample',
          verdict: 'WA',
          timeMs: 3,
          memoryKb: 900,
          input: '2 3\n',
          expected: '5\n',
          output: '6\n',
          feedback: 'wrong answer: expected 5, got 6',
        }}
      />,
    );
    const section = screen.getByRole('region', { name: 'Sample sample/01' });
    const panes = section.querySelectorAll('.io-grid-3 > figure');
    expect(panes).toHaveLength(3);
    const [input, expected, output] = [...panes];
    expect(within(input as HTMLElement).getByText('Input')).toBeTruthy();
    expect(input.querySelector('pre')?.textContent).toBe('2 3\n');
    expect(within(expected as HTMLElement).getByText('Expected output')).toBeTruthy();
    expect(expected.querySelector('pre')?.textContent).toBe('5\n');
    expect(within(output as HTMLElement).getByText('Your output')).toBeTruthy();
    expect(output.querySelector('pre')?.textContent).toBe('6\n');
    expect(output.classList.contains('io-differs')).toBe(true);
    expect(within(section).getByText('Wrong Answer')).toBeTruthy();
    expect(within(section).getByText('wrong answer: expected 5, got 6')).toBeTruthy();
  });

  it('does not mark an accepted output and says when one is empty', () => {
    renderComponent(
      <SampleComparison
        test={{
          name: 'sample/02',
          group: 'sample',
          verdict: 'AC',
          timeMs: 1,
          memoryKb: 900,
          input: '',
          expected: '1',
          output: '1\n',
        }}
      />,
    );
    const section = screen.getByRole('region', { name: 'Sample sample/02' });
    expect(section.querySelector('.io-differs')).toBeNull();
    expect(within(section).getByText('(empty)')).toBeTruthy();
  });

  it('gives each sample of a problem copy buttons for its input and output', () => {
    renderComponent(<SampleTests samples={[{ name: 'sample/1', input: '1 1\n', answer: '2\n' }]} />);
    expect(screen.getByRole('button', { name: 'Copy input of Sample 1 (1)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy output of Sample 1 (1)' })).toBeTruthy();
  });
});
