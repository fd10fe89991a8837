import { useState, type ReactNode } from 'react';
import type { ProblemDetail } from '@judge/contract';
import { download } from '../api/client';
import { EmptyState, ErrorMessage } from './error-message';
import { formatMemoryMb, formatNumber } from './format';
import { SampleTests } from './sample-tests';
import { Statement } from './statement';
import { TimeLimit } from './time-limit';
import { useT } from '../i18n/i18n-provider';

/** A statement often starts with the title as its own heading: the page shows the title once. */
export function withoutTitle(statement: string, title: string): string {
  const match = /^\s*#\s+(.+?)\s*#*\s*(\n|$)/.exec(statement);
  return match && match[1].trim() === title.trim() ? statement.slice(match[0].length) : statement;
}

/** All limits, or (`brief`, as a contest shows them) the time and memory only; the type either way. */
function Limits({ problem, brief }: { problem: ProblemDetail; brief: boolean }) {
  const t = useT();
  // Answers of servers before timeLimitOrigin: `timeLimitDerived` says the same.
  const origin = problem.timeLimitOrigin ?? (problem.limits.timeLimitDerived ? 'derived' : undefined);
  return (
    <dl className="limits" aria-label={t('problem.limits')}>
      <div>
        <dt>{t('problem.timeLimit')}</dt>
        <dd>
          <TimeLimit ms={problem.limits.timeLimitMs} origin={origin} />
        </dd>
      </div>
      <div>
        <dt>{t('problem.memoryLimit')}</dt>
        <dd>{formatMemoryMb(problem.limits.memoryMb)}</dd>
      </div>
      {!brief && (
        <>
          <div>
            <dt>{t('problem.outputLimit')}</dt>
            <dd>{formatMemoryMb(problem.limits.outputMb)}</dd>
          </div>
          <div>
            <dt>{t('problem.tests')}</dt>
            <dd>{formatNumber(problem.testCount)}</dd>
          </div>
        </>
      )}
      {problem.type === 'scoring' && (
        <div>
          <dt>{t('problem.type')}</dt>
          <dd>{t('problem.typeScoring')}</dd>
        </div>
      )}
      {problem.interactive && (
        <div>
          <dt>{t('problem.type')}</dt>
          <dd>{t('problem.typeInteractive')}</dd>
        </div>
      )}
    </dl>
  );
}

/** The statement PDF that the package ships, downloaded with the session's token (a plain link cannot carry it). */
function StatementPdfLink({ url, slug }: { url: string; slug: string }) {
  const t = useT();
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="statement-pdf">
      <a
        href={url}
        onClick={(event) => {
          event.preventDefault();
          setError(null);
          download(url, `${slug}.pdf`).catch(setError);
        }}
      >
        {t('problem.statementPdf')}
      </a>
      <ErrorMessage error={error} title={t('problem.notDownloaded')} />
    </div>
  );
}

/** The reading side of a problem page: a heading if the page gives one, the limits, statement and samples. */
export function ProblemText({
  problem,
  heading,
  limits,
}: {
  problem: ProblemDetail;
  heading?: ReactNode;
  /** Without it, no limits are shown (as in an assignment). */
  limits?: 'all' | 'brief';
}) {
  const t = useT();
  return (
    <div className="problem-text">
      {heading}
      {limits && <Limits problem={problem} brief={limits === 'brief'} />}
      {problem.statementFiles?.pdf && <StatementPdfLink url={problem.statementFiles.pdf} slug={problem.slug} />}
      {problem.statement ? (
        <Statement source={withoutTitle(problem.statement, problem.title)} files={problem.statementFiles} />
      ) : (
        !problem.statementFiles?.pdf && <EmptyState>{t('problem.noStatement')}</EmptyState>
      )}
      <SampleTests samples={problem.samples} />
    </div>
  );
}
