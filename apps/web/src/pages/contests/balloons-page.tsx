import type { BalloonView } from '@judge/contract';
import { useBalloonDone, useBalloons } from '../../api/onsite';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatDate } from '../../components/format';
import { useT } from '../../i18n/i18n-provider';
import { useContestContext } from './contest-layout';

/** A problem's balloon colour as a swatch; a dashed outline when none was chosen. */
function Swatch({ color }: { color: string | null }) {
  const t = useT();
  return (
    <span
      className={`balloon-swatch${color ? '' : ' balloon-swatch-none'}`}
      style={color ? { backgroundColor: color } : undefined}
      role="img"
      aria-label={color ? t('onsite.balloons.color', { color }) : t('onsite.balloons.noColor')}
    />
  );
}

function BalloonRow({ contestId, balloon }: { contestId: string; balloon: BalloonView }) {
  const t = useT();
  const mark = useBalloonDone(contestId);
  return (
    <tr data-testid={balloon.done ? 'balloon-done' : 'balloon'}>
      <td>
        <Swatch color={balloon.color} /> <strong>{balloon.problemLabel}</strong>
        {balloon.firstToSolve && <span className="badge balloon-first">{t('onsite.balloons.first')}</span>}
      </td>
      <td>{balloon.name}</td>
      <td>{balloon.location ?? '—'}</td>
      <td>{formatDate(balloon.submittedAt)}</td>
      {balloon.done && <td className="muted">{t('onsite.balloons.doneBy', { who: balloon.doneBy ?? '—' })}</td>}
      <td>
        <button
          type="button"
          className={balloon.done ? 'button-small' : 'button-primary button-small'}
          disabled={mark.isPending}
          onClick={() => mark.mutate({ submissionId: balloon.submissionId, done: !balloon.done })}
        >
          {balloon.done ? t('onsite.balloons.undo') : t('onsite.balloons.done')}
        </button>
        <ErrorMessage error={mark.error} />
      </td>
    </tr>
  );
}

function BalloonTable({ contestId, items, done }: { contestId: string; items: BalloonView[]; done: boolean }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="balloons">
        <thead>
          <tr>
            <th>{t('onsite.balloons.problem')}</th>
            <th>{t('onsite.balloons.team')}</th>
            <th>{t('onsite.balloons.location')}</th>
            <th>{t('onsite.balloons.time')}</th>
            {done && <th>{t('onsite.balloons.doneHeading')}</th>}
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((b) => (
            <BalloonRow key={b.submissionId} contestId={contestId} balloon={b} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The runners' queue: balloons to take out, oldest first, and those handed out, latest first. */
export function BalloonsPage() {
  const t = useT();
  const { contest } = useContestContext();
  const balloons = useBalloons(contest.id);
  const items = balloons.data?.items ?? [];
  const pending = items.filter((b) => !b.done);
  const done = items.filter((b) => b.done).reverse();
  return (
    <section aria-label={t('onsite.balloons.title')}>
      <h2>{t('onsite.balloons.title')}</h2>
      {balloons.isPending && <Loading what={t('onsite.balloons.loading')} />}
      <ErrorMessage error={balloons.error} title={t('onsite.balloons.loadError')} />
      {(balloons.data?.heldBack ?? 0) > 0 && (
        <p className="alert" data-testid="balloons-held-back">
          {t('onsite.balloons.heldBack', { count: balloons.data?.heldBack ?? 0 })}
        </p>
      )}
      {balloons.data && (
        <>
          <h3>{t('onsite.balloons.pending', { count: pending.length })}</h3>
          {pending.length === 0 ? (
            <EmptyState>{t('onsite.balloons.nonePending')}</EmptyState>
          ) : (
            <BalloonTable contestId={contest.id} items={pending} done={false} />
          )}
          <h3>{t('onsite.balloons.doneList', { count: done.length })}</h3>
          {done.length === 0 ? (
            <EmptyState>{t('onsite.balloons.noneDone')}</EmptyState>
          ) : (
            <BalloonTable contestId={contest.id} items={done} done />
          )}
        </>
      )}
    </section>
  );
}
