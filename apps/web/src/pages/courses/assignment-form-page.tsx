import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { AssignmentInput, AssignmentKind, AssignmentView, FeedbackLevel } from '@judge/contract';
import { useAssignment, useSaveAssignment } from '../../api/courses';
import { useProblems } from '../../api/hooks';
import { fromLocalInput, toLocalInput } from '../../components/datetime-local';
import { ErrorMessage, Loading } from '../../components/error-message';
import { FeedbackSelect } from '../../components/feedback-select';
import { LockdownFields, networksOf } from '../../components/lockdown-fields';
import { useT } from '../../i18n/i18n-provider';

type PenaltyChoice = 'none' | 'per-day' | 'factor';

interface Draft {
  title: string;
  description: string;
  kind: AssignmentKind;
  opensAt: string;
  deadline: string;
  penalty: PenaltyChoice;
  percent: string;
  factor: string;
  lateUntil: string;
  duration: string;
  feedback: FeedbackLevel | null;
  runsEnabled: boolean;
  /** Exams' lock-down: the allowed networks, one a line. */
  allowedNetworks: string;
  oneSession: boolean;
  problems: { problemId: string; label: string }[];
}

/** A, B, ..., Z, then P27, P28, ...: the first label not taken. */
function nextLabel(taken: string[]): string {
  for (let i = 0; ; i++) {
    const label = i < 26 ? String.fromCharCode(65 + i) : `P${i + 1}`;
    if (!taken.includes(label)) return label;
  }
}

function draftOf(view: AssignmentView | undefined): Draft {
  const week = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString();
  return {
    title: view?.title ?? '',
    description: view?.description ?? '',
    kind: view?.kind ?? 'assignment',
    opensAt: toLocalInput(view?.opensAt ?? new Date().toISOString()),
    deadline: toLocalInput(view?.deadline ?? week),
    penalty: view?.latePenalty?.type ?? 'none',
    percent: view?.latePenalty?.type === 'per-day' ? String(view.latePenalty.percent) : '10',
    factor: view?.latePenalty?.type === 'factor' ? String(view.latePenalty.factor) : '0.5',
    lateUntil: toLocalInput(view?.lateUntil),
    duration: view?.durationMinutes ? String(view.durationMinutes) : '90',
    feedback: view?.feedback ?? null,
    runsEnabled: view?.runsEnabled ?? true,
    allowedNetworks: (view?.allowedNetworks ?? []).join('\n'),
    oneSession: view?.oneSession ?? false,
    problems: view?.problems.map((p) => ({ problemId: p.problemId, label: p.label })) ?? [],
  };
}

/** The form's draft as the API takes it, or the first thing wrong with it (a message id of the course area). */
function toInput(d: Draft): AssignmentInput | { problem: string } {
  const opensAt = fromLocalInput(d.opensAt);
  const deadline = fromLocalInput(d.deadline);
  if (!opensAt || !deadline) return { problem: 'course.form.needDates' };
  if (Date.parse(deadline) <= Date.parse(opensAt)) return { problem: 'course.form.deadlineAfterOpening' };
  if (d.problems.length === 0) return { problem: 'course.form.needProblem' };
  const labels = d.problems.map((p) => p.label.trim());
  if (labels.some((l) => !l)) return { problem: 'course.form.needLabel' };
  if (new Set(labels).size !== labels.length) return { problem: 'course.form.labelTwice' };
  if (d.problems.some((p) => !p.problemId)) return { problem: 'course.form.choosePerLabel' };
  const latePenalty =
    d.penalty === 'per-day'
      ? ({ type: 'per-day', percent: Number(d.percent) } as const)
      : d.penalty === 'factor'
        ? ({ type: 'factor', factor: Number(d.factor) } as const)
        : null;
  return {
    title: d.title.trim(),
    description: d.description.trim() || undefined,
    kind: d.kind,
    opensAt,
    deadline,
    latePenalty,
    lateUntil: latePenalty ? fromLocalInput(d.lateUntil) : null,
    durationMinutes: d.kind === 'exam' ? Number(d.duration) : null,
    feedback: d.feedback,
    runsEnabled: d.runsEnabled,
    // Only exams are locked down (the API refuses a lock on an assignment).
    ...(d.kind === 'exam' ? { allowedNetworks: networksOf(d.allowedNetworks), oneSession: d.oneSession } : {}),
    problems: d.problems.map((p) => ({ problemId: p.problemId, label: p.label.trim() })),
  };
}

