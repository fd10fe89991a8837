import type { SubmissionTestView } from '@judge/contract';
import { useT } from '../i18n/i18n-provider';
import { formatMemoryKb, formatNumber, formatTime } from './format';
import { VerdictBadge } from './verdict-badge';

export interface TestRow {
  index: number;
  test: SubmissionTestView;
}

/**
 * One row per finished test: its verdict, time and memory. `total` is the problem's number of tests (judging a
 * pass-fail problem stops at the first failure, so there may be fewer rows): "3 / 5 judged".
 */
export function TestTable({ rows, total }: { rows: TestRow[]; total?: number | null }) {
  const t = useT();
  return (
    <div className="table-scroll">
      {total ? (
        <p className="hint" data-testid="tests-judged">
          {t('submission.judgedOf', { done: rows.length, total })}
        </p>
      ) : null}
      <table className="tests">
        <caption className="visually-hidden">{t('submission.tests')}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('submission.test')}</th>
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
          {rows.map(({ index, test }) => (
            <tr key={`${index}-${test.name}`} data-testid="test-row">
              <td>
                {formatNumber(index)}
                {total ? <span className="muted">/{formatNumber(total)}</span> : null}
              </td>
              <td className="test-name">
                {test.name}
                {test.passes !== undefined && (
                  <span className="muted"> {t('submission.passes', { count: test.passes })}</span>
                )}
              </td>
              <td>
                <VerdictBadge verdict={test.verdict} />
              </td>
              <td className="num">{formatTime(test.timeMs)}</td>
              <td className="num col-memory">{formatMemoryKb(test.memoryKb)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
