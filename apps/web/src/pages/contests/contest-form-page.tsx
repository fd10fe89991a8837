import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  CONTEST_REGISTRATION,
  CONTEST_SCORING,
  DEFAULT_MEDALS,
  type ContestInput,
  type ContestRegistration,
  type ContestScoring,
  type ContestView,
  type FeedbackLevel,
  type ProblemListItem,
} from '@judge/contract';
import { useContest, useSaveContest } from '../../api/contests';
import { useProblems } from '../../api/hooks';
import { fromLocalInput, toLocalInput } from '../../components/datetime-local';
import { ErrorMessage, Loading, PageError } from '../../components/error-message';
import { FeedbackSelect } from '../../components/feedback-select';
import { useT, type MessageValues } from '../../i18n/i18n-provider';
import { SCORING_KEYS } from './contest-overview';
import { WebhooksPanel } from '../../components/webhooks-panel';
import { LockdownFields, networksOf } from '../../components/lockdown-fields';

/** The first of A, B, C, ... not taken yet (then A1, B1, ... for contests of more than 26 problems). */
export function nextLabel(taken: string[]): string {
  const used = new Set(taken.map((l) => l.trim().toUpperCase()));
  for (let round = 0; ; round++) {
    for (let i = 0; i < 26; i++) {
      const label = String.fromCharCode(65 + i) + (round === 0 ? '' : String(round));
      if (!used.has(label)) return label;
    }
  }
}

interface Draft {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  scoring: ContestScoring;
  freezeMinutes: string;
  registration: ContestRegistration;
  joinCode: string;
  invited: string;
  practiceAfter: boolean;
  feedback: FeedbackLevel | null;
  runsEnabled: boolean;
  teams: boolean;
  /** `color`: `#rrggbb`, or empty for none. */
  problems: { problemId: string; label: string; color: string }[];
  /** Gold, silver, bronze: as typed. */
  medals: [string, string, string];
  balloonsDuringFreeze: boolean;
  /** Lock-down: the allowed networks, one a line. */
  allowedNetworks: string;
  oneSession: boolean;
}

function emptyDraft(): Draft {
  // The next full hour, for two hours.
  const start = new Date();
  start.setMinutes(60, 0, 0);
  const end = new Date(start.getTime() + 2 * 3600_000);
  return {
    title: '',
    description: '',
    startsAt: toLocalInput(start.toISOString()),
    endsAt: toLocalInput(end.toISOString()),
    scoring: 'icpc',
    freezeMinutes: '0',
    registration: 'open',
    joinCode: '',
    invited: '',
    practiceAfter: true,
    feedback: null,
    runsEnabled: true,
    teams: false,
    medals: [String(DEFAULT_MEDALS.gold), String(DEFAULT_MEDALS.silver), String(DEFAULT_MEDALS.bronze)],
    balloonsDuringFreeze: true,
    allowedNetworks: '',
    oneSession: false,
    problems: [],
  };
}

function draftOf(contest: ContestView): Draft {
  return {
    title: contest.title,
    description: contest.description,
    startsAt: toLocalInput(contest.startsAt),
    endsAt: toLocalInput(contest.endsAt),
    scoring: contest.scoring,
    freezeMinutes: String(contest.freezeMinutes),
    registration: contest.registration,
    joinCode: contest.joinCode ?? '',
    invited: (contest.invited ?? []).join('\n'),
    practiceAfter: contest.practiceAfter,
    feedback: contest.feedback,
    runsEnabled: contest.runsEnabled,
    teams: contest.teams,
    problems: contest.problems.map((p) => ({ problemId: p.problemId, label: p.label, color: p.color ?? '' })),
    medals: [String(contest.medals.gold), String(contest.medals.silver), String(contest.medals.bronze)],
    balloonsDuringFreeze: contest.balloonsDuringFreeze,
    allowedNetworks: contest.allowedNetworks.join('\n'),
    oneSession: contest.oneSession,
  };
}

const REGISTRATION_NAMES: Record<ContestRegistration, string> = {
  open: 'contest.form.registrationOpen',
  invite: 'contest.form.registrationInvite',
  code: 'contest.form.registrationCode',
};

/** What is wrong with a draft: a catalog key and its values. */
export interface DraftProblem {
  key: string;
  values?: MessageValues;
}