function AssignmentForm({ courseId, view }: { courseId: string; view?: AssignmentView }) {
  const problems = useProblems();
  const save = useSaveAssignment(courseId, view?.id);
  const navigate = useNavigate();
  const t = useT();
  const [draft, setDraft] = useState(() => draftOf(view));
  const [problem, setProblem] = useState<string | null>(null);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const setRow = (index: number, change: Partial<Draft['problems'][number]>) =>
    set({ problems: draft.problems.map((p, i) => (i === index ? { ...p, ...change } : p)) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = toInput(draft);
    if ('problem' in input) {
      setProblem(t(input.problem));
      return;
    }
    setProblem(null);
    save.mutate(input, { onSuccess: ({ id }) => void navigate(`/courses/${courseId}/assignments/${id}`) });
  };

  return (
    <form
      className="form card"
      onSubmit={submit}
      aria-label={view ? t('course.form.editLabel') : t('course.form.newLabel')}
    >
      <label className="field">
        <span>{t('course.title')}</span>
        <input value={draft.title} onChange={(e) => set({ title: e.target.value })} required />
      </label>
      <label className="field">
        <span>{t('course.description')}</span>
        <textarea
          rows={3}
          value={draft.description}
          onChange={(e) => set({ description: e.target.value })}
          aria-describedby="assignment-description-hint"
        />
      </label>
      <p className="hint" id="assignment-description-hint">
        {t('course.form.descriptionHint')}
      </p>
      <fieldset>
        <legend>{t('course.form.kind')}</legend>
        <label className="check">
          <input type="radio" checked={draft.kind === 'assignment'} onChange={() => set({ kind: 'assignment' })} />
          {t('course.form.kindAssignment')}
        </label>
        <label className="check">
          <input type="radio" checked={draft.kind === 'exam'} onChange={() => set({ kind: 'exam' })} />
          {t('course.form.kindExam')}
        </label>
      </fieldset>
      <div className="row">
        <label className="field">
          <span>{t('course.opens')}</span>
          <input
            type="datetime-local"
            value={draft.opensAt}
            onChange={(e) => set({ opensAt: e.target.value })}
            required
          />
        </label>
        <label className="field">
          <span>{draft.kind === 'exam' ? t('course.form.examDeadline') : t('course.deadline')}</span>
          <input
            type="datetime-local"
            value={draft.deadline}
            onChange={(e) => set({ deadline: e.target.value })}
            required
          />
        </label>
        {draft.kind === 'exam' && (
          <label className="field">
            <span>{t('course.form.duration')}</span>
            <input
              type="number"
              min={1}
              value={draft.duration}
              onChange={(e) => set({ duration: e.target.value })}
              required
            />
          </label>
        )}
      </div>
      <fieldset>
        <legend>{t('course.form.late')}</legend>
        <label className="check">
          <input type="radio" checked={draft.penalty === 'none'} onChange={() => set({ penalty: 'none' })} />
          {t('course.form.lateNone')}
        </label>
        <label className="check">
          <input type="radio" checked={draft.penalty === 'per-day'} onChange={() => set({ penalty: 'per-day' })} />
          {t('course.form.latePerDay')}
        </label>
        {draft.penalty === 'per-day' && (
          <label className="field field-inline nested">
            <span>{t('course.form.percentPerDay')}</span>
            <input
              type="number"
              min={0}
              max={100}
              value={draft.percent}
              onChange={(e) => set({ percent: e.target.value })}
              required
            />
          </label>
        )}
        <label className="check">
          <input type="radio" checked={draft.penalty === 'factor'} onChange={() => set({ penalty: 'factor' })} />
          {t('course.form.lateFactor')}
        </label>
        {draft.penalty === 'factor' && (
          <label className="field field-inline nested">
            <span>{t('course.form.factor')}</span>
            <input
              type="number"
              min={0}
              max={1}
              step={0.05}
              value={draft.factor}
              onChange={(e) => set({ factor: e.target.value })}
              required
            />
          </label>
        )}
        {draft.penalty !== 'none' && (
          <label className="field field-inline">
            <span>{t('course.form.lateUntil')}</span>
            <input type="datetime-local" value={draft.lateUntil} onChange={(e) => set({ lateUntil: e.target.value })} />
          </label>
        )}
      </fieldset>
      <FeedbackSelect
        value={draft.feedback}
        onChange={(feedback) => set({ feedback })}
        inherit={t('course.form.feedbackDefault')}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={draft.runsEnabled}
          onChange={(e) => set({ runsEnabled: e.target.checked })}
          aria-describedby="assignment-runs-hint"
        />
        {t('course.form.runsEnabled')}
      </label>
      <p className="hint" id="assignment-runs-hint">
        {t('course.form.runsEnabledHint')}
      </p>
      {draft.kind === 'exam' && (
        <LockdownFields
          subject="exam"
          networks={draft.allowedNetworks}
          oneSession={draft.oneSession}
          onNetworks={(allowedNetworks) => set({ allowedNetworks })}
          onOneSession={(oneSession) => set({ oneSession })}
        />
      )}
      <fieldset>
        <legend>{t('course.problems')}</legend>
        {problems.isPending && <Loading what={t('course.form.loadingProblems')} />}
        <ErrorMessage error={problems.error} title={t('course.form.problemsNotLoaded')} />
        {draft.problems.map((row, i) => (
          <div className="row problem-pick" key={i}>
            <label className="field field-inline">
              <span>{t('course.form.label')}</span>
              <input
                className="label-input"
                aria-label={t('course.form.labelOf', { n: i + 1 })}
                value={row.label}
                onChange={(e) => setRow(i, { label: e.target.value })}
                size={3}
                required
              />
            </label>
            <label className="field field-inline">
              <span>{t('course.submissions.problem')}</span>
              <select
                aria-label={t('course.form.problemN', { n: i + 1 })}
                value={row.problemId}
                onChange={(e) => setRow(i, { problemId: e.target.value })}
                required
              >
                <option value="">{t('course.choose')}</option>
                {(problems.data ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="button-small button-danger"
              aria-label={t('course.form.removeProblem', { label: row.label })}
              onClick={() => set({ problems: draft.problems.filter((_, j) => j !== i) })}
            >
              {t('course.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            set({
              problems: [...draft.problems, { problemId: '', label: nextLabel(draft.problems.map((p) => p.label)) }],
            })
          }
        >
          {t('course.form.addProblem')}
        </button>
      </fieldset>
      {problem && (
        <div className="alert alert-error" role="alert">
          {problem}
        </div>
      )}
      <ErrorMessage error={save.error} title={t('course.notSaved')} />
      <div>
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {save.isPending ? t('course.saving') : view ? t('course.form.saveChanges') : t('course.form.create')}
        </button>
      </div>
    </form>
  );
}

/** Creating an assignment or exam (`/courses/:courseId/assignments/new`). */
export function NewAssignmentPage() {
  const { courseId = '' } = useParams();
  const t = useT();
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/courses/${courseId}`}>{t('course.backToCourse')}</Link>
      </p>
      <h1>{t('course.assignment.new')}</h1>
      <AssignmentForm courseId={courseId} />
    </div>
  );
}

/** Changing one (`.../assignments/:assignmentId/edit`): the form starts from its current settings. */
export function EditAssignmentPage() {
  const { courseId = '', assignmentId = '' } = useParams();
  const assignment = useAssignment(courseId, assignmentId);
  const t = useT();
  if (assignment.isPending) return <Loading what={t('course.assignment.loading')} />;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/courses/${courseId}/assignments/${assignmentId}`}>{t('course.backToAssignment')}</Link>
      </p>
      <h1>
        {assignment.data ? t('course.form.editTitle', { title: assignment.data.title }) : t('course.form.editLabel')}
      </h1>
      <ErrorMessage error={assignment.error} />
      {assignment.data && <AssignmentForm courseId={courseId} view={assignment.data} />}
    </div>
  );
}
