import type { SubmissionTestView } from '@judge/contract';
import { formatMemoryKb, formatTime } from './format';
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
  return (
    <div className="table-scroll">
      {total ? (
        <p className="hint" data-testid="tests-judged">
          {rows.length} / {total} judged
        </p>
      ) : null}
      <table className="tests">
        <caption className="visually-hidden">Tests</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Test</th>
            <th scope="col">Verdict</th>
            <th scope="col" className="num">
              Time
            </th>
            <th scope="col" className="num">
              Memory
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ index, test }) => (
            <tr key={`${index}-${test.name}`} data-testid="test-row">
              <td>
                {index}
                {total ? <span className="muted">/{total}</span> : null}
              </td>
              <td className="test-name">
                {test.name}
                {test.passes !== undefined && (
                  <span className="muted">
                    {' '}
                    ({test.passes} {test.passes === 1 ? 'pass' : 'passes'})
                  </span>
                )}
              </td>
              <td>
                <VerdictBadge verdict={test.verdict} />
              </td>
              <td className="num">{formatTime(test.timeMs)}</td>
              <td className="num">{formatMemoryKb(test.memoryKb)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
