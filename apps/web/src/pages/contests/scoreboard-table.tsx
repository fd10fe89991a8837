import type { ContestScoring, ScoreboardCell, ScoreboardView } from '@judge/contract';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What a cell says to a screen reader (and in its tooltip): everything the compact numbers stand for. */
export function describeCell(label: string, cell: ScoreboardCell, scoring: ContestScoring): string {
  const parts: string[] = [];
  if (scoring === 'ioi') {
    if (cell.attempts > 0 || cell.score !== null)
      parts.push(`${cell.score ?? 0} points after ${plural(cell.attempts, 'attempt', 'attempts')}`);
  } else if (cell.solvedAtMinutes !== null) {
    parts.push(`solved at minute ${cell.solvedAtMinutes} with ${plural(cell.attempts, 'attempt', 'attempts')}`);
  } else if (cell.attempts > 0) {
    parts.push(plural(cell.attempts, 'rejected attempt', 'rejected attempts'));
  }
  if (cell.pending > 0) parts.push(`${cell.pending} pending`);
  if (cell.firstToSolve) parts.push('first to solve');
  return `${label}: ${parts.length > 0 ? parts.join(', ') : 'not tried'}`;
}

function cellClass(cell: ScoreboardCell, scoring: ContestScoring): string {
  const classes = ['sb-cell'];
  if (cell.solvedAtMinutes !== null) classes.push('sb-solved');
  else if (scoring === 'ioi' && (cell.score ?? 0) > 0) classes.push('sb-partial');
  else if (cell.attempts > 0) classes.push('sb-rejected');
  if (cell.pending > 0) classes.push('sb-pending');
  if (cell.firstToSolve) classes.push('sb-first');
  return classes.join(' ');
}

function Cell({ label, cell, scoring }: { label: string; cell: ScoreboardCell | undefined; scoring: ContestScoring }) {
  if (!cell || (cell.attempts === 0 && cell.pending === 0 && cell.score === null))
    return <td className="sb-cell" aria-label={`${label}: not tried`} />;
  const description = describeCell(label, cell, scoring);
  let main: string | null = null;
  let sub: string | null = null;
  if (scoring === 'ioi') {
    if (cell.attempts > 0 || cell.score !== null) main = String(cell.score ?? 0);
  } else {
    if (cell.attempts > 0) main = String(cell.attempts);
    if (cell.solvedAtMinutes !== null) sub = `${cell.solvedAtMinutes}′`;
  }
  return (
    <td className={cellClass(cell, scoring)} aria-label={description} title={description}>
      {cell.firstToSolve && (
        <span className="sb-star" aria-hidden="true">
          ★
        </span>
      )}
      {main !== null && <span className="sb-main">{main}</span>}
      {cell.pending > 0 && (
        <span className="sb-pending-count">{main !== null ? `+${cell.pending}?` : `${cell.pending}?`}</span>
      )}
      {sub !== null && <span className="sb-sub">{sub}</span>}
    </td>
  );
}

/**
 * The standings: rank, user, solved and penalty (ICPC) or score (IOI), and a cell per problem. It scrolls
 * sideways inside its own box, so that a phone scrolls the board and not the page.
 */
export function ScoreboardTable({ board, me }: { board: ScoreboardView; me?: string | null }) {
  const icpc = board.scoring === 'icpc';
  return (
    <div className="table-scroll scoreboard-scroll" tabIndex={0} aria-label="Scoreboard, scrolls sideways">
      <table className="scoreboard">
        <thead>
          <tr>
            <th scope="col" className="num">
              Rank
            </th>
            <th scope="col" className="sb-user">
              User
            </th>
            {icpc ? (
              <>
                <th scope="col" className="num">
                  Solved
                </th>
                <th scope="col" className="num">
                  Penalty
                </th>
              </>
            ) : (
              <th scope="col" className="num">
                Score
              </th>
            )}
            {board.problems.map((p) => (
              <th scope="col" key={p.label} className="sb-problem" title={p.title}>
                {p.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {board.rows.map((row) => (
            <tr key={row.userId} data-testid="scoreboard-row" className={row.userId === me ? 'sb-me' : undefined}>
              <td className="num sb-rank">{row.rank}</td>
              <th scope="row" className="sb-user">
                {row.username}
              </th>
              {icpc ? (
                <>
                  <td className="num sb-total" aria-label={`Solved: ${row.solved}`}>
                    {row.solved}
                  </td>
                  <td className="num" aria-label={`Penalty: ${row.penalty}`}>
                    {row.penalty}
                  </td>
                </>
              ) : (
                <td className="num sb-total" aria-label={`Score: ${row.score}`}>
                  {row.score}
                </td>
              )}
              {board.problems.map((p) => (
                <Cell key={p.label} label={p.label} cell={row.problems[p.label]} scoring={board.scoring} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
