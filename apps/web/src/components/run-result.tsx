import type { RunVerdict, RunView } from '@judge/contract';
import { ApiError } from '../api/client';
import type { RunState } from '../api/runs';
import { useT } from '../i18n/i18n-provider';
import { ErrorMessage } from './error-message';
import { formatMemoryKb, formatNumber, formatTime } from './format';
import { IoPane } from './sample-tests';
import { useVerdictWords } from './verdict-badge';

/** Refusals of POST /api/runs people meet, in their own words (the API's message stays in the tooltip). */
const REFUSALS = new Set(['RATE_LIMITED', 'RUNS_IN_FLIGHT', 'RUNS_DISABLED']);

/** A run's verdict in its colour: OK in green, the rest as a submission's verdict of the same name. */
export function RunVerdictBadge({ verdict }: { verdict: RunVerdict }) {
  const t = useT();
  const words = useVerdictWords();
  return (
    <span className={`badge verdict-${verdict.toLowerCase()}`} title={verdict} data-testid="run-verdict">
      {verdict === 'OK' ? t('run.verdict.OK') : words.verdict(verdict)}
    </span>
  );
}

function Output({ title, text, truncated }: { title: string; text: string; truncated: boolean }) {
  const t = useT();
  return (
    <div className="run-output">
      <IoPane title={title} text={text} copyLabel={t('run.copy', { what: title })} />
      {truncated && (
        <p className="hint" role="note">
          {t('run.truncated', { what: title, chars: formatNumber(text.length) })}
        </p>
      )}
    </div>
  );
}

function Outcome({ run }: { run: RunView }) {
  const t = useT();
  const verdict = run.verdict ?? 'JE';
  const ended =
    run.signal !== null && run.signal !== undefined
      ? t('run.signal', { signal: run.signal })
      : run.exitCode !== null && run.exitCode !== undefined
        ? t('run.exitCode', { code: run.exitCode })
        : null;
  return (
    <>
      <div className="run-head">
        <RunVerdictBadge verdict={verdict} />
        {verdict !== 'CE' && verdict !== 'JE' && (
          <dl className="facts run-facts" aria-label={t('run.facts')}>
            <div>
              <dt>{t('run.time')}</dt>
              <dd data-testid="run-time">{formatTime(run.timeMs)}</dd>
            </div>
            <div>
              <dt>{t('run.memory')}</dt>
              <dd data-testid="run-memory">{formatMemoryKb(run.memoryKb)}</dd>
            </div>
            {ended && (
              <div>
                <dt>{t('run.ended')}</dt>
                <dd data-testid="run-exit">{ended}</dd>
              </div>
            )}
          </dl>
        )}
      </div>
      {run.judgeError && (
        <p className="alert alert-error" role="alert">
          {run.judgeError}
        </p>
      )}
      {(verdict === 'CE' || run.compileOutput) && (
        <Output
          title={t('run.compileOutput')}
          text={run.compileOutput ?? ''}
          truncated={run.compileOutputTruncated ?? false}
        />
      )}
      {verdict !== 'CE' && (
        // One above the other: beside the statement the panel is narrow, and stderr's lines are long.
        <div className="io-grid">
          <Output title={t('run.stdout')} text={run.stdout ?? ''} truncated={run.stdoutTruncated ?? false} />
          <Output title={t('run.stderr')} text={run.stderr ?? ''} truncated={run.stderrTruncated ?? false} />
        </div>
      )}
    </>
  );
}

/** What the last run did, or where it is: sending, queued, running; a refusal as a message. */
export function RunResult({ state }: { state: RunState }) {
  const t = useT();
  if (state.phase === 'idle') return null;
  if (state.phase === 'failed') {
    const { error } = state;
    if (error instanceof ApiError && REFUSALS.has(error.code)) {
      return (
        <div className="alert alert-error" role="alert" title={error.message}>
          <strong>{t('errors.titled', { title: t('run.notRun') })}</strong> {t(`run.refused.${error.code}`)}
        </div>
      );
    }
    return <ErrorMessage error={error} title={t('run.notRun')} />;
  }
  return (
    <section className="run-result" aria-label={t('run.result')} aria-live="polite" aria-busy={state.phase !== 'done'}>
      {state.phase === 'done' ? (
        <Outcome run={state.run} />
      ) : (
        <span className="badge status-pending" role="status" data-testid="run-status">
          {state.phase === 'sending' ? t('run.sending') : t(`run.status.${state.status}`)}
        </span>
      )}
    </section>
  );
}
