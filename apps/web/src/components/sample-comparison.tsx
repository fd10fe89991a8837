import { signalName, type SubmissionTestView } from '@judge/contract';
import { useT } from '../i18n/i18n-provider';
import { IoPane } from './sample-tests';
import { VerdictBadge } from './verdict-badge';

/** Whitespace-insensitive comparison, as the default checker reads tokens. */
function sameTokens(a: string, b: string): boolean {
  const tokens = (s: string) => s.split(/\s+/).filter(Boolean);
  const x = tokens(a);
  const y = tokens(b);
  return x.length === y.length && x.every((t, i) => t === y[i]);
}

/** Verdicts the submission's own run gives, with no checker looking at its output. */
const RUN_VERDICTS = new Set(['RE', 'TLE', 'MLE', 'OLE']);

/**
 * A sample test of a submission: its input, the expected output and what the program printed, side by side; then
 * the checker's message, or, when the program's run ended badly (RE), how it ended and what it wrote to stderr.
 */
export function SampleComparison({ test }: { test: SubmissionTestView }) {
  const t = useT();
  const output = test.output ?? '';
  const expected = test.expected ?? '';
  const differs = test.verdict !== 'AC' && !sameTokens(output, expected);
  const fromRun = test.exitCode !== undefined || test.signal !== undefined || RUN_VERDICTS.has(test.verdict);
  const ending =
    test.exitCode !== undefined
      ? t('submission.exitCode', { code: test.exitCode })
      : test.signal !== undefined
        ? signalName(test.signal)
          ? t('submission.killedByNamed', { signal: test.signal, name: signalName(test.signal) })
          : t('submission.killedBy', { signal: test.signal })
        : test.feedback;
  return (
    <section
      className="sample-comparison"
      aria-label={t('submission.sampleName', { name: test.name })}
      data-testid="sample-comparison"
    >
      <h3>
        {test.name} <VerdictBadge verdict={test.verdict} />
      </h3>
      <div className="io-grid io-grid-3">
        <IoPane
          title={t('submission.input')}
          text={test.input ?? ''}
          copyLabel={t('submission.copyInput', { name: test.name })}
        />
        <IoPane title={t('submission.expectedOutput')} text={expected} />
        <IoPane title={t('submission.yourOutput')} text={output} className={differs ? 'io-differs' : ''} />
      </div>
      {fromRun
        ? ending && (
            <p className="feedback" data-testid="program-ending">
              <span className="muted">{t('submission.yourProgram')} </span>
              {ending}
            </p>
          )
        : test.feedback && (
            <p className="feedback">
              <span className="muted">{t('submission.checker')} </span>
              {test.feedback}
            </p>
          )}
      {test.stderr !== undefined && test.stderr !== '' && (
        <IoPane title={t('submission.stderr')} text={test.stderr} className="io-stderr" />
      )}
    </section>
  );
}
