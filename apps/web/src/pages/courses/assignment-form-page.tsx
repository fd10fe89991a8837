import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { AssignmentInput, AssignmentKind, AssignmentView, FeedbackLevel } from '@judge/contract';
import { useAssignment, useSaveAssignment } from '../../api/courses';
import { useProblems } from '../../api/hooks';
import { fromLocalInput, toLocalInput } from '../../components/datetime-local';
import { ErrorMessage, Loading } from '../../components/error-message';
import { FeedbackSelect } from '../../components/feedback-select';

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
    problems: view?.problems.map((p) => ({ problemId: p.problemId, label: p.label })) ?? [],
  };
}

/** The form's draft as the API takes it, or the first thing wrong with it. */
function toInput(d: Draft): AssignmentInput | string {
  const opensAt = fromLocalInput(d.opensAt);
  const deadline = fromLocalInput(d.deadline);
  if (!opensAt || !deadline) return 'Give the opening time and the deadline.';
  if (Date.parse(deadline) <= Date.parse(opensAt)) return 'The deadline must come after the opening time.';
  if (d.problems.length === 0) return 'Pick at least one problem.';
  const labels = d.problems.map((p) => p.label.trim());
  if (labels.some((l) => !l)) return 'Every problem needs a label.';
  if (new Set(labels).size !== labels.length) return 'Each label may be used once.';
  if (d.problems.some((p) => !p.problemId)) return 'Choose a problem for every label.';
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
    problems: d.problems.map((p) => ({ problemId: p.problemId, label: p.label.trim() })),
  };
}

function AssignmentForm({ courseId, view }: { courseId: string; view?: AssignmentView }) {
  const problems = useProblems();
  const save = useSaveAssignment(courseId, view?.id);
  const navigate = useNavigate();
  const [draft, setDraft] = useState(() => draftOf(view));
  const [problem, setProblem] = useState<string | null>(null);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const setRow = (index: number, change: Partial<Draft['problems'][number]>) =>
    set({ problems: draft.problems.map((p, i) => (i === index ? { ...p, ...change } : p)) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = toInput(draft);
    if (typeof input === 'string') {
      setProblem(input);
      return;
    }
    setProblem(null);
    save.mutate(input, { onSuccess: ({ id }) => void navigate(`/courses/${courseId}/assignments/${id}`) });
  };

  return (
    <form className="form card" onSubmit={submit} aria-label={view ? 'Edit assignment' : 'New assignment'}>
      <label className="field">
        <span>Title</span>
        <input value={draft.title} onChange={(e) => set({ title: e.target.value })} required />
      </label>
      <label className="field">
        <span>Description</span>
        <textarea rows={3} value={draft.description} onChange={(e) => set({ description: e.target.value })} />
      </label>
      <fieldset>
        <legend>Kind</legend>
        <label className="check">
          <input type="radio" checked={draft.kind === 'assignment'} onChange={() => set({ kind: 'assignment' })} />
          Assignment: open to every student from opening to deadline
        </label>
        <label className="check">
          <input type="radio" checked={draft.kind === 'exam'} onChange={() => set({ kind: 'exam' })} />
          Exam: each student has a fixed time from when they start
        </label>
      </fieldset>
      <div className="row">
        <label className="field">
          <span>Opens</span>
          <input
            type="datetime-local"
            value={draft.opensAt}
            onChange={(e) => set({ opensAt: e.target.value })}
            required
          />
        </label>
        <label className="field">
          <span>{draft.kind === 'exam' ? 'Deadline (last start, and end of every window)' : 'Deadline'}</span>
          <input
            type="datetime-local"
            value={draft.deadline}
            onChange={(e) => set({ deadline: e.target.value })}
            required
          />
        </label>
        {draft.kind === 'exam' && (
          <label className="field">
            <span>Duration (minutes)</span>
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
        <legend>Late submissions</legend>
        <label className="check">
          <input type="radio" checked={draft.penalty === 'none'} onChange={() => set({ penalty: 'none' })} />
          Not accepted
        </label>
        <label className="check">
          <input type="radio" checked={draft.penalty === 'per-day'} onChange={() => set({ penalty: 'per-day' })} />
          Accepted, minus a percentage per started day late
        </label>
        {draft.penalty === 'per-day' && (
          <label className="field field-inline nested">
            <span>Percent per day</span>
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
          Accepted, score multiplied by a factor
        </label>
        {draft.penalty === 'factor' && (
          <label className="field field-inline nested">
            <span>Factor</span>
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
            <span>Late until (empty: until you close it)</span>
            <input type="datetime-local" value={draft.lateUntil} onChange={(e) => set({ lateUntil: e.target.value })} />
          </label>
        )}
      </fieldset>
      <FeedbackSelect
        value={draft.feedback}
        onChange={(feedback) => set({ feedback })}
        inherit="Default: as each problem says (an exam: first failure at most)"
      />
      <fieldset>
        <legend>Problems</legend>
        {problems.isPending && <Loading what="Loading the problems" />}
        <ErrorMessage error={problems.error} title="Could not load the problems" />
        {draft.problems.map((row, i) => (
          <div className="row problem-pick" key={i}>
            <label className="field field-inline">
              <span>Label</span>
              <input
                className="label-input"
                aria-label={`Label of problem ${i + 1}`}
                value={row.label}
                onChange={(e) => setRow(i, { label: e.target.value })}
                size={3}
                required
              />
            </label>
            <label className="field field-inline">
              <span>Problem</span>
              <select
                aria-label={`Problem ${i + 1}`}
                value={row.problemId}
                onChange={(e) => setRow(i, { problemId: e.target.value })}
                required
              >
                <option value="">Choose…</option>
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
              aria-label={`Remove problem ${row.label}`}
              onClick={() => set({ problems: draft.problems.filter((_, j) => j !== i) })}
            >
              Remove
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
          Add a problem
        </button>
      </fieldset>
      {problem && (
        <div className="alert alert-error" role="alert">
          {problem}
        </div>
      )}
      <ErrorMessage error={save.error} title="Not saved" />
      <div>
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : view ? 'Save changes' : 'Create'}
        </button>
      </div>
    </form>
  );
}

/** Creating an assignment or exam (`/courses/:courseId/assignments/new`). */
export function NewAssignmentPage() {
  const { courseId = '' } = useParams();
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/courses/${courseId}`}>Back to the course</Link>
      </p>
      <h1>New assignment or exam</h1>
      <AssignmentForm courseId={courseId} />
    </div>
  );
}

/** Changing one (`.../assignments/:assignmentId/edit`): the form starts from its current settings. */
export function EditAssignmentPage() {
  const { courseId = '', assignmentId = '' } = useParams();
  const assignment = useAssignment(courseId, assignmentId);
  if (assignment.isPending) return <Loading what="Loading the assignment" />;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/courses/${courseId}/assignments/${assignmentId}`}>Back to the assignment</Link>
      </p>
      <h1>Edit {assignment.data?.title ?? 'assignment'}</h1>
      <ErrorMessage error={assignment.error} />
      {assignment.data && <AssignmentForm courseId={courseId} view={assignment.data} />}
    </div>
  );
}
