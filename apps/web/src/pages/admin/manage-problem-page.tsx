import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { FeedbackLevel, ProblemTestView, ProblemVisibilityState } from '@judge/contract';
import { download } from '../../api/client';
import {
  useAddTest,
  useDeleteTest,
  useProblem,
  useProblemTests,
  useLanguages,
  useRejudgeProblem,
  useReplaceTest,
  useSetProblemFeedback,
  useSetProblemVisibility,
  useSubmit,
  useUploadPackage,
  type TestDraft,
} from '../../api/hooks';
import { DraftBadge } from '../../components/draft-badge';
import { ErrorMessage, Loading, PageError } from '../../components/error-message';
import { FeedbackSelect } from '../../components/feedback-select';
import { formatBytes, formatTimeLimit } from '../../components/format';
import { PackageDrop } from '../../components/package-drop';
import { emptyTest, TestFields } from '../../components/test-fields';

/** A test of the current version: its place and sizes, and replacing or deleting it (each a new version). */
function TestItem({ problemId, test }: { problemId: string; test: ProblemTestView }) {
  const replace = useReplaceTest(problemId);
  const remove = useDeleteTest(problemId);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<TestDraft>(emptyTest);

  const save = (event: FormEvent) => {
    event.preventDefault();
    replace.mutate(
      { testId: test.id, test: draft },
      {
        onSuccess: () => {
          setEditing(false);
          setDraft(emptyTest());
        },
      },
    );
  };

  return (
    <>
      <tr data-testid="problem-test">
        <td>
          <code>{test.name}</code>
        </td>
        <td>{test.group || '—'}</td>
        <td>{test.sample ? 'Sample' : 'Secret'}</td>
        <td className="num">{formatBytes(test.inputBytes)}</td>
        <td className="num">{formatBytes(test.answerBytes)}</td>
        <td className="actions-cell">
          <button
            type="button"
            className="button-small"
            aria-expanded={editing}
            aria-label={`${editing ? 'Cancel replacing' : 'Replace'} ${test.name}`}
            onClick={() => setEditing(!editing)}
          >
            {editing ? 'Cancel' : 'Replace'}
          </button>{' '}
          <button
            type="button"
            className="button-small button-danger"
            aria-label={`Delete ${test.name}`}
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(`Delete test ${test.name}? This makes a new version of the problem.`)) {
                remove.mutate(test.id);
              }
            }}
          >
            {remove.isPending ? 'Deleting…' : 'Delete'}
          </button>
          {replace.isSuccess && !editing && <span className="muted"> Replaced.</span>}
        </td>
      </tr>
      {(editing || remove.error) && (
        <tr className="test-edit-row">
          <td colSpan={6}>
            <ErrorMessage error={remove.error} title="Not deleted" />
            {editing && (
              <form className="form" onSubmit={save} aria-label={`Replace test ${test.name}`}>
                <TestFields value={draft} onChange={setDraft} withKind={false} />
                <ErrorMessage error={replace.error} title="Not replaced" />
                <button type="submit" disabled={replace.isPending}>
                  {replace.isPending ? 'Saving…' : 'Save test'}
                </button>
              </form>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

function TestList({ problemId }: { problemId: string }) {
  const tests = useProblemTests(problemId);
  if (tests.isPending) return <Loading what="Loading the tests" />;
  if (tests.isError) return <ErrorMessage error={tests.error} title="Could not load the tests" />;
  if (tests.data.length === 0) return <p className="hint">No tests yet: add the first one below.</p>;
  return (
    <div className="table-scroll">
      <table className="problem-tests">
        <caption className="visually-hidden">Tests of the current version</caption>
        <thead>
          <tr>
            <th scope="col">Test</th>
            <th scope="col">Group</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Input
            </th>
            <th scope="col" className="num">
              Answer
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tests.data.map((test) => (
            <TestItem key={test.id} problemId={problemId} test={test} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Runs a setter's reference solution against the current tests: a submission like any other, then its page. */
function ReferenceRun({ problemId }: { problemId: string }) {
  const languages = useLanguages();
  const submit = useSubmit();
  const navigate = useNavigate();
  const [language, setLanguage] = useState('');
  const chosen = language || languages.data?.[0]?.id || '';

  const run = async (file: File) => {
    const source = await file.text();
    submit.mutate(
      { problemId, language: chosen, source },
      { onSuccess: ({ id }) => void navigate(`/submissions/${id}`) },
    );
  };

  return (
    <section className="card" aria-labelledby="reference-heading">
      <h2 id="reference-heading">Run a reference solution</h2>
      <p className="hint">Judges a solution file against the current tests and shows its verdict test by test.</p>
      <div className="row">
        <label>
          Solution language{' '}
          <select value={chosen} onChange={(event) => setLanguage(event.target.value)}>
            {(languages.data ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Reference solution{' '}
          <input
            type="file"
            disabled={submit.isPending || !chosen}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void run(file);
            }}
          />
        </label>
      </div>
      <ErrorMessage error={submit.error} title="Not run" />
    </section>
  );
}

/** Whether the problem is in practice: publishing a draft, or taking a public problem back to draft. */
function Publication({ problemId, visibility }: { problemId: string; visibility: ProblemVisibilityState }) {
  const change = useSetProblemVisibility(problemId);
  const draft = visibility === 'draft';
  return (
    <section className="card" aria-labelledby="publication-heading">
      <h2 id="publication-heading">Visibility</h2>
      <p className="hint">
        {draft
          ? 'A draft: only staff see it in practice. Contests and assignments that hold it still show it to their participants.'
          : 'Public: every user sees it in practice, except while a running contest or an open exam holds it.'}
      </p>
      <button
        type="button"
        className={draft ? 'button-primary' : undefined}
        disabled={change.isPending}
        onClick={() => change.mutate(draft ? 'public' : 'draft')}
      >
        {change.isPending ? 'Saving…' : draft ? 'Publish' : 'Unpublish'}
      </button>
      <ErrorMessage error={change.error} title={draft ? 'Not published' : 'Not unpublished'} />
    </section>
  );
}

/** How much of a submission's judgement its author sees in practice; contests and assignments may override it. */
function FeedbackSettings({ problemId, level }: { problemId: string; level: FeedbackLevel }) {
  const save = useSetProblemFeedback(problemId);
  return (
    <section className="card" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">Feedback</h2>
      <p className="hint">
        What authors of submissions see in practice. Contests show at most the first failure unless they choose
        otherwise, and assignments may choose their own. Staff always see every test.
      </p>
      <FeedbackSelect value={save.variables ?? level} onChange={(next) => next && save.mutate(next)} />
      <ErrorMessage error={save.error} title="Not saved" />
      {save.isSuccess && (
        <p role="status" className="muted">
          Saved.
        </p>
      )}
    </section>
  );
}

/** For setters: tests of a problem (add, replace, delete), a new package version, rejudging, the package. */
export function ManageProblemPage() {
  const { id = '' } = useParams();
  const problem = useProblem(id);
  const rejudge = useRejudgeProblem(id);
  const upload = useUploadPackage(id);
  const add = useAddTest(id);
  const [draft, setDraft] = useState<TestDraft>(emptyTest);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  if (problem.isPending) return <Loading what="Loading the problem" />;
  if (problem.error) return <PageError title="Manage problem" error={problem.error} />;
  const p = problem.data;

  const addTest = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(draft, {
      onSuccess: () => setDraft({ ...emptyTest(), sample: draft.sample, group: draft.group }),
    });
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>
          Manage: {p.title} <DraftBadge visibility={p.visibility} />
        </h1>
        <div className="actions">
          <Link to={`/problems/${p.id}`}>View problem</Link>
          <Link to={`/admin/submissions?problem=${p.id}`}>Submissions</Link>
          <Link to={`/admin/problems/${p.id}/plagiarism`}>Plagiarism report</Link>
        </div>
      </div>
      <p className="muted">
        Version {p.version} · {p.testCount} tests · time limit {formatTimeLimit(p.limits.timeLimitMs)} · memory{' '}
        {p.limits.memoryMb} MB. Every change makes a new version; submissions keep the version they were judged on.
      </p>

      <Publication problemId={p.id} visibility={p.visibility} />

      <section className="card" aria-labelledby="tests-heading">
        <h2 id="tests-heading">Tests</h2>
        <p className="hint">
          Every test of the current version, in the order they run. Replacing or deleting one makes a new version.
        </p>
        <TestList problemId={p.id} />

        <h3>Add a test</h3>
        <form className="form" onSubmit={addTest} aria-label="Add a test">
          <TestFields value={draft} onChange={setDraft} />
          <ErrorMessage error={add.error} title="Not added" />
          {add.data && (
            <p role="status" className="muted">
              Added {add.data.testId} (version {add.data.version}).
            </p>
          )}
          <button type="submit" className="button-primary" disabled={add.isPending}>
            {add.isPending ? 'Adding…' : 'Add test'}
          </button>
        </form>
      </section>

      <ReferenceRun problemId={p.id} />

      <section className="card" aria-labelledby="version-heading">
        <h2 id="version-heading">New version from a package</h2>
        <p className="hint">
          Statement, limits and checker change with a new package: download the current one, edit it, upload it here.
        </p>
        <div className="row">
          <button
            type="button"
            onClick={() => {
              setDownloadError(null);
              download(`/api/problems/${p.id}/package`, `${p.slug}.zip`).catch(setDownloadError);
            }}
          >
            Download package
          </button>
        </div>
        <ErrorMessage error={downloadError} title="Not downloaded" />
        <PackageDrop onFile={(file) => upload.mutate(file)} disabled={upload.isPending} />
        {upload.isPending && <p role="status">Uploading and checking…</p>}
        <ErrorMessage error={upload.error} title="The package was refused" />
        {upload.data && (
          <div className="alert alert-success" role="status">
            Version {upload.data.version} stored.
          </div>
        )}
      </section>

      <FeedbackSettings problemId={p.id} level={p.feedback} />

      <section className="card" aria-labelledby="rejudge-heading">
        <h2 id="rejudge-heading">Rejudge</h2>
        <p className="hint">Judges every submission of this problem again, each on its own version.</p>
        <button
          type="button"
          className="button-danger"
          disabled={rejudge.isPending}
          onClick={() => {
            if (window.confirm(`Rejudge every submission of ${p.title}?`)) rejudge.mutate();
          }}
        >
          {rejudge.isPending ? 'Rejudging…' : 'Rejudge all submissions'}
        </button>
        <ErrorMessage error={rejudge.error} title="Not rejudged" />
        {rejudge.data && (
          <p role="status">
            {rejudge.data.count === 0
              ? 'There were no submissions to rejudge.'
              : `${rejudge.data.count} submissions queued for judging again.`}
          </p>
        )}
      </section>
    </div>
  );
}
