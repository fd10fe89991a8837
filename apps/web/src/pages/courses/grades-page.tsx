import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { GradeCell } from '@judge/contract';
import { download } from '../../api/client';
import { gradesCsvPath, useAssignment, useGrades } from '../../api/courses';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatDate, formatPoints } from '../../components/format';
import { useT } from '../../i18n/i18n-provider';
import { assignmentSubmissionPath } from './paths';

function Cell({ cell, courseId, assignmentId }: { cell: GradeCell | null; courseId: string; assignmentId: string }) {
  const t = useT();
  if (!cell) return <td className="num grade-empty">—</td>;
  const notes = [
    t('course.grades.bestAt', { date: formatDate(cell.submittedAt) }),
    t('course.grades.judgePoints', { points: formatPoints(cell.autoPoints) }),
    cell.late ? t('course.marker.late') : null,
    cell.adjusted ? t('course.grades.adjustedByTeacher') : null,
  ].filter(Boolean);
  return (
    <td className="num grade-cell" title={notes.join(t('course.listSeparator'))} data-testid="grade-cell">
      <Link
        to={assignmentSubmissionPath(courseId, assignmentId, cell.submissionId)}
        aria-label={t('course.grades.cellLabel', { points: formatPoints(cell.points) })}
      >
        {formatPoints(cell.points)}
      </Link>
      {cell.late && <span className="marker marker-late">{t('course.marker.late')}</span>}
      {cell.adjusted && <span className="marker marker-adjusted">{t('course.marker.adjusted')}</span>}
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
  const t = useT();

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
          {assignment.data?.title ?? t('course.backToAssignment')}
        </Link>
      </p>
      <div className="page-head">
        <h1>{t('course.grades.heading')}</h1>
        <button type="button" onClick={csv} disabled={downloading}>
          {downloading ? t('course.grades.downloading') : t('course.grades.downloadCsv')}
        </button>
      </div>
      <ErrorMessage error={downloadError} title={t('course.grades.notDownloaded')} />
      {grades.isPending && <Loading what={t('course.grades.loading')} />}
      <ErrorMessage error={grades.error} title={t('course.grades.notLoaded')} />
      {grades.data && grades.data.rows.length === 0 && <EmptyState>{t('course.grades.noStudents')}</EmptyState>}
      {grades.data && grades.data.rows.length > 0 && (
        <>
          <p className="hint">{t('course.grades.hint')}</p>
          <div className="table-scroll">
            <table className="grades">
              <thead>
                <tr>
                  <th scope="col">{t('course.student')}</th>
                  {grades.data.problems.map((p) => (
                    <th scope="col" className="num" key={p.label} title={p.title}>
                      {p.label}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t('course.grades.total')}
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
