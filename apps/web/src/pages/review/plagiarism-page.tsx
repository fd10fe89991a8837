import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import type { PlagiarismPair, PlagiarismRegion, PlagiarismReport } from '@judge/contract';
import { useAssignmentPlagiarism, useProblemPlagiarism, useSubmissionSource } from '../../api/courses';
import { useEditorMode } from '../../api/hooks';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatDate, shortId } from '../../components/format';
import { SourceLines, splitLines } from './source-lines';

/** Region colours cycle through this many classes (match-0 ... match-5 in styles.css). */
const COLOURS = 6;

const percent = (similarity: number) => `${Math.round(similarity * 100)}%`;

/** The index of the region a line of one side falls in, if any. */
function regionOf(regions: PlagiarismRegion[], side: 'a' | 'b', line: number): number | null {
  const index = regions.findIndex((r) => line >= r[side].startLine && line <= r[side].endLine);
  return index < 0 ? null : index;
}

function SimilarityBar({ similarity }: { similarity: number }) {
  return (
    <span className="similarity">
      <span className="similarity-bar" aria-hidden="true">
        <span style={{ width: percent(similarity) }} />
      </span>
      <span className="similarity-value">{percent(similarity)}</span>
    </span>
  );
}

function PairSide({ pair, side }: { pair: PlagiarismPair; side: 'a' | 'b' }) {
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
      {submission.isPending && <Loading what="Loading the source" />}
      <ErrorMessage error={submission.error} title="Could not load the source" />
      {submission.data &&
        (submission.data.source === undefined ? (
          <EmptyState>The source is not visible to you.</EmptyState>
        ) : (
          <SourceLines
            lines={splitLines(submission.data.source)}
            label={`Source of ${ref.username}`}
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
  return (
    <section aria-labelledby="pair-heading">
      <div className="page-head">
        <h2 id="pair-heading">
          {pair.a.username} and {pair.b.username}: {percent(pair.similarity)} similar
        </h2>
        <button type="button" className="button-small" onClick={back}>
          All pairs
        </button>
      </div>
      {pair.regions.length > 0 && (
        <ol className="region-legend">
          {pair.regions.map((r, i) => (
            <li key={i} className={`match match-${i % COLOURS}`}>
              Lines {r.a.startLine}–{r.a.endLine} ↔ {r.b.startLine}–{r.b.endLine}
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
  const [params, setParams] = useSearchParams();
  const a = params.get('a');
  const b = params.get('b');
  const open = report.pairs.find((p) => p.a.submissionId === a && p.b.submissionId === b);
  if (open) return <PairView pair={open} back={() => setParams({})} />;

  return (
    <>
      <p className="hint">
        {report.submissions} submissions compared (each student&apos;s latest accepted one, else their latest), most
        similar pairs first.
      </p>
      {report.pairs.length === 0 ? (
        <EmptyState>No two submissions are alike.</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="plagiarism-pairs">
            <thead>
              <tr>
                <th scope="col">Students</th>
                <th scope="col">Similarity</th>
                <th scope="col" className="num">
                  Regions
                </th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
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
                  <td className="num">{p.regions.length}</td>
                  <td>
                    <button
                      type="button"
                      className="button-small"
                      onClick={() => setParams({ a: p.a.submissionId, b: p.b.submissionId })}
                      aria-label={`Compare ${p.a.username} and ${p.b.username}`}
                    >
                      Compare
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
  return (
    <div className="page plagiarism-page">
      <p className="breadcrumb">{back}</p>
      <h1>Plagiarism report</h1>
      {report.isPending && <Loading what="Comparing the submissions" />}
      <ErrorMessage error={report.error} title="No report" />
      {report.data && <Report report={report.data} />}
    </div>
  );
}

/** The plagiarism report of a problem (`/admin/problems/:id/plagiarism`). */
export function ProblemPlagiarismPage() {
  const { id = '' } = useParams();
  const report = useProblemPlagiarism(id);
  return <ReportPage back={<Link to={`/admin/problems/${id}`}>Back to the problem</Link>} report={report} />;
}

/** The plagiarism report of an assignment (`/courses/:courseId/assignments/:assignmentId/plagiarism`). */
export function AssignmentPlagiarismPage() {
  const { courseId = '', assignmentId = '' } = useParams();
  const report = useAssignmentPlagiarism(courseId, assignmentId);
  return (
    <ReportPage
      back={<Link to={`/courses/${courseId}/assignments/${assignmentId}`}>Back to the assignment</Link>}
      report={report}
    />
  );
}
