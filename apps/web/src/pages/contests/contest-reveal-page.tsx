import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  revealFrames,
  type ContestAward,
  type ContestView,
  type RevealData,
  type RevealFrame,
  type ScoreboardRow,
} from '@judge/contract';
import { useContest, useUnfreeze } from '../../api/contests';
import { useRevealData } from '../../api/reveal';
import { ErrorMessage, Loading, PageError } from '../../components/error-message';
import { formatNumber } from '../../components/format';
import { useT, type Translate } from '../../i18n/i18n-provider';
import { ScoreboardTable } from './scoreboard-table';

/** Auto-play: milliseconds between steps. */
export const REVEAL_SPEEDS = { slow: 3000, normal: 1500, fast: 500 } as const;
type Speed = keyof typeof REVEAL_SPEEDS;

const MEDAL_CLASSES: Record<string, string> = {
  'gold-medal': 'reveal-gold',
  'silver-medal': 'reveal-silver',
  'bronze-medal': 'reveal-bronze',
};

/** An award's name in the reader's language, by its id (the API's citation is English). */
export function awardName(award: ContestAward, t: Translate): string {
  if (award.id === 'winner') return t('reveal.award.winner');
  if (award.id === 'gold-medal') return t('reveal.award.gold');
  if (award.id === 'silver-medal') return t('reveal.award.silver');
  if (award.id === 'bronze-medal') return t('reveal.award.bronze');
  const first = /^first-to-solve-(.+)$/.exec(award.id);
  return first ? t('reveal.award.firstToSolve', { label: first[1] }) : award.citation;
}

/** What the last step did, in words (also read out by screen readers). */
function stepText(frame: RevealFrame, data: RevealData, t: Translate): string | null {
  const step = frame.step;
  if (!step) return null;
  const index = frame.rows.findIndex((r) => r.userId === step.userId);
  const row = frame.rows[index];
  if (!row) return null;
  if (step.kind === 'final') return t('reveal.step.final', { name: row.username, rank: row.rank });
  const cell = row.problems[step.label];
  const result =
    data.frozen.scoring === 'ioi'
      ? t('reveal.result.points', { points: formatNumber(cell?.score ?? 0, 2) })
      : cell?.solvedAtMinutes !== null && cell?.solvedAtMinutes !== undefined
        ? t('reveal.result.solved', { minute: cell.solvedAtMinutes })
        : t('reveal.result.rejected');
  const text = t('reveal.step.cell', { name: row.username, label: step.label, result });
  return step.to < step.from
    ? `${text} ${t('reveal.step.moved', { name: row.username, from: step.from + 1, to: step.to + 1 })}`
    : text;
}

/** Key presses that step: Space and → forward, ← back; not while typing in a field or choosing in a list. */
function useStepKeys(forward: () => void, back: () => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if (event.key === ' ' || event.key === 'ArrowRight') {
        event.preventDefault();
        forward();
      } else if (event.key === 'ArrowLeft') {
        event.preventDefault();
        back();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [forward, back]);
}

