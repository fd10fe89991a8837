import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, type AuditEntryView } from '@judge/contract';
import { AUDIT_FILTERS, auditCsvPath, useAuditLog, type AuditFilters } from '../../api/audit';
import { download } from '../../api/client';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatDate } from '../../components/format';
import { fromLocalInput, toLocalInput } from '../../components/datetime-local';
import { useT } from '../../i18n/i18n-provider';

/** The filters in the page's address, so that a filtered view can be shared and survives a reload. */
function filtersOf(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const name of AUDIT_FILTERS) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

/** A value of the details as one short line: `before → after` for a change, else the value itself. */
function detailText(value: unknown): string {
  if (value !== null && typeof value === 'object' && 'before' in value && 'after' in value) {
    return `${plain(value.before)} → ${plain(value.after)}`;
  }
  return plain(value);
}

const plain = (value: unknown): string =>
  value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

function Details({ details }: { details: AuditEntryView['details'] }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return <>—</>;
  return (
    <dl className="audit-details">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{detailText(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function FilterForm({ filters, onApply }: { filters: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const t = useT();
  const [from, setFrom] = useState(toLocalInput(filters.from));
  const [to, setTo] = useState(toLocalInput(filters.to));
  const [actor, setActor] = useState(filters.actor ?? '');
  const [action, setAction] = useState(filters.action ?? '');
  const [targetType, setTargetType] = useState(filters.targetType ?? '');
  const [targetId, setTargetId] = useState(filters.targetId ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      from: fromLocalInput(from) ?? undefined,
      to: fromLocalInput(to) ?? undefined,
      actor: actor.trim() || undefined,
      action: action || undefined,
      targetType: targetType || undefined,
      targetId: targetId.trim() || undefined,
    });
  };

  return (
    <form className="filters" role="search" aria-label={t('audit.filters')} onSubmit={submit}>
      <label>
        {t('audit.from')}
        <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        {t('audit.to')}
        <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <label>
        {t('audit.actor')}
        <input value={actor} onChange={(e) => setActor(e.target.value)} placeholder={t('audit.actorHint')} />
      </label>
      <label>
        {t('audit.action')}
        <select value={action} onChange={(e) => setAction(e.target.value)}>
          <option value="">{t('audit.any')}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`audit.actions.${a}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('audit.targetType')}
        <select value={targetType} onChange={(e) => setTargetType(e.target.value)}>
          <option value="">{t('audit.any')}</option>
          {AUDIT_TARGET_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`audit.targets.${type}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('audit.targetId')}
        <input value={targetId} onChange={(e) => setTargetId(e.target.value)} />
      </label>
      <button type="submit">{t('audit.apply')}</button>
    </form>
  );
}

/**
 * For admins: the audit log (docs/security-model.md, "Audit log"). Who changed what, when and from where, newest
 * first, filtered by time, actor, action and target; the filtered rows download as CSV.
 */
export function AuditPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const log = useAuditLog(filters, page);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [downloading, setDownloading] = useState(false);

  const show = (next: AuditFilters, nextPage = 1) => {
    const search = new URLSearchParams();
    for (const name of AUDIT_FILTERS) if (next[name]) search.set(name, next[name]);
    if (nextPage > 1) search.set('page', String(nextPage));
    setParams(search);
  };

  const exportCsv = () => {
    setDownloadError(null);
    setDownloading(true);
    download(auditCsvPath(filters), 'audit-log.csv')
      .catch(setDownloadError)
      .finally(() => setDownloading(false));
  };

  return (
    <div className="page">
      <h1>{t('audit.title')}</h1>
      <p className="hint">{t('audit.intro')}</p>
      {/* Keyed by the address: going back or following a link shows its filters in the form. */}
      <FilterForm key={params.toString()} filters={filters} onApply={(next) => show(next)} />
      <div className="row">
        <button type="button" onClick={exportCsv} disabled={downloading}>
          {downloading ? t('audit.exporting') : t('audit.export')}
        </button>
      </div>
      <ErrorMessage error={downloadError} title={t('audit.notExported')} />
      {log.isPending && <Loading what={t('audit.loading')} />}
      <ErrorMessage error={log.error} title={t('audit.loadError')} />
      {log.data &&
        (log.data.items.length === 0 ? (
          <EmptyState>{t('audit.empty')}</EmptyState>
        ) : (
          <>
            <div className="table-scroll">
              <table aria-label={t('audit.entries')}>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.at')}</th>
                    <th scope="col">{t('audit.actor')}</th>
                    <th scope="col">{t('audit.address')}</th>
                    <th scope="col">{t('audit.action')}</th>
                    <th scope="col">{t('audit.target')}</th>
                    <th scope="col">{t('audit.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {log.data.items.map((e) => (
                    <tr key={e.id}>
                      <td>{formatDate(e.at)}</td>
                      <td>
                        {e.actorUsername ?? t('audit.nobody')}
                        {e.actorRole && <span className="muted"> ({t(`common.role.${e.actorRole}`)})</span>}
                      </td>
                      <td>{e.address ?? '—'}</td>
                      <td>{t(`audit.actions.${e.action}`)}</td>
                      <td>
                        {e.targetType ? (
                          <>
                            {t(`audit.targets.${e.targetType}`)} <code>{e.targetId}</code>
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>
                        <Details details={e.details} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <nav className="pager" aria-label={t('audit.pages')}>
              <button type="button" disabled={page <= 1} onClick={() => show(filters, page - 1)}>
                {t('audit.newer')}
              </button>
              <span>{t('audit.page', { page })}</span>
              <button type="button" disabled={!log.data.more} onClick={() => show(filters, page + 1)}>
                {t('audit.older')}
              </button>
            </nav>
          </>
        ))}
    </div>
  );
}
