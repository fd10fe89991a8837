import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { download } from '../../api/client';
import {
  useAddTest,
  useDeleteTest,
  useProblem,
  useRejudgeProblem,
  useReplaceTest,
  useUploadPackage,
  type TestDraft,
} from '../../api/hooks';
import { ErrorMessage, Loading } from '../../components/error-message';
import { formatTimeLimit } from '../../components/format';
import { PackageDrop } from '../../components/package-drop';
import { emptyTest, TestFields } from '../../components/test-fields';

/** Test ids as the API names them: the path below data/ with ':' for '/'. */
const idOf = (name: string) => name.replaceAll('/', ':');

function TestItem({ problemId, testId, onDeleted }: { problemId: string; testId: string; onDeleted: () => void }) {
  const replace = useReplaceTest(problemId);
  const remove = useDeleteTest(problemId);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<TestDraft>(emptyTest);

  const save = (event: FormEvent) => {
    event.preventDefault();
    replace.mutate({ testId, test: draft }, { onSuccess: () => setEditing(false) });
  };

  return (
    <li className="test-item">
      <div className="row">
        <code>{testId}</code>
        <button type="button" className="button-small" onClick={() => setEditing(!editing)}>
          {editing ? 'Cancel' : 'Replace'}
        </button>
        <button
          type="button"
          className="button-small button-danger"
          disabled={remove.isPending}
          onClick={() => {
            if (window.confirm(`Delete test ${testId}? This makes a new version of the problem.`)) {
              remove.mutate(testId, { onSuccess: onDeleted });
            }
          }}
        >
          Delete
        </button>
        {replace.isSuccess && !editing && <span className="muted">Replaced.</span>}
      </div>
      <ErrorMessage error={remove.error} title="Not deleted" />
      {editing && (
        <form className="form" onSubmit={save} aria-label={`Replace test ${testId}`}>
          <TestFields value={draft} onChange={setDraft} withKind={false} />
          <ErrorMessage error={replace.error} title="Not replaced" />
          <button type="submit" disabled={replace.isPending}>
            Save test
          </button>
        </form>
      )}
    </li>
  );
}

/** For setters: tests of a problem (add, replace, delete), a new package version, rejudging, the package. */
export function ManageProblemPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const problem = useProblem(id);
  const rejudge = useRejudgeProblem(id);
  const upload = useUploadPackage(id);
  const add = useAddTest(id);
  const [draft, setDraft] = useState<TestDraft>(emptyTest);
  // The API lists no secret tests: the ones added here (and on the page before) are known by the ids it gave.
  const [added, setAdded] = useState<string[]>(() => {
    const state = location.state as { testIds?: unknown } | null;
    return Array.isArray(state?.testIds) ? state.testIds.filter((t): t is string => typeof t === 'string') : [];
  });
  const [otherId, setOtherId] = useState('');
  const [downloadError, setDownloadError] = useState<unknown>(null);

  if (problem.isPending) return <Loading what="Loading the problem" />;
  if (problem.error)
    return (
      <div className="page">
        <h1>Manage problem</h1>
        <ErrorMessage error={problem.error} />
      </div>
    );
  const p = problem.data;
  const known = [...new Set([...p.samples.map((s) => idOf(s.name)), ...added])];

  const addTest = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(draft, {
      onSuccess: ({ testId }) => {
        setAdded((current) => [...current, testId]);
        setDraft({ ...emptyTest(), sample: draft.sample, group: draft.group });
      },
    });
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>Manage: {p.title}</h1>
        <div className="actions">
          <Link to={`/problems/${p.id}`}>View problem</Link>
          <Link to={`/admin/submissions?problem=${p.id}`}>Submissions</Link>
        </div>
      </div>
      <p className="muted">
        Version {p.version} · {p.testCount} tests · time limit {formatTimeLimit(p.limits.timeLimitMs)} · memory{' '}
        {p.limits.memoryMb} MB. Every change makes a new version; submissions keep the version they were judged on.
      </p>

      <section className="card" aria-labelledby="tests-heading">
        <h2 id="tests-heading">Tests</h2>
        {known.length > 0 ? (
          <ul className="test-list">
            {known.map((testId) => (
              <TestItem
                key={testId}
                problemId={p.id}
                testId={testId}
                onDeleted={() => setAdded((current) => current.filter((t) => t !== testId))}
              />
            ))}
          </ul>
        ) : (
          <p className="hint">No sample tests, and none added on this page yet.</p>
        )}
        <p className="hint">
          Secret tests are not listed by the API; those added here are. Change another by its id (
          <code>secret:group1:03</code> for <code>data/secret/group1/03.in</code>):
        </p>
        <div className="row">
          <label className="field field-inline">
            <span>Test id</span>
            <input value={otherId} placeholder="secret:01" onChange={(e) => setOtherId(e.target.value.trim())} />
          </label>
          <button
            type="button"
            disabled={!otherId || known.includes(otherId)}
            onClick={() => {
              setAdded((current) => [...current, otherId]);
              setOtherId('');
            }}
          >
            Show
          </button>
        </div>

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
