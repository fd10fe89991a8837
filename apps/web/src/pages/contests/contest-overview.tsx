import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { SCORING_LABELS, type ContestView } from '@judge/contract';
import { useRegisterForContest } from '../../api/contests';
import { EmptyState, ErrorMessage } from '../../components/error-message';
import { formatMemoryMb, formatTimeLimit } from '../../components/format';
import { Statement } from '../../components/statement';
import { useContestContext } from './contest-layout';

const REGISTRATION_HINTS = {
  open: 'Anyone may take part.',
  invite: 'Only invited users may take part.',
  code: 'Taking part needs the join code from the organisers.',
} as const;

/** Registering: a button, with a join-code field for contests that need one; the API's refusal shown as it says. */
function RegisterBox({ contest }: { contest: ContestView }) {
  const register = useRegisterForContest(contest.id);
  const [code, setCode] = useState('');

  if (contest.registered)
    return (
      <div className="alert alert-success" role="status">
        You are registered for this contest.
      </div>
    );
  if (contest.phase === 'ended') return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate(contest.registration === 'code' ? code.trim() : undefined);
  };

  return (
    <form className="card register-box" aria-label="Register" onSubmit={submit}>
      <h2>Take part</h2>
      <p className="hint">{REGISTRATION_HINTS[contest.registration]}</p>
      <div className="row">
        {contest.registration === 'code' && (
          <label className="field field-inline">
            <span>Join code</span>
            <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" required />
          </label>
        )}
        <button type="submit" className="button-primary" disabled={register.isPending}>
          {register.isPending ? 'Registering…' : 'Register'}
        </button>
      </div>
      <ErrorMessage error={register.error} title="Not registered" />
    </form>
  );
}

/** Staff see how people get in. */
function AccessFacts({ contest }: { contest: ContestView }) {
  if (!contest.canManage) return null;
  return (
    <>
      {contest.joinCode && (
        <div>
          <dt>Join code</dt>
          <dd className="mono">{contest.joinCode}</dd>
        </div>
      )}
      {contest.invited && contest.registration === 'invite' && (
        <div>
          <dt>Invited</dt>
          <dd>{contest.invited.length === 0 ? 'nobody yet' : contest.invited.join(', ')}</dd>
        </div>
      )}
    </>
  );
}

/** The first tab of a contest: its description and rules, registering, and the problems. */
export function ContestOverview() {
  const { contest } = useContestContext();
  const base = `/contests/${contest.id}`;
  return (
    <div className="contest-overview">
      <dl className="facts">
        <div>
          <dt>Rules</dt>
          <dd>
            {SCORING_LABELS[contest.scoring].name} ({SCORING_LABELS[contest.scoring].ranking})
          </dd>
        </div>
        <div>
          <dt>Scoreboard freeze</dt>
          <dd>{contest.freezeMinutes > 0 ? `last ${contest.freezeMinutes} min` : 'none'}</dd>
        </div>
        <div>
          <dt>Participants</dt>
          <dd>{contest.participants}</dd>
        </div>
        {contest.practiceAfter && (
          <div>
            <dt>After the end</dt>
            <dd>practice</dd>
          </div>
        )}
        <AccessFacts contest={contest} />
      </dl>
      {contest.description && <Statement source={contest.description} label="Description" />}
      {!contest.canManage && <RegisterBox contest={contest} />}
      <h2>Problems</h2>
      {contest.problems.length === 0 ? (
        <EmptyState>
          {contest.phase === 'upcoming'
            ? 'The problems appear when the contest starts.'
            : 'This contest has no problems.'}
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="contest-problems">
            <thead>
              <tr>
                <th scope="col" className="mark-col">
                  <span className="visually-hidden">Status</span>
                </th>
                <th scope="col">Problem</th>
                <th scope="col">Time limit</th>
                <th scope="col">Memory limit</th>
              </tr>
            </thead>
            <tbody>
              {contest.problems.map((p) => (
                <tr key={p.label}>
                  <td className="mark-col">
                    {p.solved ? (
                      <span className="mark mark-solved" role="img" aria-label="Solved">
                        ✓
                      </span>
                    ) : p.attempted ? (
                      <span className="mark mark-attempted" role="img" aria-label="Attempted">
                        ✗
                      </span>
                    ) : null}
                  </td>
                  <td className="title-col">
                    <Link to={`${base}/problems/${encodeURIComponent(p.label)}`}>
                      {p.label}. {p.title}
                    </Link>
                  </td>
                  <td>{formatTimeLimit(p.timeLimitMs)}</td>
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
