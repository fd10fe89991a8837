import { useState, type FormEvent } from 'react';
import { PRINT_MAX_BYTES, type PrintStatus, type PrintView } from '@judge/contract';
import { usePrintAction, usePrintContent, usePrints, useSendPrint } from '../../api/onsite';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { FileButton } from '../../components/file-button';
import { formatBytes, formatDate } from '../../components/format';
import { useT } from '../../i18n/i18n-provider';
import { useContestContext } from './contest-layout';

const STATUS_KEYS: Record<PrintStatus, string> = {
  queued: 'onsite.prints.status.queued',
  printed: 'onsite.prints.status.printed',
  failed: 'onsite.prints.status.failed',
  done: 'onsite.prints.status.done',
};

function PrintStatusBadge({ print }: { print: PrintView }) {
  const t = useT();
  return (
    <span className={`badge print-${print.status}`} title={print.error ?? undefined}>
      {t(STATUS_KEYS[print.status])}
    </span>
  );
}

/** Why a file cannot be printed (a catalog key), or null. */
export function unprintable(text: string): string | null {
  if (new TextEncoder().encode(text).length > PRINT_MAX_BYTES) return 'onsite.print.tooLarge';
  if (text.includes('\u0000')) return 'onsite.print.notText';
  return null;
}

/** What a participant sends to print: a file chosen or text pasted, under a name. */
function PrintForm({ contestId }: { contestId: string }) {
  const t = useT();
  const send = useSendPrint(contestId);
  const [fileName, setFileName] = useState('');
  const [content, setContent] = useState('');
  const problem = content ? unprintable(content) : null;

  const choose = async (files: File[]) => {
    const [file] = files;
    setFileName(file.name);
    setContent(await file.text());
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!fileName.trim() || !content || problem) return;
    send.mutate({ fileName: fileName.trim(), content }, { onSuccess: () => setContent('') });
  };

  return (
    <form className="card form" aria-label={t('onsite.print.form')} onSubmit={submit}>
      <div className="row">
        <FileButton text={t('onsite.print.choose')} label={t('onsite.print.file')} onFiles={(f) => void choose(f)} />
      </div>
      <label className="field">
        <span>{t('onsite.print.fileName')}</span>
        <input value={fileName} onChange={(e) => setFileName(e.target.value)} required maxLength={128} />
      </label>
      <label className="field">
        <span>{t('onsite.print.text')}</span>
        <textarea
          className="code"
          rows={12}
          value={content}
          onChange={(e) => setContent(e.target.value)}
          spellCheck={false}
        />
      </label>
      <p className="hint">{t('onsite.print.hint', { size: formatBytes(PRINT_MAX_BYTES) })}</p>
      {problem && (
        <p className="alert alert-error" role="alert">
          {t(problem, { size: formatBytes(PRINT_MAX_BYTES) })}
        </p>
      )}
      <ErrorMessage error={send.error} title={t('onsite.print.notSent')} />
      <div>
        <button
          type="submit"
          className="button-primary"
          disabled={send.isPending || !fileName.trim() || !content || problem !== null}
        >
          {send.isPending ? t('onsite.print.sending') : t('onsite.print.send')}
        </button>
      </div>
    </form>
  );
}

/** A participant's page: send a file to print, and see what became of their prints. */
export function PrintPage() {
  const t = useT();
  const { contest } = useContestContext();
  const prints = usePrints(contest.id);
  return (
    <section aria-label={t('onsite.print.title')}>
      <h2>{t('onsite.print.title')}</h2>
      {contest.phase === 'running' || contest.phase === 'frozen' ? (
        <PrintForm contestId={contest.id} />
      ) : (
        <p className="muted">{t('onsite.print.notRunning')}</p>
      )}
      <h3>{t('onsite.print.mine')}</h3>
      {prints.isPending && <Loading what={t('onsite.prints.loading')} />}
      <ErrorMessage error={prints.error} title={t('onsite.prints.loadError')} />
      {prints.data?.length === 0 && <EmptyState>{t('onsite.print.none')}</EmptyState>}
      {prints.data && prints.data.length > 0 && (
        <div className="table-scroll">
          <table className="prints">
            <thead>
              <tr>
                <th>{t('onsite.prints.file')}</th>
                <th>{t('onsite.prints.time')}</th>
                <th>{t('onsite.prints.statusHeading')}</th>
              </tr>
            </thead>
            <tbody>
              {prints.data.map((p) => (
                <tr key={p.id} data-testid="print">
                  <td>{p.fileName}</td>
                  <td>{formatDate(p.createdAt)}</td>
                  <td>
                    <PrintStatusBadge print={p} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function PrintContent({ contestId, printId }: { contestId: string; printId: string }) {
  const t = useT();
  const content = usePrintContent(contestId, printId);
  if (content.isPending) return <Loading what={t('onsite.prints.loadingContent')} />;
  if (content.error) return <ErrorMessage error={content.error} />;
  return (
    <pre className="print-content" data-testid="print-content">
      {content.data}
    </pre>
  );
}

function QueueRow({ contestId, print }: { contestId: string; print: PrintView }) {
  const t = useT();
  const act = usePrintAction(contestId);
  const [open, setOpen] = useState(false);
  return (
    <>
      <tr data-testid="print">
        <td>{formatDate(print.createdAt)}</td>
        <td>{print.teamName ?? print.username}</td>
        <td>{print.location ?? '—'}</td>
        <td>
          {print.fileName} <span className="muted">({formatBytes(print.bytes)})</span>
        </td>
        <td>
          <PrintStatusBadge print={print} />
          {print.error && <div className="muted print-error">{print.error}</div>}
        </td>
        <td className="actions">
          <button type="button" className="button-small" onClick={() => setOpen(!open)} aria-expanded={open}>
            {open ? t('onsite.prints.hide') : t('onsite.prints.view')}
          </button>
          {print.status !== 'done' && (
            <button
              type="button"
              className="button-primary button-small"
              disabled={act.isPending}
              onClick={() => act.mutate({ printId: print.id, action: 'done' })}
            >
              {t('onsite.prints.done')}
            </button>
          )}
          <button
            type="button"
            className="button-small"
            disabled={act.isPending}
            onClick={() => act.mutate({ printId: print.id, action: 'print' })}
          >
            {t('onsite.prints.again')}
          </button>
          <ErrorMessage error={act.error} />
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={6}>
            <PrintContent contestId={contestId} printId={print.id} />
          </td>
        </tr>
      )}
    </>
  );
}

/** The print desk: every print of the contest, newest first, to read, print again and hand out. */
export function PrintsPage() {
  const t = useT();
  const { contest } = useContestContext();
  const prints = usePrints(contest.id);
  return (
    <section aria-label={t('onsite.prints.title')}>
      <h2>{t('onsite.prints.title')}</h2>
      {prints.isPending && <Loading what={t('onsite.prints.loading')} />}
      <ErrorMessage error={prints.error} title={t('onsite.prints.loadError')} />
      {prints.data?.length === 0 && <EmptyState>{t('onsite.prints.none')}</EmptyState>}
      {prints.data && prints.data.length > 0 && (
        <div className="table-scroll">
          <table className="prints">
            <thead>
              <tr>
                <th>{t('onsite.prints.time')}</th>
                <th>{t('onsite.balloons.team')}</th>
                <th>{t('onsite.balloons.location')}</th>
                <th>{t('onsite.prints.file')}</th>
                <th>{t('onsite.prints.statusHeading')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {prints.data.map((p) => (
                <QueueRow key={p.id} contestId={contest.id} print={p} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
