import { useState, type ReactNode } from 'react';
import type { ProblemDetail } from '@judge/contract';
import { download } from '../api/client';
import { EmptyState, ErrorMessage } from './error-message';
import { formatTimeLimit } from './format';
import { SampleTests } from './sample-tests';
import { Statement } from './statement';

/** A statement often starts with the title as its own heading: the page shows the title once. */
export function withoutTitle(statement: string, title: string): string {
  const match = /^\s*#\s+(.+?)\s*#*\s*(\n|$)/.exec(statement);
  return match && match[1].trim() === title.trim() ? statement.slice(match[0].length) : statement;
}

/** All limits, or (`brief`, as a contest shows them) the time and memory only; the type either way. */
function Limits({ problem, brief }: { problem: ProblemDetail; brief: boolean }) {
  return (
    <dl className="limits" aria-label="Limits">
      <div>
        <dt>Time limit</dt>
        <dd>
          {formatTimeLimit(problem.limits.timeLimitMs)}
          {problem.limits.timeLimitDerived && problem.limits.timeLimitMs !== null && (
            <span className="muted" title="Derived once from the problem's accepted solutions">
              {' '}
              (from solutions)
            </span>
          )}
        </dd>
      </div>
      <div>
        <dt>Memory limit</dt>
        <dd>{problem.limits.memoryMb} MB</dd>
      </div>
      {!brief && (
        <>
          <div>
            <dt>Output limit</dt>
            <dd>{problem.limits.outputMb} MB</dd>
          </div>
          <div>
            <dt>Tests</dt>
            <dd>{problem.testCount}</dd>
          </div>
        </>
      )}
      {problem.type === 'scoring' && (
        <div>
          <dt>Type</dt>
          <dd>Scoring</dd>
        </div>
      )}
      {problem.interactive && (
        <div>
          <dt>Type</dt>
          <dd>Interactive</dd>
        </div>
      )}
    </dl>
  );
}

/** The statement PDF that the package ships, downloaded with the session's token (a plain link cannot carry it). */
function StatementPdfLink({ url, slug }: { url: string; slug: string }) {
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
        Statement (PDF)
      </a>
      <ErrorMessage error={error} title="Not downloaded" />
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
  return (
    <div className="problem-text">
      {heading}
      {limits && <Limits problem={problem} brief={limits === 'brief'} />}
      {problem.statementFiles?.pdf && <StatementPdfLink url={problem.statementFiles.pdf} slug={problem.slug} />}
      {problem.statement ? (
        <Statement source={withoutTitle(problem.statement, problem.title)} files={problem.statementFiles} />
      ) : (
        !problem.statementFiles?.pdf && <EmptyState>This problem has no statement.</EmptyState>
      )}
      <SampleTests samples={problem.samples} />
    </div>
  );
}
