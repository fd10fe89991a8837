import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { GradeCell } from '@judge/contract';
import { download } from '../../api/client';
import { gradesCsvPath, useAssignment, useGrades } from '../../api/courses';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatDate, formatPoints } from '../../components/format';
import { assignmentSubmissionPath } from './paths';

function Cell({ cell, courseId, assignmentId }: { cell: GradeCell | null; courseId: string; assignmentId: string }) {
  if (!cell) return <td className="num grade-empty">—</td>;
  const notes = [
    `Best submission ${formatDate(cell.submittedAt)}`,
    `judge: ${formatPoints(cell.autoPoints)} points`,
    cell.late ? 'late' : null,
    cell.adjusted ? 'adjusted by a teacher' : null,
  ].filter(Boolean);
  return (
    <td className="num grade-cell" title={notes.join(', ')} data-testid="grade-cell">
      <Link
        to={assignmentSubmissionPath(courseId, assignmentId, cell.submissionId)}
        aria-label={`${formatPoints(cell.points)} points: best submission`}
      >
        {formatPoints(cell.points)}
      </Link>
      {cell.late && <span className="marker marker-late">late</span>}
      {cell.adjusted && <span className="marker marker-adjusted">adjusted</span>}
      <span className="grade-time">{formatDate(cell.submittedAt)}</span>
    </td>
  );
}

/** Students × problems of one assignment: points, late and adjusted marks, best submissions; CSV for export. */
export function GradesPage() {
  const { courseId = '', assignmentId = '' } = useParams();
  const assignment = useAssignment(courseId, assignmentId);
  const grades = useGrades(courseId, assignmentId);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [downloading, setDownloading] = useState(false);

  const csv = () => {
    setDownloadError(null);
    setDownloading(true);
    download(gradesCsvPath(courseId, assignmentId), 'grades.csv')
      .catch(setDownloadError)
      .finally(() => setDownloading(false));
  };

  return (
    <div className="page grades-page">
      <p className="breadcrumb">
        <Link to={`/courses/${courseId}/assignments/${assignmentId}`}>
          {assignment.data?.title ?? 'Back to the assignment'}
        </Link>
      </p>
      <div className="page-head">
        <h1>Grades</h1>
        <button type="button" onClick={csv} disabled={downloading}>
          {downloading ? 'Downloading…' : 'Download CSV'}
        </button>
      </div>
      <ErrorMessage error={downloadError} title="Not downloaded" />
      {grades.isPending && <Loading what="Loading the grades" />}
      <ErrorMessage error={grades.error} title="Could not load the grades" />
      {grades.data && grades.data.rows.length === 0 && <EmptyState>No student in this course yet.</EmptyState>}
      {grades.data && grades.data.rows.length > 0 && (
        <>
          <p className="hint">
            Points after the late penalty and any adjustment, out of 100 per problem. Each links to the best submission.
          </p>
          <div className="table-scroll">
            <table className="grades">
              <thead>
                <tr>
                  <th scope="col">Student</th>
                  {grades.data.problems.map((p) => (
                    <th scope="col" className="num" key={p.label} title={p.title}>
                      {p.label}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {grades.data.rows.map((row) => (
                  <tr key={row.userId} data-testid="grade-row">
                    <th scope="row">{row.username}</th>
                    {grades.data.problems.map((p) => (
                      <Cell
                        key={p.label}
                        cell={row.cells[p.label] ?? null}
                        courseId={courseId}
                        assignmentId={assignmentId}
                      />
                    ))}
                    <td className="num grade-total">{formatPoints(row.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
