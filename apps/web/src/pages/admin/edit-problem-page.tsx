import { useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import type { ProblemAuthoringView } from '@judge/contract';
import { useEditProblem, useProblemAuthoring } from '../../api/hooks';
import { ErrorMessage, Loading, PageError } from '../../components/error-message';
import { checkerOf, ProblemSettingsFields, type ProblemSettings } from '../../components/problem-settings-form';
import { useT } from '../../i18n/i18n-provider';
import { PackageWarnings } from './new-problem-page';

function settingsOf(view: ProblemAuthoringView): ProblemSettings {
  const tolerance = /float_(?:absolute_|relative_)?tolerance\s+(\S+)/.exec(view.checker.flags ?? '')?.[1];
  return {
    title: view.title,
    statement: view.statement,
    timeLimitMs: view.timeLimitMs,
    memoryMb: view.memoryMb,
    checker: view.checker.type,
    tolerance: tolerance ?? '1e-6',
    checkerSource: view.checker.source ?? '',
    checkerLanguage: view.checker.language ?? 'cpp',
  };
}

function EditForm({ id, view }: { id: string; view: ProblemAuthoringView }) {
  const t = useT();
  const save = useEditProblem(id);
  const [settings, setSettings] = useState(() => settingsOf(view));
  // A custom checker whose source the editor cannot show (several files, a build script) stays unless replaced.
  const keepChecker = view.checker.type === 'custom' && view.checker.source === undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      title: settings.title.trim(),
      statement: settings.statement,
      timeLimitMs: settings.timeLimitMs,
      memoryMb: settings.memoryMb,
      checker: checkerOf(settings),
    });
  };

  return (
    <form className="form card" onSubmit={submit} aria-label={t('setter.edit.form')}>
      <ProblemSettingsFields
        value={settings}
        onChange={setSettings}
        checkerEditable={view.checkerEditable}
        keepChecker={keepChecker}
      />
      <ErrorMessage error={save.error} title={t('setter.notSaved')} />
      {save.data && (
        <>
          <div className="alert alert-success" role="status">
            <FormattedMessage
              id="setter.edit.saved"
              values={{
                version: save.data.version,
                view: (chunks) => <Link to={`/problems/${id}`}>{chunks}</Link>,
              }}
            />
          </div>
          <PackageWarnings warnings={save.data.warnings} />
        </>
      )}
      <div className="row">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {save.isPending ? t('setter.saving') : t('setter.edit.save')}
        </button>
        <Link to={`/admin/problems/${id}`}>{t('setter.edit.back')}</Link>
      </div>
    </form>
  );
}

/**
 * For setters: an uploaded or written problem's title, statement (Markdown, with its preview), limits and checker,
 * edited here; saving stores a new version of its package, as uploading one would.
 */
export function EditProblemPage() {
  const t = useT();
  const { id = '' } = useParams();
  const view = useProblemAuthoring(id);
  if (view.isPending) return <Loading what={t('setter.manage.loading')} />;
  if (view.error) return <PageError title={t('setter.edit.heading')} error={view.error} />;
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('setter.edit.heading')}</h1>
        <div className="actions">
          <Link to={`/admin/problems/${id}`}>{t('setter.edit.back')}</Link>
        </div>
      </div>
      <p className="hint">{t('setter.edit.hint')}</p>
      <EditForm id={id} view={view.data} />
    </div>
  );
}
