import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ContestImportResult, ContestPackageError } from '@judge/contract';
import { contestPackageErrors, useContestImport } from '../../api/contest-package';
import { ErrorMessage } from '../../components/error-message';
import { FileButton } from '../../components/file-button';
import { useT } from '../../i18n/i18n-provider';

/** What is wrong in a refused package, file by file: nothing was imported. */
function PackageErrors({ errors }: { errors: ContestPackageError[] }) {
  const t = useT();
  return (
    <div className="alert alert-error" role="alert">
      <strong>{t('contest.import.refused', { count: errors.length })}</strong>
      <div className="table-scroll">
        <table className="import-errors">
          <thead>
            <tr>
              <th scope="col">{t('contest.import.file')}</th>
              <th scope="col">{t('contest.import.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={i}>
                <td>
                  <code>{e.file}</code>
                </td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The contest made, and the accounts made with their passwords (shown this once), printable alone. */
function ImportResult({ result }: { result: ContestImportResult }) {
  const t = useT();
  useEffect(() => {
    document.body.classList.add('printing-sheet');
    return () => document.body.classList.remove('printing-sheet');
  }, []);
  return (
    <section className="print-sheet" aria-label={t('contest.import.result')}>
      <p role="status" className="no-print">
        {t('contest.import.done', {
          teams: result.teams,
          submissions: result.submissions,
          created: result.createdAccounts.length,
          reused: result.reusedAccounts.length,
        })}{' '}
        <Link to={`/contests/${result.contestId}`}>{result.title}</Link>
      </p>
      <p className="hint no-print">
        {result.rejudged ? t('contest.import.rejudged') : t('contest.import.notRejudged')}
      </p>
      {result.warnings.length > 0 && (
        <ul className="alert alert-info no-print" aria-label={t('contest.import.warnings')}>
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {result.createdAccounts.length > 0 && (
        <>
          <p className="alert alert-info no-print">{t('contest.import.once')}</p>
          <div className="row no-print">
            <button type="button" className="button-primary" onClick={() => window.print()}>
              {t('contest.import.print')}
            </button>
          </div>
          <table className="account-sheet">
            <thead>
              <tr>
                <th scope="col">{t('contest.import.team')}</th>
                <th scope="col">{t('contest.import.username')}</th>
                <th scope="col">{t('contest.import.password')}</th>
              </tr>
            </thead>
            <tbody>
              {result.createdAccounts.map((a) => (
                <tr key={a.username}>
                  <td>{a.team}</td>
                  <td>
                    <code>{a.username}</code>
                  </td>
                  <td>
                    <code>{a.password}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** Admins: a contest from a CCS contest package zip, as this judge or DOMjudge exports one (docs/contests.md). */
export function ContestImportPage() {
  const t = useT();
  const run = useContestImport();
  const [file, setFile] = useState<File | null>(null);
  const [rejudge, setRejudge] = useState(false);
  const errors = contestPackageErrors(run.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) run.mutate({ file, rejudge });
  };

  return (
    <div className="page">
      <h1 className="no-print">{t('contest.import.heading')}</h1>
      <p className="hint no-print">{t('contest.import.help')}</p>
      <form className="row no-print" onSubmit={submit} aria-label={t('contest.import.heading')}>
        <FileButton
          text={t('contest.import.choose')}
          label={t('contest.import.fileLabel')}
          accept=".zip,application/zip"
          onFiles={(files) => {
            setFile(files[0]);
            run.reset();
          }}
        />
        <label className="check">
          <input type="checkbox" checked={rejudge} onChange={(e) => setRejudge(e.target.checked)} />
          <span>{t('contest.import.rejudgeOption')}</span>
        </label>
        <button type="submit" className="button-primary" disabled={!file || run.isPending}>
          {run.isPending ? t('contest.import.importing') : t('contest.import.import')}
        </button>
      </form>
      {errors ? (
        <PackageErrors errors={errors} />
      ) : (
        <ErrorMessage error={run.error} title={t('contest.import.failed')} />
      )}
      {run.data && <ImportResult result={run.data} />}
    </div>
  );
}
