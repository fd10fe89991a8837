import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import type { PlagiarismPair, PlagiarismRegion, PlagiarismReport } from '@judge/contract';
import { useAssignmentPlagiarism, useProblemPlagiarism, useSubmissionSource } from '../../api/courses';
import { useEditorMode } from '../../api/hooks';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatDate, formatNumber, shortId } from '../../components/format';
import { activeLocale } from '../../i18n/active-locale';
import { useT } from '../../i18n/i18n-provider';
import { SourceLines, splitLines } from './source-lines';

/** Region colours cycle through this many classes (match-0 ... match-5 in styles.css). */
const COLOURS = 6;

/** "87%", in the language's way of writing a percentage ("87 %" in Spanish). */
const percent = (similarity: number) =>
  new Intl.NumberFormat(activeLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(similarity);
/** The bar's width: a CSS length, whatever the language. */
const width = (similarity: number) => `${Math.round(similarity * 100)}%`;

/** The index of the region a line of one side falls in, if any. */
function regionOf(regions: PlagiarismRegion[], side: 'a' | 'b', line: number): number | null {
  const index = regions.findIndex((r) => line >= r[side].startLine && line <= r[side].endLine);
  return index < 0 ? null : index;
}

function SimilarityBar({ similarity }: { similarity: number }) {
  return (
    <span className="similarity">
      <span className="similarity-bar" aria-hidden="true">
        <span style={{ width: width(similarity) }} />
      </span>
      <span className="similarity-value">{percent(similarity)}</span>
    </span>
  );
}

function PairSide({ pair, side }: { pair: PlagiarismPair; side: 'a' | 'b' }) {
  const t = useT();
  const ref = pair[side];
  const submission = useSubmissionSource(ref.submissionId);
  const mode = useEditorMode(ref.language);
  return (
    <div className="pair-side">
      <h3>
        {ref.username} · <Link to={`/submissions/${ref.submissionId}`}>{shortId(ref.submissionId)}</Link>{' '}
        <span className="muted">
          {ref.language} · {formatDate(ref.createdAt)}
        </span>
      </h3>
      {submission.isPending && <Loading what={t('review.plagiarism.loadingSource')} />}
      <ErrorMessage error={submission.error} title={t('review.plagiarism.sourceError')} />
      {submission.data &&
        (submission.data.source === undefined ? (
          <EmptyState>{t('review.plagiarism.hidden')}</EmptyState>
        ) : (
          <SourceLines
            lines={splitLines(submission.data.source)}
            label={t('review.plagiarism.sourceOf', { name: ref.username })}
            mode={mode}
            lineClass={(line) => {
              const region = regionOf(pair.regions, side, line);
              return region === null ? undefined : `match match-${region % COLOURS}`;
            }}
          />
        ))}
    </div>
  );
}

/** One pair: both sources side by side, each matching region in the same colour on both sides. */
function PairView({ pair, back }: { pair: PlagiarismPair; back: () => void }) {
  const t = useT();
  return (
    <section aria-labelledby="pair-heading">
      <div className="page-head">
        <h2 id="pair-heading">
          {t('review.plagiarism.pairTitle', {
            a: pair.a.username,
            b: pair.b.username,
            similarity: percent(pair.similarity),
          })}
        </h2>
        <button type="button" className="button-small" onClick={back}>
          {t('review.plagiarism.allPairs')}
        </button>
      </div>
      {pair.regions.length > 0 && (
        <ol className="region-legend">
          {pair.regions.map((r, i) => (
            <li key={i} className={`match match-${i % COLOURS}`}>
              {t('review.plagiarism.region', {
                aStart: r.a.startLine,
                aEnd: r.a.endLine,
                bStart: r.b.startLine,
                bEnd: r.b.endLine,
              })}
            </li>
          ))}
        </ol>
      )}
      <div className="pair-sources">
        <PairSide pair={pair} side="a" />
        <PairSide pair={pair} side="b" />
      </div>
    </section>
  );
}

function Report({ report }: { report: PlagiarismReport }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const a = params.get('a');
  const b = params.get('b');
  const open = report.pairs.find((p) => p.a.submissionId === a && p.b.submissionId === b);
  if (open) return <PairView pair={open} back={() => setParams({})} />;

  return (
    <>
      <p className="hint">{t('review.plagiarism.compared', { count: report.submissions })}</p>
      {report.pairs.length === 0 ? (
        <EmptyState>{t('review.plagiarism.noPairs')}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="plagiarism-pairs">
            <thead>
              <tr>
                <th scope="col">{t('review.plagiarism.students')}</th>
                <th scope="col">{t('review.plagiarism.similarity')}</th>
                <th scope="col" className="num">
                  {t('review.plagiarism.regions')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('review.plagiarism.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {report.pairs.map((p) => (
                <tr key={`${p.a.submissionId}:${p.b.submissionId}`} data-testid="plagiarism-pair">
                  <td>
                    {p.a.username} · {p.b.username}
                  </td>
                  <td>
                    <SimilarityBar similarity={p.similarity} />
                  </td>
                  <td className="num">{formatNumber(p.regions.length)}</td>
                  <td>
                    <button
                      type="button"
                      className="button-small"
                      onClick={() => setParams({ a: p.a.submissionId, b: p.b.submissionId })}
                      aria-label={t('review.plagiarism.compareLabel', { a: p.a.username, b: p.b.username })}
                    >
                      {t('review.plagiarism.compare')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** A report's page: the way back to what it is about, then the pairs (the API compares while the page waits). */
function ReportPage({ back, report }: { back: ReactNode; report: UseQueryResult<PlagiarismReport> }) {
  const t = useT();
  return (
    <div className="page plagiarism-page">
      <p className="breadcrumb">{back}</p>
      <h1>{t('review.plagiarism.title')}</h1>
      {report.isPending && <Loading what={t('review.plagiarism.comparing')} />}
      <ErrorMessage error={report.error} title={t('review.plagiarism.noReport')} />
      {report.data && <Report report={report.data} />}
    </div>
  );
}

/** The plagiarism report of a problem (`/admin/problems/:id/plagiarism`). */
export function ProblemPlagiarismPage() {
  const t = useT();
  const { id = '' } = useParams();
  const report = useProblemPlagiarism(id);
  return <ReportPage back={<Link to={`/admin/problems/${id}`}>{t('review.backToProblem')}</Link>} report={report} />;
}

/** The plagiarism report of an assignment (`/courses/:courseId/assignments/:assignmentId/plagiarism`). */
export function AssignmentPlagiarismPage() {
  const t = useT();
  const { courseId = '', assignmentId = '' } = useParams();
  const report = useAssignmentPlagiarism(courseId, assignmentId);
  return (
    <ReportPage
      back={<Link to={`/courses/${courseId}/assignments/${assignmentId}`}>{t('review.backToAssignment')}</Link>}
      report={report}
    />
  );
}
