import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { SubmissionView } from '@judge/contract';
import { useLanguages } from '../api/hooks';
import { useT } from '../i18n/i18n-provider';
import { formatDate, formatMemoryKb, formatNumber, formatTime, shortId } from './format';

/** A page of submissions, one row each, opening the submission page; used for practice and for a contest. */
export function SubmissionsTable({
  items,
  showUser,
  problem,
  result,
  rowTestId,
}: {
  items: SubmissionView[];
  /** A column of who submitted, for those who see everyone's submissions. */
  showUser: boolean;
  /** The problem cell: the problem named and linked as the list's setting reads it. */
  problem: (submission: SubmissionView) => ReactNode;
  /**
   * The verdict cell, a SubmissionResult with or without the score (scoring problems, IOI contests). The page
   * passes it: with this module importing the badges, the bundler split the first page into shared chunks
   * (2 KB gzip more).
   */
  result: (submission: SubmissionView) => ReactNode;
  rowTestId?: string;
}) {
  const t = useT();
  const languages = useLanguages();
  const languageName = new Map((languages.data ?? []).map((l) => [l.id, l.name]));
  return (
    <div className="table-scroll">
      <table className="submissions">
        <thead>
          <tr>
            <th scope="col">{t('submission.column.submission')}</th>
            <th scope="col">{t('submission.column.when')}</th>
            {showUser && <th scope="col">{t('submission.column.user')}</th>}
            <th scope="col">{t('submission.problem')}</th>
            <th scope="col">{t('submission.language')}</th>
            <th scope="col">{t('submission.verdict')}</th>
            <th scope="col" className="num">
              {t('submission.time')}
            </th>
            <th scope="col" className="num col-memory">
              {t('submission.memory')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id} data-testid={rowTestId}>
              <td>
                <Link to={`/submissions/${s.id}`} aria-label={t('submission.heading', { id: shortId(s.id) })}>
                  {shortId(s.id)}
                </Link>
              </td>
              <td>{formatDate(s.createdAt)}</td>
              {showUser && (
                <td>
                  {s.username ? (
                    <Link to={`/users/${encodeURIComponent(s.username)}`}>{s.username}</Link>
                  ) : (
                    shortId(s.userId)
                  )}
                </td>
              )}
              <td>{problem(s)}</td>
              <td>{languageName.get(s.language) ?? s.language}</td>
              <td>{result(s)}</td>
              <td className="num">{formatTime(s.timeMs)}</td>
              <td className="num col-memory">{formatMemoryKb(s.memoryKb)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Newer and older pages of a list the API gives a page at a time; shown once there is more than one page. */
export function Pager({ page, fullPage, goTo }: { page: number; fullPage: boolean; goTo: (page: number) => void }) {
  const t = useT();
  if (page <= 1 && !fullPage) return null;
  return (
    <nav className="pager" aria-label={t('submission.pages')}>
      <button type="button" disabled={page <= 1} onClick={() => goTo(page - 1)}>
        {t('submission.newer')}
      </button>
      <span>{t('submission.page', { page: formatNumber(page) })}</span>
      <button type="button" disabled={!fullPage} onClick={() => goTo(page + 1)}>
        {t('submission.older')}
      </button>
    </nav>
  );
}
