import { useEffect, useState, type FormEvent } from 'react';
import type { AccountImportResult, ImportLineError } from '@judge/contract';
import { importErrors, sheetCsv, useAccountImport, type ImportTarget } from '../api/account-import';
import { useT } from '../i18n/i18n-provider';
import { ErrorMessage } from './error-message';
import { FileButton } from './file-button';

/** The lines of a refused file, in the file's order: nothing was imported. */
function LineErrors({ errors }: { errors: ImportLineError[] }) {
  const t = useT();
  return (
    <div className="alert alert-error" role="alert">
      <strong>{t('accounts.import.refused', { count: errors.length })}</strong>
      <div className="table-scroll">
        <table className="import-errors">
          <thead>
            <tr>
              <th scope="col">{t('accounts.import.line')}</th>
              <th scope="col">{t('accounts.import.column')}</th>
              <th scope="col">{t('accounts.import.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={i}>
                <td>{e.line}</td>
                <td>{e.field ?? ''}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/**
 * The accounts made, with their passwords, to print for the room or download: shown once, the API keeps no
 * password in clear. While it is on the page, printing prints the sheet alone (styles.css, `printing-sheet`).
 */
function Sheet({ result }: { result: AccountImportResult }) {
  const t = useT();
  useEffect(() => {
    document.body.classList.add('printing-sheet');
    return () => document.body.classList.remove('printing-sheet');
  }, []);
  // A team import's sheet says each account's team where others say its course.
  const teams = result.teams !== undefined;
  const header = [
    t('accounts.import.username'),
    t('accounts.import.displayName'),
    t('accounts.import.password'),
    teams ? t('accounts.import.team') : t('accounts.import.course'),
  ];
  const download = () => {
    const url = URL.createObjectURL(new Blob([sheetCsv(result, header)], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'accounts.csv';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <section className="print-sheet" aria-label={t('accounts.import.sheet')}>
      <p role="status" className="no-print">
        {t('accounts.import.done', { created: result.created.length, enrolled: result.enrolled.length })}
      </p>
      {result.created.length > 0 && (
        <>
          <p className="alert alert-info no-print">{t('accounts.import.once')}</p>
          <div className="row no-print">
            <button type="button" className="button-primary" onClick={() => window.print()}>
              {t('accounts.import.print')}
            </button>
            <button type="button" onClick={download}>
              {t('accounts.import.download')}
            </button>
          </div>
          <table className="account-sheet">
            <thead>
              <tr>
                {header.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.created.map((a) => (
                <tr key={a.id}>
                  <td>
                    <code>{a.username}</code>
                  </td>
                  <td>{a.displayName ?? ''}</td>
                  <td>
                    <code>{a.password}</code>
                  </td>
                  <td>{teams ? (a.team ?? '') : (a.course?.title ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {result.teams && result.teams.length > 0 && (
        <p className="no-print">
          {t('accounts.import.teamsList', {
            count: result.teams.length,
            names: result.teams.map((team) => `${team.name} (${team.members.join(', ')})`).join('; '),
          })}
        </p>
      )}
      {result.enrolled.length > 0 && (
        <p className="no-print">
          {t('accounts.import.enrolledList', {
            names: result.enrolled.map((e) => `${e.username} (${e.course.title})`).join(', '),
          })}
        </p>
      )}
    </section>
  );
}

const HEADINGS: Record<ImportTarget['kind'], { heading: string; help: string }> = {
  admin: { heading: 'accounts.import.heading', help: 'accounts.import.help' },
  course: { heading: 'accounts.import.courseHeading', help: 'accounts.import.courseHelp' },
  teams: { heading: 'accounts.import.teamsHeading', help: 'accounts.import.teamsHelp' },
};

/**
 * Accounts from a CSV file (docs/courses.md, "Importing students"): admins for any course or none, a course's
 * teachers for their course, a contest's staff for its teams (docs/contests.md, "Teams"). A file with any bad line
 * is refused whole, its lines listed.
 */
export function AccountImportPanel({ target }: { target: ImportTarget }) {
  const t = useT();
  const run = useAccountImport(target);
  const [file, setFile] = useState<File | null>(null);
  const [enrolExisting, setEnrolExisting] = useState(false);
  const lines = importErrors(run.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    run.mutate({ csv: await file.text(), existing: enrolExisting ? 'enrol' : 'refuse' });
  };

  return (
    <section className="card account-import" aria-labelledby="account-import-heading">
      <h2 id="account-import-heading">{t(HEADINGS[target.kind].heading)}</h2>
      <p className="hint no-print">{t(HEADINGS[target.kind].help)}</p>
      <form className="row no-print" onSubmit={(e) => void submit(e)} aria-label={t('accounts.import.heading')}>
        <FileButton
          text={t('accounts.import.choose')}
          label={t('accounts.import.file')}
          accept=".csv,text/csv"
          onFiles={(files) => {
            setFile(files[0]);
            run.reset();
          }}
        />
        {/* On a team import, existing accounts always join their team. */}
        {target.kind !== 'teams' && (
          <label className="check">
            <input type="checkbox" checked={enrolExisting} onChange={(e) => setEnrolExisting(e.target.checked)} />
            <span>{t('accounts.import.enrolExisting')}</span>
          </label>
        )}
        <button type="submit" className="button-primary" disabled={!file || run.isPending}>
          {run.isPending ? t('accounts.import.importing') : t('accounts.import.import')}
        </button>
      </form>
      {lines ? <LineErrors errors={lines} /> : <ErrorMessage error={run.error} title={t('accounts.import.failed')} />}
      {run.data && <Sheet result={run.data} />}
    </section>
  );
}