/** The body the API takes, or what is wrong with the draft. */
export function toInput(draft: Draft): ContestInput | DraftProblem {
  const title = draft.title.trim();
  if (!title) return { key: 'contest.form.needTitle' };
  const startsAt = fromLocalInput(draft.startsAt);
  const endsAt = fromLocalInput(draft.endsAt);
  if (!startsAt || !endsAt) return { key: 'contest.form.needTimes' };
  if (Date.parse(endsAt) <= Date.parse(startsAt)) return { key: 'contest.form.endBeforeStart' };
  const freezeMinutes = Number(draft.freezeMinutes || '0');
  if (!Number.isInteger(freezeMinutes) || freezeMinutes < 0) return { key: 'contest.form.badFreeze' };
  const [gold, silver, bronze] = draft.medals.map((m) => Number(m || '0'));
  if ([gold, silver, bronze].some((m) => !Number.isInteger(m) || m < 0 || m > 1000))
    return { key: 'contest.form.badMedals' };
  const labels = draft.problems.map((p) => p.label.trim().toUpperCase());
  if (labels.some((l) => !l)) return { key: 'contest.form.needLabel' };
  const bad = labels.find((l) => !/^[A-Z][A-Z0-9]{0,3}$/.test(l));
  if (bad) return { key: 'contest.form.badLabel', values: { label: bad } };
  const duplicate = labels.find((l, i) => labels.indexOf(l) !== i);
  if (duplicate) return { key: 'contest.form.duplicateLabel', values: { label: duplicate } };
  const input: ContestInput = {
    title,
    description: draft.description,
    startsAt,
    endsAt,
    scoring: draft.scoring,
    freezeMinutes,
    registration: draft.registration,
    practiceAfter: draft.practiceAfter,
    feedback: draft.feedback,
    runsEnabled: draft.runsEnabled,
    teams: draft.teams,
    problems: draft.problems.map((p, i) => ({
      problemId: p.problemId,
      label: labels[i],
      color: p.color ? p.color.toLowerCase() : null,
    })),
    medals: { gold, silver, bronze },
    balloonsDuringFreeze: draft.balloonsDuringFreeze,
    allowedNetworks: networksOf(draft.allowedNetworks),
    oneSession: draft.oneSession,
  };
  if (draft.registration === 'code' && draft.joinCode.trim()) input.joinCode = draft.joinCode.trim();
  if (draft.registration === 'invite')
    input.invited = draft.invited
      .split(/[\s,;]+/)
      .map((u) => u.trim())
      .filter(Boolean);
  return input;
}

