import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ContestScoring, ContestView } from '@judge/contract';
import { useRegisterForContest } from '../../api/contests';
import { EmptyState, ErrorMessage } from '../../components/error-message';
import { formatMemoryMb, formatNumber } from '../../components/format';
import { Statement } from '../../components/statement';
import { TimeLimit } from '../../components/time-limit';
import { useT } from '../../i18n/i18n-provider';
import { useContestContext } from './contest-layout';
import { VirtualBox } from './virtual-pages';

const REGISTRATION_HINTS = {
  open: 'contest.register.open',
  invite: 'contest.register.invite',
  code: 'contest.register.code',
} as const;

/** The catalog keys naming a scoring rule and how it ranks. */
export const SCORING_KEYS: Record<ContestScoring, { name: string; ranking: string }> = {
  icpc: { name: 'contest.scoring.icpc', ranking: 'contest.scoring.icpcRanking' },
  ioi: { name: 'contest.scoring.ioi', ranking: 'contest.scoring.ioiRanking' },
};

/**
 * Registering: a button, with a join-code field for contests that need one; the API's refusal shown as it says.
 * On the overview, and on a problem's tab opened before registering.
 */
export function RegisterBox({ contest }: { contest: ContestView }) {
  const t = useT();
  const register = useRegisterForContest(contest.id);
  const [code, setCode] = useState('');

  if (contest.registered)
    return (
      <div className="alert alert-success" role="status">
        {t('contest.register.done')}
      </div>
    );
  if (contest.phase === 'ended') return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate(contest.registration === 'code' ? code.trim() : undefined);
  };

  return (
    <form className="card register-box" aria-label={t('contest.register.label')} onSubmit={submit}>
      <h2>{t('contest.register.heading')}</h2>
      <p className="hint">{t(REGISTRATION_HINTS[contest.registration])}</p>
      <div className="row">
        {contest.registration === 'code' && (
          <label className="field field-inline">
            <span>{t('contest.joinCode')}</span>
            <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" required />
          </label>
        )}
        <button type="submit" className="button-primary" disabled={register.isPending}>
          {register.isPending ? t('contest.register.pending') : t('contest.register.button')}
        </button>
      </div>
      <ErrorMessage error={register.error} title={t('contest.register.failed')} />
    </form>
  );
}

/** Staff see how people get in. */
function AccessFacts({ contest }: { contest: ContestView }) {
  const t = useT();
  if (!contest.canManage) return null;
  return (
    <>
      {contest.joinCode && (
        <div>
          <dt>{t('contest.joinCode')}</dt>
          <dd className="mono">{contest.joinCode}</dd>
        </div>
      )}
      {contest.invited && contest.registration === 'invite' && (
        <div>
          <dt>{t('contest.invited')}</dt>
          <dd>{contest.invited.length === 0 ? t('contest.invitedNobody') : contest.invited.join(', ')}</dd>
        </div>
      )}
    </>
  );
}

/** The first tab of a contest: its description and rules, registering, and the problems. */
export function ContestOverview() {
  const t = useT();
  const { contest } = useContestContext();
  const base = `/contests/${contest.id}`;
  return (
    <div className="contest-overview">
      <dl className="facts">
        <div>
          <dt>{t('contest.rules')}</dt>
          <dd>
            {t(SCORING_KEYS[contest.scoring].name)} ({t(SCORING_KEYS[contest.scoring].ranking)})
          </dd>
        </div>
        <div>
          <dt>{t('contest.freeze')}</dt>
          <dd>
            {contest.freezeMinutes > 0
              ? t('contest.freezeLast', { minutes: contest.freezeMinutes })
              : t('contest.freezeNone')}
          </dd>
        </div>
        <div>
          <dt>{t('contest.participants')}</dt>
          <dd>{formatNumber(contest.participants)}</dd>
        </div>
        {contest.practiceAfter && (
          <div>
            <dt>{t('contest.afterEnd')}</dt>
            <dd>{t('contest.practice')}</dd>
          </div>
        )}
        <AccessFacts contest={contest} />
      </dl>
      {contest.description && <Statement source={contest.description} label={t('contest.description')} />}
      {!contest.canManage && <RegisterBox contest={contest} />}
      <VirtualBox contest={contest} />
      <h2>{t('contest.problems')}</h2>
      {contest.problems.length === 0 ? (
        <EmptyState>{contest.phase === 'upcoming' ? t('contest.problemsAtStart') : t('contest.noProblems')}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="contest-problems">
            <thead>
              <tr>
                <th scope="col" className="mark-col">
                  <span className="visually-hidden">{t('contest.status')}</span>
                </th>
                <th scope="col">{t('contest.problem')}</th>
                <th scope="col">{t('problem.timeLimit')}</th>
                <th scope="col">{t('problem.memoryLimit')}</th>
              </tr>
            </thead>
            <tbody>
              {contest.problems.map((p) => (
                <tr key={p.label}>
                  <td className="mark-col">
                    {p.solved ? (
                      <span className="mark mark-solved" role="img" aria-label={t('problem.mark.solved')}>
                        ✓
                      </span>
                    ) : p.attempted ? (
                      <span className="mark mark-attempted" role="img" aria-label={t('problem.mark.attempted')}>
                        ✗
                      </span>
                    ) : null}
                  </td>
                  <td className="title-col">
                    <Link to={`${base}/problems/${encodeURIComponent(p.label)}`}>
                      {p.label}. {p.title}
                    </Link>
                  </td>
                  <td>
                    <TimeLimit ms={p.timeLimitMs} origin={p.timeLimitOrigin} />
                  </td>
                  <td>{formatMemoryMb(p.memoryMb)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
