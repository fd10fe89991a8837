import { useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useNavigate } from 'react-router';
import type { ExistingProblemRef, ProblemListItem, ProblemUploadResult } from '@judge/contract';
import { ApiError } from '../../api/client';
import { useCreateProblem, useUploadPackage, type AuthoredProblem, type TestDraft } from '../../api/hooks';
import { ErrorMessage } from '../../components/error-message';
import { FileButton } from '../../components/file-button';
import { PackageDrop } from '../../components/package-drop';
import { checkerOf, ProblemSettingsFields, type ProblemSettings } from '../../components/problem-settings-form';
import { emptyTest, pairTestFiles, TestFields } from '../../components/test-fields';
import { useT } from '../../i18n/i18n-provider';

/** The problem a refused upload already is (409 PROBLEM_EXISTS), if that was the reason. */
function existingProblem(error: unknown): ExistingProblemRef | null {
  if (!(error instanceof ApiError) || error.code !== 'PROBLEM_EXISTS' || !error.details) return null;
  const d = error.details as Partial<ExistingProblemRef>;
  return typeof d.id === 'string' && typeof d.title === 'string' ? (d as ExistingProblemRef) : null;
}

/** What the judge read past in a package (unknown problem.yaml keys, …) and titles other problems share. */
export function PackageWarnings({ warnings }: { warnings: string[] }) {
  const t = useT();
  if (warnings.length === 0) return null;
  return (
    <div className="alert alert-warning" role="status">
      <strong>{t('setter.warnings.title', { count: warnings.length })}</strong>
      <ul className="warning-list">
        {warnings.map((w) => (
          <li key={w}>
            <code>{w}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

function UploadSection() {
  const t = useT();
  const upload = useUploadPackage();
  const [file, setFile] = useState<File | null>(null);

  const onFile = (chosen: File) => {
    setFile(chosen);
    upload.mutate({ file: chosen });
  };
  const existing = existingProblem(upload.error);
  const name = file?.name ?? '';

  return (
    <section className="card" aria-labelledby="upload-heading">
      <h2 id="upload-heading">{t('setter.upload.heading')}</h2>
      <p className="hint">
        <FormattedMessage id="setter.upload.hint" values={{ code: (chunks) => <code>{chunks}</code> }} />
      </p>
      <PackageDrop onFile={onFile} disabled={upload.isPending} />
      {upload.isPending && <p role="status">{t('setter.upload.checking', { name })}</p>}
      {existing && file ? (
        <div className="alert alert-info" role="alert">
          <p>
            <FormattedMessage
              id="setter.upload.exists"
              values={{
                name,
                problem: <Link to={`/admin/problems/${existing.id}`}>{existing.title}</Link>,
                version: existing.version,
              }}
            />
          </p>
          <div className="row">
            <button
              type="button"
              className="button-primary"
              onClick={() => upload.mutate({ file, asVersionOf: existing.id })}
            >
              {t('setter.upload.asNewVersion', { title: existing.title })}
            </button>
            <button type="button" onClick={() => upload.reset()}>
              {t('setter.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <ErrorMessage error={upload.error} title={t('setter.upload.refused', { name })} />
      )}
      {upload.data && <Stored problem={upload.data} newVersion={upload.variables?.asVersionOf !== undefined} />}
    </section>
  );
}

function Stored({ problem, newVersion }: { problem: ProblemUploadResult; newVersion: boolean }) {
  return (
    <>
      {newVersion ? <NewVersionStored problem={problem} /> : <Created problem={problem} />}
      <PackageWarnings warnings={problem.warnings} />
    </>
  );
}

function NewVersionStored({ problem }: { problem: ProblemListItem }) {
  return (
    <div className="alert alert-success" role="status">
      <FormattedMessage
        id="setter.upload.versionStored"
        values={{
          version: problem.version,
          problem: <Link to={`/admin/problems/${problem.id}`}>{problem.title}</Link>,
        }}
      />
    </div>
  );
}

function Created({ problem }: { problem: ProblemListItem }) {
  const t = useT();
  return (
    <div className="alert alert-success" role="status">
      <FormattedMessage
        id="setter.created"
        values={{ problem: <Link to={`/problems/${problem.id}`}>{problem.title}</Link>, version: problem.version }}
      />{' '}
      <Link to={`/admin/problems/${problem.id}`}>{t('setter.created.manage')}</Link>{' '}
      {problem.visibility === 'draft' && t('setter.created.draft')}
    </div>
  );
}

function WriteSection() {
  const t = useT();
  const navigate = useNavigate();
  const create = useCreateProblem();
  const [settings, setSettings] = useState<ProblemSettings>({
    title: '',
    // An example to write over, in the page's language.
    statement: t('setter.write.template'),
    timeLimitMs: 1000,
    memoryMb: 256,
    checker: 'default',
    tolerance: '1e-6',
    checkerSource: '',
    checkerLanguage: 'cpp',
  });
  const [tests, setTests] = useState<TestDraft[]>([{ ...emptyTest(), sample: true }]);
  const [unpaired, setUnpaired] = useState<string[]>([]);

  const created = (create.error as { createdProblem?: ProblemListItem } | null)?.createdProblem;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem: AuthoredProblem = {
      title: settings.title.trim(),
      statement: settings.statement ?? '',
      timeLimitMs: settings.timeLimitMs,
      memoryMb: settings.memoryMb,
      checker: checkerOf(settings),
    };
    const filled = tests.filter((test) => test.input !== '' || test.answer !== '');
    create.mutate(
      { problem, tests: filled },
      {
        // The tests added show on the problem's page, which lists them all; warnings (a shared title) go along.
        onSuccess: ({ problem: made }) =>
          void navigate(`/admin/problems/${made.id}`, { state: { warnings: made.warnings } }),
      },
    );
  };

  const addFiles = (files: File[]) => {
    const { tests: paired, unpaired: rest } = pairTestFiles(files);
    setTests((current) => [...current.filter((test) => test.input !== '' || test.answer !== ''), ...paired]);
    setUnpaired(rest);
  };

  return (
    <section className="card" aria-labelledby="write-heading">
      <h2 id="write-heading">{t('setter.write.heading')}</h2>
      <form className="form" onSubmit={submit} aria-label={t('setter.write.heading')}>
        <ProblemSettingsFields value={settings} onChange={setSettings} />
        <fieldset>
          <legend>{t('setter.tests')}</legend>
          {tests.length === 0 && <p className="hint">{t('setter.write.noTests')}</p>}
          {tests.map((test, i) => (
            <div className="test-draft" key={i} aria-label={t('setter.write.test', { n: i + 1 })} role="group">
              <div className="test-draft-head">
                <strong>{t('setter.write.test', { n: i + 1 })}</strong>
                <button
                  type="button"
                  className="button-small"
                  onClick={() => setTests((current) => current.filter((_, j) => j !== i))}
                >
                  {t('setter.write.removeTest')}
                </button>
              </div>
              <TestFields
                value={test}
                onChange={(next) => setTests((current) => current.map((x, j) => (j === i ? next : x)))}
              />
            </div>
          ))}
          <div className="row">
            <button type="button" onClick={() => setTests((current) => [...current, emptyTest()])}>
              {t('setter.write.addTest')}
            </button>
            <FileButton
              multiple
              showChosen={false}
              text={t('setter.write.addTestFiles')}
              label={t('setter.write.testFilesLabel')}
              onFiles={addFiles}
            />
          </div>
          {unpaired.length > 0 && (
            <div className="alert alert-info" role="status">
              {t('setter.write.unpaired', { files: unpaired.join(', ') })}
            </div>
          )}
        </fieldset>
        <ErrorMessage
          error={create.error}
          title={created ? t('setter.write.createdTestRefused') : t('setter.write.notCreated')}
        />
        {created && <Created problem={created} />}
        <button type="submit" className="button-primary" disabled={create.isPending}>
          {create.isPending ? t('setter.write.creating') : t('setter.write.create')}
        </button>
      </form>
    </section>
  );
}

/** For setters: a new problem from a package zip, or written here. */
export function NewProblemPage() {
  const t = useT();
  return (
    <div className="page">
      <h1>{t('setter.new.heading')}</h1>
      <UploadSection />
      <WriteSection />
    </div>
  );
}