function ProblemPicker({
  chosen,
  onChange,
  problems,
}: {
  chosen: Draft['problems'];
  onChange: (problems: Draft['problems']) => void;
  problems: ProblemListItem[];
}) {
  const t = useT();
  const [pick, setPick] = useState('');
  const titleOf = new Map(problems.map((p) => [p.id, p.title]));
  const available = problems.filter((p) => !chosen.some((c) => c.problemId === p.id));

  const add = () => {
    if (!pick) return;
    onChange([...chosen, { problemId: pick, label: nextLabel(chosen.map((c) => c.label)), color: '' }]);
    setPick('');
  };
  const move = (index: number, by: number) => {
    const next = [...chosen];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item);
    onChange(next);
  };

  return (
    <fieldset className="problem-picker">
      <legend>{t('contest.problems')}</legend>
      {chosen.length > 0 && (
        <ol className="picked-problems">
          {chosen.map((c, i) => (
            <li key={c.problemId} className="row">
              <label className="field field-inline">
                <span className="visually-hidden">
                  {t('contest.form.labelOf', { title: titleOf.get(c.problemId) ?? c.problemId })}
                </span>
                <input
                  className="label-input"
                  value={c.label}
                  maxLength={4}
                  onChange={(e) =>
                    onChange(chosen.map((x, j) => (j === i ? { ...x, label: e.target.value.toUpperCase() } : x)))
                  }
                />
              </label>
              <span className="picked-title">{titleOf.get(c.problemId) ?? c.problemId}</span>
              <label className="field field-inline picked-color">
                <span className="visually-hidden">{t('contest.form.colorOf', { label: c.label })}</span>
                <input
                  type="color"
                  value={c.color || '#ffffff'}
                  onChange={(e) => onChange(chosen.map((x, j) => (j === i ? { ...x, color: e.target.value } : x)))}
                />
              </label>
              {c.color && (
                <button
                  type="button"
                  className="button-small"
                  onClick={() => onChange(chosen.map((x, j) => (j === i ? { ...x, color: '' } : x)))}
                  aria-label={t('contest.form.clearColor', { label: c.label })}
                >
                  {t('contest.form.noColor')}
                </button>
              )}
              <span className="picked-actions">
                <button
                  type="button"
                  className="button-small"
                  onClick={() => move(i, -1)}
                  disabled={i === 0}
                  aria-label={t('contest.form.moveUp', { label: c.label })}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button-small"
                  onClick={() => move(i, 1)}
                  disabled={i === chosen.length - 1}
                  aria-label={t('contest.form.moveDown', { label: c.label })}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button-small button-danger"
                  onClick={() => onChange(chosen.filter((_, j) => j !== i))}
                  aria-label={t('contest.form.removeLabel', { label: c.label })}
                >
                  {t('contest.form.remove')}
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <div className="row">
        <label className="field field-inline">
          <span>{t('contest.form.addProblem')}</span>
          <select value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">{t('contest.form.choose')}</option>
            {available.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={add} disabled={!pick}>
          {t('contest.form.add')}
        </button>
      </div>
      <p className="hint">{t('contest.form.labelsHint')}</p>
    </fieldset>
  );
}

const MEDAL_LABELS = ['contest.form.medalsGold', 'contest.form.medalsSilver', 'contest.form.medalsBronze'] as const;

/** How many medals of each kind the awards give (the reveal shows them). */
function MedalFields({ medals, onChange }: { medals: Draft['medals']; onChange: (medals: Draft['medals']) => void }) {
  const t = useT();
  return (
    <fieldset className="medal-fields">
      <legend>{t('contest.form.medals')}</legend>
      <div className="row">
        {MEDAL_LABELS.map((label, i) => (
          <label className="field" key={label}>
            <span>{t(label)}</span>
            <input
              type="number"
              min={0}
              max={1000}
              step={1}
              value={medals[i]}
              onChange={(e) => onChange(medals.map((m, j) => (j === i ? e.target.value : m)) as Draft['medals'])}
            />
          </label>
        ))}
      </div>
      <p className="hint">{t('contest.form.medalsHint')}</p>
    </fieldset>
  );
}

function ContestForm({ initial, contestId }: { initial: Draft; contestId?: string }) {
  const t = useT();
  const navigate = useNavigate();
  const problems = useProblems();
  const save = useSaveContest(contestId);
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<DraftProblem | null>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = toInput(draft);
    if ('key' in input) {
      setProblem(input);
      return;
    }
    setProblem(null);
    save.mutate(input, { onSuccess: ({ id }) => void navigate(`/contests/${contestId ?? id}`) });
  };

  return (
    <form
      className="form contest-form"
      onSubmit={submit}
      aria-label={contestId ? t('contest.form.editLabel') : t('contest.list.new')}
    >
      <label className="field">
        <span>{t('contest.form.title')}</span>
        <input value={draft.title} onChange={(e) => set('title', e.target.value)} required />
      </label>
      <label className="field">
        <span>{t('contest.description')}</span>
        <textarea rows={4} value={draft.description} onChange={(e) => set('description', e.target.value)} />
      </label>
      <p className="hint">{t('contest.form.descriptionHint')}</p>
      <div className="row">
        <label className="field">
          <span>{t('contest.form.start')}</span>
          <input
            type="datetime-local"
            value={draft.startsAt}
            onChange={(e) => set('startsAt', e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span>{t('contest.form.end')}</span>
          <input type="datetime-local" value={draft.endsAt} onChange={(e) => set('endsAt', e.target.value)} required />
        </label>
      </div>
      <p className="hint">{t('contest.form.timeZone', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}</p>
      <div className="row">
        <label className="field">
          <span>{t('contest.form.scoring')}</span>
          <select value={draft.scoring} onChange={(e) => set('scoring', e.target.value as ContestScoring)}>
            {CONTEST_SCORING.map((s) => (
              <option key={s} value={s}>
                {t('contest.form.scoringOption', {
                  name: t(SCORING_KEYS[s].name),
                  ranking: t(SCORING_KEYS[s].ranking),
                })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('contest.form.freezeMinutes')}</span>
          <input
            type="number"
            min={0}
            step={1}
            value={draft.freezeMinutes}
            onChange={(e) => set('freezeMinutes', e.target.value)}
          />
        </label>
      </div>
      <p className="hint">{t('contest.form.freezeHint')}</p>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.balloonsDuringFreeze}
          onChange={(e) => set('balloonsDuringFreeze', e.target.checked)}
          aria-describedby="contest-balloons-hint"
        />
        {t('onsite.form.balloonsDuringFreeze')}
      </label>
      <p className="hint" id="contest-balloons-hint">
        {t('onsite.form.balloonsDuringFreezeHint')}
      </p>
      <label className="field">
        <span>{t('contest.form.registration')}</span>
        <select value={draft.registration} onChange={(e) => set('registration', e.target.value as ContestRegistration)}>
          {CONTEST_REGISTRATION.map((r) => (
            <option key={r} value={r}>
              {t(REGISTRATION_NAMES[r])}
            </option>
          ))}
        </select>
      </label>
      {draft.registration === 'code' && (
        <label className="field">
          <span>{t('contest.joinCode')}</span>
          <input
            value={draft.joinCode}
            onChange={(e) => set('joinCode', e.target.value)}
            placeholder={t('contest.form.joinCodePlaceholder')}
            autoComplete="off"
          />
        </label>
      )}
      {draft.registration === 'invite' && (
        <label className="field">
          <span>{t('contest.form.invited')}</span>
          <textarea rows={3} value={draft.invited} onChange={(e) => set('invited', e.target.value)} />
        </label>
      )}
      {draft.registration === 'invite' && <p className="hint">{t('contest.form.invitedHint')}</p>}
      <label className="check">
        <input type="checkbox" checked={draft.practiceAfter} onChange={(e) => set('practiceAfter', e.target.checked)} />
        {t('contest.form.practiceAfter')}
      </label>
      <FeedbackSelect
        value={draft.feedback}
        onChange={(level) => set('feedback', level)}
        inherit={t('contest.form.feedbackDefault')}
      />
      <p className="hint">{t('contest.form.feedbackHint')}</p>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.runsEnabled}
          onChange={(e) => set('runsEnabled', e.target.checked)}
          aria-describedby="contest-runs-hint"
        />
        {t('contest.form.runsEnabled')}
      </label>
      <p className="hint" id="contest-runs-hint">
        {t('contest.form.runsEnabledHint')}
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.teams}
          onChange={(e) => set('teams', e.target.checked)}
          aria-describedby="contest-teams-hint"
        />
        {t('contest.form.teams')}
      </label>
      <p className="hint" id="contest-teams-hint">
        {t('contest.form.teamsHint')}
      </p>
      <MedalFields medals={draft.medals} onChange={(medals) => set('medals', medals)} />
      <LockdownFields
        subject="contest"
        networks={draft.allowedNetworks}
        oneSession={draft.oneSession}
        onNetworks={(text) => set('allowedNetworks', text)}
        onOneSession={(on) => set('oneSession', on)}
      />
      <ErrorMessage error={problems.error} title={t('problem.list.loadError')} />
      <ProblemPicker
        chosen={draft.problems}
        onChange={(list) => set('problems', list)}
        problems={problems.data ?? []}
      />
      {problem && (
        <div className="alert alert-error" role="alert">
          {t(problem.key, problem.values)}
        </div>
      )}
      <ErrorMessage error={save.error} title={t('contest.form.notSaved')} />
      <div className="row">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {save.isPending ? t('contest.form.saving') : contestId ? t('contest.form.save') : t('contest.form.create')}
        </button>
        <Link to={contestId ? `/contests/${contestId}` : '/contests'}>{t('contest.form.cancel')}</Link>
      </div>
    </form>
  );
}

/** Staff: a new contest. */
export function NewContestPage() {
  const t = useT();
  const [initial] = useState(emptyDraft);
  return (
    <div className="page">
      <h1>{t('contest.list.new')}</h1>
      <ContestForm initial={initial} />
    </div>
  );
}

/** Staff: changing a contest (the API decides what may still change once it has started). */
export function EditContestPage() {
  const t = useT();
  const { id = '' } = useParams();
  const contest = useContest(id);
  if (contest.isPending) return <Loading what={t('contest.loading')} />;
  if (contest.error) return <PageError title={t('contest.form.editLabel')} error={contest.error} />;
  return (
    <div className="page">
      <h1>{t('contest.form.editTitle', { title: contest.data.title })}</h1>
      {!contest.data.canManage && (
        <div className="alert alert-error" role="alert">
          {t('contest.form.mayNotChange')}
        </div>
      )}
      <ContestForm key={contest.data.id} initial={draftOf(contest.data)} contestId={contest.data.id} />
      {contest.data.canManage && contest.data.teams && (
        <p>
          <Link to={`/contests/${contest.data.id}/teams`}>{t('teams.manage')}</Link>
        </p>
      )}
      {contest.data.canManage && <WebhooksPanel scope={{ contestId: contest.data.id }} />}
    </div>
  );
}
