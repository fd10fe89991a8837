import { Link } from 'react-router';
import type { ContestScoring, ScoreboardCell, ScoreboardRow, ScoreboardTeam, ScoreboardView } from '@judge/contract';
import { formatNumber } from '../../components/format';
import { useT, type Translate } from '../../i18n/i18n-provider';

/** What a cell says to a screen reader (and in its tooltip): everything the compact numbers stand for. */
export function describeCell(label: string, cell: ScoreboardCell, scoring: ContestScoring, t: Translate): string {
  const parts: string[] = [];
  const attempts = cell.attempts;
  if (scoring === 'ioi') {
    if (cell.attempts > 0 || cell.score !== null)
      parts.push(t('contest.cell.points', { points: cell.score ?? 0, attempts }));
  } else if (cell.solvedAtMinutes !== null) {
    parts.push(t('contest.cell.solved', { minute: cell.solvedAtMinutes, attempts }));
  } else if (cell.attempts > 0) {
    parts.push(t('contest.cell.rejected', { attempts }));
  }
  if (cell.pending > 0) parts.push(t('contest.cell.pending', { count: cell.pending }));
  if (cell.firstToSolve) parts.push(t('contest.cell.first'));
  return t('contest.cell.label', {
    label,
    parts: parts.length > 0 ? parts.join(t('contest.cell.separator')) : t('contest.cell.notTried'),
  });
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
  const t = useT();
  if (!cell || (cell.attempts === 0 && cell.pending === 0 && cell.score === null))
    return (
      <td className="sb-cell" aria-label={t('contest.cell.label', { label, parts: t('contest.cell.notTried') })} />
    );
  const description = describeCell(label, cell, scoring, t);
  let main: string | null = null;
  let sub: string | null = null;
  if (scoring === 'ioi') {
    if (cell.attempts > 0 || cell.score !== null) main = formatNumber(cell.score ?? 0, 2);
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

/** A team contest's row: the team's name, and beneath it its affiliation and country. */
function TeamName({ team }: { team: ScoreboardTeam }) {
  const organization = team.organization;
  return (
    <>
      <span className="sb-team">{team.name}</span>
      {organization && (
        <span className="sb-affiliation">
          {organization.name}
          {organization.country && (
            <>
              {' '}
              <abbr className="sb-country">{organization.country}</abbr>
            </>
          )}
        </span>
      )}
    </>
  );
}

/**
 * The standings: rank, user, solved and penalty (ICPC) or score (IOI), and a cell per problem. It scrolls
 * sideways inside its own box, so that a phone scrolls the board and not the page.
 */
export function ScoreboardTable({
  board,
  me,
  linkUsers = false,
  rowClass,
}: {
  board: ScoreboardView;
  me?: string | null;
  /** More classes for a row (the reveal marks the row it resolves and the final ones). */
  rowClass?: (row: ScoreboardRow) => string | undefined;
  /** Each username opens the user's profile (for signed-in viewers: profiles need a session). */
  linkUsers?: boolean;
}) {
  const t = useT();
  const icpc = board.scoring === 'icpc';
  return (
    <div className="table-scroll scoreboard-scroll" tabIndex={0} aria-label={t('contest.board.scrolls')}>
      <table className="scoreboard">
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('contest.board.rank')}
            </th>
            <th scope="col" className="sb-user">
              {t('contest.board.user')}
            </th>
            {icpc ? (
              <>
                <th scope="col" className="num">
                  {t('contest.board.solved')}
                </th>
                <th scope="col" className="num">
                  {t('contest.board.penalty')}
                </th>
              </>
            ) : (
              <th scope="col" className="num">
                {t('contest.board.score')}
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
            <tr
              key={row.userId}
              data-testid="scoreboard-row"
              className={
                [row.userId === me ? 'sb-me' : '', row.virtual ? 'sb-virtual' : '', rowClass?.(row) ?? '']
                  .filter(Boolean)
                  .join(' ') || undefined
              }
            >
              <td className="num sb-rank">{row.rank}</td>
              <th scope="row" className="sb-user">
                {row.team ? (
                  <TeamName team={row.team} />
                ) : linkUsers ? (
                  <Link to={`/users/${encodeURIComponent(row.username)}`}>{row.username}</Link>
                ) : (
                  row.username
                )}
                {row.virtual && (
                  <>
                    {' '}
                    <span className="badge sb-virtual-badge">{t('virtual.rowBadge')}</span>
                  </>
                )}
              </th>
              {icpc ? (
                <>
                  <td className="num sb-total" aria-label={t('contest.board.solvedValue', { value: row.solved })}>
                    {formatNumber(row.solved)}
                  </td>
                  <td className="num" aria-label={t('contest.board.penaltyValue', { value: row.penalty })}>
                    {formatNumber(row.penalty)}
                  </td>
                </>
              ) : (
                <td className="num sb-total" aria-label={t('contest.board.scoreValue', { value: row.score })}>
                  {formatNumber(row.score, 2)}
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