function Reveal({ contest, data }: { contest: ContestView; data: RevealData }) {
  const t = useT();
  const frames = useMemo(() => revealFrames(data), [data]);
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>('normal');
  const unfreeze = useUnfreeze(contest.id);
  const last = frames.length - 1;
  const frame = frames[Math.min(index, last)];
  const atEnd = index >= last;

  const forward = useCallback(() => setIndex((i) => Math.min(i + 1, last)), [last]);
  const back = useCallback(() => {
    setPlaying(false);
    setIndex((i) => Math.max(i - 1, 0));
  }, []);
  useStepKeys(forward, back);

  useEffect(() => {
    if (!playing) return;
    if (atEnd) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(forward, REVEAL_SPEEDS[speed]);
    return () => clearTimeout(timer);
  }, [playing, atEnd, speed, forward, index]);

  // The row being resolved stays in sight on a long board.
  useEffect(() => {
    document.querySelector('.reveal-current')?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  }, [frame]);

  // Awards are shown as their rows become final: those given up to this frame, latest first.
  const given = frames
    .slice(1, index + 1)
    .flatMap((f) => (f.step?.kind === 'final' ? [{ userId: f.step.userId, awards: f.step.awards }] : []))
    .reverse();
  const finalIds = new Set(frame.rows.slice(frame.rows.length - frame.finalRows).map((r) => r.userId));
  const medalOf = new Map<string, string>();
  for (const award of data.awards) {
    const medal = MEDAL_CLASSES[award.id];
    if (medal) for (const id of award.teamIds) medalOf.set(id, medal);
  }
  const nameOf = (userId: string) => frame.rows.find((r) => r.userId === userId)?.username ?? userId;
  const rowClass = (row: ScoreboardRow) =>
    [
      finalIds.has(row.userId) ? `reveal-final ${medalOf.get(row.userId) ?? ''}` : '',
      row.userId === frame.next ? 'reveal-current' : '',
      frame.step?.userId === row.userId ? 'reveal-changed' : '',
    ]
      .join(' ')
      .trim() || undefined;
  const lastAwards = frame.step?.kind === 'final' ? frame.step.awards : [];
  const winners = data.awards.find((a) => a.id === 'winner')?.teamIds ?? [];
  const text = stepText(frame, data, t);

  return (
    <div className="reveal-screen" data-testid="reveal-screen">
      <div className="reveal-head">
        <h1>{t('reveal.title', { title: contest.title })}</h1>
        <div className="reveal-controls" role="group" aria-label={t('reveal.controls')}>
          <button type="button" onClick={back} disabled={index === 0}>
            {t('reveal.back')}
          </button>
          <button type="button" className="button-primary" onClick={forward} disabled={atEnd}>
            {t('reveal.next')}
          </button>
          <button type="button" aria-pressed={playing} onClick={() => setPlaying((p) => !p)} disabled={atEnd}>
            {t('reveal.autoPlay')}
          </button>
          <label className="field field-inline">
            <span>{t('reveal.speed')}</span>
            <select value={speed} onChange={(e) => setSpeed(e.target.value as Speed)}>
              {(Object.keys(REVEAL_SPEEDS) as Speed[]).map((s) => (
                <option key={s} value={s}>
                  {t(`reveal.speed.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <span className="muted" data-testid="reveal-progress">
            {t('reveal.progress', { step: index, total: last })}
          </span>
          <Link to={`/contests/${contest.id}/scoreboard`}>{t('reveal.exit')}</Link>
        </div>
        <p className="hint">{t('reveal.keys')}</p>
      </div>
      <div className="reveal-announce" role="status" aria-live="polite" data-testid="reveal-announce">
        {text && <p>{text}</p>}
        {lastAwards.length > 0 && (
          <p className="reveal-awards-now">{lastAwards.map((a) => awardName(a, t)).join(' · ')}</p>
        )}
      </div>
      {atEnd && (
        <div className="reveal-end" data-testid="reveal-end">
          <p className="reveal-winner">
            {winners.length > 0
              ? t('reveal.winner', { names: winners.map(nameOf).join(', '), count: winners.length })
              : t('reveal.over')}
          </p>
          {contest.freezesAt !== null &&
            (contest.unfrozen ? (
              <p className="hint">{t('reveal.unfrozen')}</p>
            ) : (
              <button
                type="button"
                className="button-primary"
                onClick={() => unfreeze.mutate()}
                disabled={unfreeze.isPending}
              >
                {unfreeze.isPending ? t('reveal.unfreezing') : t('reveal.unfreeze')}
              </button>
            ))}
          <ErrorMessage error={unfreeze.error} title={t('reveal.notUnfrozen')} />
        </div>
      )}
      <ScoreboardTable board={{ ...data.final, rows: frame.rows }} rowClass={rowClass} />
      {given.length > 0 && (
        <section className="reveal-given" aria-label={t('reveal.awards')}>
          <h2>{t('reveal.awards')}</h2>
          <ul>
            {given.map(({ userId, awards }) => (
              <li key={userId}>
                <strong>{nameOf(userId)}</strong>: {awards.map((a) => awardName(a, t)).join(', ')}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/**
 * Staff, after the end: the closing ceremony's board. It starts from the public frozen board and resolves it row by
 * row from the bottom (revealFrames in @judge/contract), one step per key press or on auto-play, showing each
 * row's awards as it becomes final and the winner at the end; then unfreezes the board for everyone.
 */
export function ContestRevealPage() {
  const t = useT();
  const { id = '' } = useParams();
  const contest = useContest(id);
  const data = useRevealData(id);
  if (contest.isPending || data.isPending) return <Loading what={t('reveal.loading')} />;
  const error = contest.error ?? data.error;
  if (error || !contest.data || !data.data)
    return (
      <PageError
        title={t('reveal.loadError')}
        error={error}
        back={<Link to={`/contests/${id}`}>{t('reveal.backToContest')}</Link>}
      />
    );
  return <Reveal contest={contest.data} data={data.data} />;
}
