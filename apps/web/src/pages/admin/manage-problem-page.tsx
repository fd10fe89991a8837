import { useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
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
import { FileButton } from '../../components/file-button';
import { formatBytes, formatNumber, formatTimeLimit } from '../../components/format';
import { PackageDrop } from '../../components/package-drop';
import { emptyTest, TestFields } from '../../components/test-fields';
import { useT } from '../../i18n/i18n-provider';
import { PackageWarnings } from './new-problem-page';

/** A test of the current version: its place and sizes, and replacing or deleting it (each a new version). */
function TestItem({ problemId, test }: { problemId: string; test: ProblemTestView }) {
  const t = useT();
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
        <td>{test.sample ? t('setter.tests.sample') : t('setter.tests.secret')}</td>
        <td className="num">{formatBytes(test.inputBytes)}</td>
        <td className="num">{formatBytes(test.answerBytes)}</td>
        <td className="actions-cell">
          <button
            type="button"
            className="button-small"
            aria-expanded={editing}
            aria-label={
              editing
                ? t('setter.tests.cancelReplaceOf', { name: test.name })
                : t('setter.tests.replaceOf', { name: test.name })
            }
            onClick={() => setEditing(!editing)}
          >
            {editing ? t('setter.cancel') : t('setter.tests.replace')}
          </button>{' '}
          <button
            type="button"
            className="button-small button-danger"
            aria-label={t('setter.tests.deleteOf', { name: test.name })}
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(t('setter.tests.confirmDelete', { name: test.name }))) {
                remove.mutate(test.id);
              }
            }}
          >
            {remove.isPending ? t('setter.tests.deleting') : t('setter.tests.delete')}
          </button>
          {replace.isSuccess && !editing && <span className="muted"> {t('setter.tests.replaced')}</span>}
        </td>
      </tr>
      {(editing || remove.error) && (
        <tr className="test-edit-row">
          <td colSpan={6}>
            <ErrorMessage error={remove.error} title={t('setter.tests.notDeleted')} />
            {editing && (
              <form className="form" onSubmit={save} aria-label={t('setter.tests.replaceForm', { name: test.name })}>
                <TestFields value={draft} onChange={setDraft} withKind={false} />
                <ErrorMessage error={replace.error} title={t('setter.tests.notReplaced')} />
                <button type="submit" disabled={replace.isPending}>
                  {replace.isPending ? t('setter.saving') : t('setter.tests.save')}
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
  const t = useT();
  const tests = useProblemTests(problemId);
  if (tests.isPending) return <Loading what={t('setter.tests.loading')} />;
  if (tests.isError) return <ErrorMessage error={tests.error} title={t('setter.tests.loadFailed')} />;
  if (tests.data.length === 0) return <p className="hint">{t('setter.tests.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="problem-tests">
        <caption className="visually-hidden">{t('setter.tests.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('setter.tests.test')}</th>
            <th scope="col">{t('setter.tests.group')}</th>
            <th scope="col">{t('setter.tests.kind')}</th>
            <th scope="col" className="num">
              {t('setter.tests.input')}
            </th>
            <th scope="col" className="num">
              {t('setter.tests.answer')}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t('setter.tests.actions')}</span>
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
  const t = useT();
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
      <h2 id="reference-heading">{t('setter.reference.heading')}</h2>
      <p className="hint">{t('setter.reference.hint')}</p>
      <div className="row">
        <label className="field field-inline">
          <span>{t('setter.reference.language')}</span>
          <select value={chosen} onChange={(event) => setLanguage(event.target.value)}>
            {(languages.data ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <FileButton
          text={t('setter.reference.choose')}
          label={t('setter.reference.label')}
          disabled={submit.isPending || !chosen}
          onFiles={([file]) => void run(file)}
        />
      </div>
      <ErrorMessage error={submit.error} title={t('setter.reference.notRun')} />
    </section>
  );
}

/** Whether the problem is in practice: publishing a draft, or taking a public problem back to draft. */
function Publication({ problemId, visibility }: { problemId: string; visibility: ProblemVisibilityState }) {
  const t = useT();
  const change = useSetProblemVisibility(problemId);
  const draft = visibility === 'draft';
  return (
    <section className="card" aria-labelledby="publication-heading">
      <h2 id="publication-heading">{t('setter.visibility.heading')}</h2>
      <p className="hint">{draft ? t('setter.visibility.draftHint') : t('setter.visibility.publicHint')}</p>
      <button
        type="button"
        className={draft ? 'button-primary' : undefined}
        disabled={change.isPending}
        onClick={() => change.mutate(draft ? 'public' : 'draft')}
      >
        {change.isPending
          ? t('setter.saving')
          : draft
            ? t('setter.visibility.publish')
            : t('setter.visibility.unpublish')}
      </button>
      <ErrorMessage
        error={change.error}
        title={draft ? t('setter.visibility.notPublished') : t('setter.visibility.notUnpublished')}
      />
    </section>
  );
}

/** How much of a submission's judgement its author sees in practice; contests and assignments may override it. */
function FeedbackSettings({ problemId, level }: { problemId: string; level: FeedbackLevel }) {
  const t = useT();
  const save = useSetProblemFeedback(problemId);
  return (
    <section className="card" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">{t('setter.feedback.heading')}</h2>
      <p className="hint">{t('setter.feedback.hint')}</p>
      <FeedbackSelect value={save.variables ?? level} onChange={(next) => next && save.mutate(next)} />
      <ErrorMessage error={save.error} title={t('setter.notSaved')} />
      {save.isSuccess && (
        <p role="status" className="muted">
          {t('setter.saved')}
        </p>
      )}
    </section>
  );
}

/** For setters: tests of a problem (add, replace, delete), a new package version, rejudging, the package. */
export function ManageProblemPage() {
  const t = useT();
  const { id = '' } = useParams();
  const problem = useProblem(id);
  const rejudge = useRejudgeProblem(id);
  const upload = useUploadPackage(id);
  const add = useAddTest(id);
  const [draft, setDraft] = useState<TestDraft>(emptyTest);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  // What the creation of a problem written in the browser warned of (a title another problem has).
  const created = (useLocation().state as { warnings?: unknown } | null)?.warnings;
  const createdWarnings = Array.isArray(created) ? created.filter((w): w is string => typeof w === 'string') : [];

  if (problem.isPending) return <Loading what={t('setter.manage.loading')} />;
  if (problem.error) return <PageError title={t('setter.manage.title')} error={problem.error} />;
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
          {t('setter.manage.heading', { title: p.title })} <DraftBadge visibility={p.visibility} />
        </h1>
        <div className="actions">
          <Link to={`/admin/problems/${p.id}/edit`}>{t('setter.manage.edit')}</Link>
          <Link to={`/problems/${p.id}`}>{t('setter.manage.view')}</Link>
          <Link to={`/admin/submissions?problem=${p.id}`}>{t('setter.manage.submissions')}</Link>
          <Link to={`/admin/problems/${p.id}/plagiarism`}>{t('setter.manage.plagiarism')}</Link>
        </div>
      </div>
      <p className="muted">
        {t('setter.manage.summary', {
          version: p.version,
          tests: p.testCount,
          time: formatTimeLimit(p.limits.timeLimitMs),
          memory: formatNumber(p.limits.memoryMb),
        })}
      </p>

      <PackageWarnings warnings={createdWarnings} />

      <Publication problemId={p.id} visibility={p.visibility} />

      <section className="card" aria-labelledby="tests-heading">
        <h2 id="tests-heading">{t('setter.tests')}</h2>
        <p className="hint">{t('setter.tests.hint')}</p>
        <TestList problemId={p.id} />

        <h3>{t('setter.tests.addHeading')}</h3>
        <form className="form" onSubmit={addTest} aria-label={t('setter.tests.addHeading')}>
          <TestFields value={draft} onChange={setDraft} />
          <ErrorMessage error={add.error} title={t('setter.tests.notAdded')} />
          {add.data && (
            <p role="status" className="muted">
              {t('setter.tests.added', { test: add.data.testId, version: add.data.version })}
            </p>
          )}
          <button type="submit" className="button-primary" disabled={add.isPending}>
            {add.isPending ? t('setter.tests.adding') : t('setter.tests.add')}
          </button>
        </form>
      </section>

      <ReferenceRun problemId={p.id} />

      <section className="card" aria-labelledby="version-heading">
        <h2 id="version-heading">{t('setter.version.heading')}</h2>
        <p className="hint">
          <FormattedMessage
            id="setter.version.hint"
            values={{ edit: (chunks) => <Link to={`/admin/problems/${p.id}/edit`}>{chunks}</Link> }}
          />
        </p>
        <div className="row">
          <button
            type="button"
            onClick={() => {
              setDownloadError(null);
              download(`/api/problems/${p.id}/package`, `${p.slug}.zip`).catch(setDownloadError);
            }}
          >
            {t('setter.version.download')}
          </button>
        </div>
        <ErrorMessage error={downloadError} title={t('setter.version.notDownloaded')} />
        <PackageDrop onFile={(file) => upload.mutate({ file })} disabled={upload.isPending} />
        {upload.isPending && <p role="status">{t('setter.version.checking')}</p>}
        <ErrorMessage error={upload.error} title={t('setter.version.refused')} />
        {upload.data && (
          <>
            <div className="alert alert-success" role="status">
              {t('setter.version.stored', { version: upload.data.version })}
            </div>
            <PackageWarnings warnings={upload.data.warnings} />
          </>
        )}
      </section>

      <FeedbackSettings problemId={p.id} level={p.feedback} />

      <section className="card" aria-labelledby="rejudge-heading">
        <h2 id="rejudge-heading">{t('setter.rejudge.heading')}</h2>
        <p className="hint">{t('setter.rejudge.hint')}</p>
        <button
          type="button"
          className="button-danger"
          disabled={rejudge.isPending}
          onClick={() => {
            if (window.confirm(t('setter.rejudge.confirm', { title: p.title }))) rejudge.mutate();
          }}
        >
          {rejudge.isPending ? t('setter.rejudge.running') : t('setter.rejudge.button')}
        </button>
        <ErrorMessage error={rejudge.error} title={t('setter.rejudge.failed')} />
        {rejudge.data && <p role="status">{t('setter.rejudge.queued', { count: rejudge.data.count })}</p>}
      </section>
    </div>
  );
}
