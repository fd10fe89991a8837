import type { SubmissionTestView } from '@judge/contract';
import { IoPane } from './sample-tests';
import { VerdictBadge } from './verdict-badge';

/** Whitespace-insensitive comparison, as the default checker reads tokens. */
function sameTokens(a: string, b: string): boolean {
  const tokens = (s: string) => s.split(/\s+/).filter(Boolean);
  const x = tokens(a);
  const y = tokens(b);
  return x.length === y.length && x.every((t, i) => t === y[i]);
}

/** A sample test of a submission: its input, the expected output and what the program printed, side by side. */
export function SampleComparison({ test }: { test: SubmissionTestView }) {
  const output = test.output ?? '';
  const expected = test.expected ?? '';
  const differs = test.verdict !== 'AC' && !sameTokens(output, expected);
  return (
    <section className="sample-comparison" aria-label={`Sample ${test.name}`} data-testid="sample-comparison">
      <h3>
        {test.name} <VerdictBadge verdict={test.verdict} />
      </h3>
      <div className="io-grid io-grid-3">
        <IoPane title="Input" text={test.input ?? ''} copyLabel={`Copy input of ${test.name}`} />
        <IoPane title="Expected output" text={expected} />
        <IoPane title="Your output" text={output} className={differs ? 'io-differs' : ''} />
      </div>
      {test.feedback && (
        <p className="feedback">
          <span className="muted">Checker: </span>
          {test.feedback}
        </p>
      )}
    </section>
  );
}
