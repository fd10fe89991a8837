import { useState, type FormEvent } from 'react';
import {
  EVENT_RUN_FINISHED,
  WEBHOOK_EVENTS,
  type WebhookDeliveryView,
  type WebhookEvent,
  type WebhookScope,
  type WebhookView,
  type WebhookWithSecret,
} from '@judge/contract';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useDeliveries,
  usePingWebhook,
  useRedeliver,
  useRotateSecret,
  useUpdateWebhook,
  useWebhooks,
} from '../api/webhooks';
import { useT } from '../i18n/i18n-provider';
import { CopyButton } from './copy-button';
import { EmptyState, ErrorMessage, Loading } from './error-message';
import { formatDate } from './format';

/** run.finished is the site's: runs belong to no course or contest. */
const eventsOf = (scope: WebhookScope): WebhookEvent[] =>
  'scope' in scope ? [...WEBHOOK_EVENTS] : WEBHOOK_EVENTS.filter((e) => e !== EVENT_RUN_FINISHED);

/** A hook's secret, just made or rotated: shown this once, with a copy button, until dismissed. */
function NewSecret({ made, onDone }: { made: WebhookWithSecret; onDone: () => void }) {
  const t = useT();
  return (
    <div className="alert card" role="status" aria-label={t('webhooks.secretTitle', { url: made.url })}>
      <strong>{t('webhooks.secretTitle', { url: made.url })}</strong>
      <p>{t('webhooks.shownOnce')}</p>
      <div className="row">
        <code className="token-secret" aria-label={t('webhooks.secret')}>
          {made.secret}
        </code>
        <CopyButton text={made.secret} label={t('webhooks.copySecret')} />
        <button type="button" className="button-small" onClick={onDone}>
          {t('webhooks.done')}
        </button>
      </div>
    </div>
  );
}

function CreateWebhook({ scope, onMade }: { scope: WebhookScope; onMade: (hook: WebhookWithSecret) => void }) {
  const t = useT();
  const create = useCreateWebhook(scope);
  const offered = eventsOf(scope);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(offered.slice(0, 1));

  const toggle = (event: WebhookEvent, on: boolean) =>
    setEvents((current) => (on ? [...current, event] : current.filter((e) => e !== event)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { url: url.trim(), events: offered.filter((event) => events.includes(event)) },
      {
        onSuccess: (hook) => {
          onMade(hook);
          setUrl('');
        },
      },
    );
  };

  return (
    <form className="form" onSubmit={submit} aria-label={t('webhooks.new')}>
      <h3>{t('webhooks.new')}</h3>
      <label className="field">
        <span>{t('webhooks.url')}</span>
        <input
          type="url"
          required
          maxLength={2000}
          value={url}
          placeholder="https://example.com/judge-events"
          onChange={(e) => setUrl(e.target.value)}
          autoComplete="off"
        />
      </label>
      <fieldset>
        <legend>{t('webhooks.events')}</legend>
        {offered.map((event) => (
          <label key={event} className="check">
            <input type="checkbox" checked={events.includes(event)} onChange={(e) => toggle(event, e.target.checked)} />
            <span>
              <code>{event}</code> <span className="muted">{t(`webhooks.eventHelp.${event}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button-primary" disabled={create.isPending || events.length === 0}>
        {t('webhooks.create')}
      </button>
      {create.error ? <ErrorMessage error={create.error} title={t('webhooks.notCreated')} /> : null}
    </form>
  );
}

const statusClass: Record<WebhookDeliveryView['status'], string> = {
  pending: 'status-pending',
  delivered: 'verdict-ac',
  failed: 'verdict-wa',
};

function DeliveryLog({ hook }: { hook: WebhookView }) {
  const t = useT();
  const deliveries = useDeliveries(hook.id);
  const redeliver = useRedeliver(hook.id);
  if (deliveries.isPending) return <Loading what={t('webhooks.loadingDeliveries')} />;
  if (deliveries.error) return <ErrorMessage error={deliveries.error} />;
  if (deliveries.data.length === 0) return <EmptyState>{t('webhooks.noDeliveries')}</EmptyState>;
  return (
    <div className="table-scroll">
      <table aria-label={t('webhooks.deliveriesOf', { url: hook.url })}>
        <thead>
          <tr>
            <th>{t('webhooks.when')}</th>
            <th>{t('webhooks.event')}</th>
            <th>{t('webhooks.status')}</th>
            <th>{t('webhooks.httpStatus')}</th>
            <th>{t('webhooks.responseTime')}</th>
            <th>{t('webhooks.attempts')}</th>
            <th>{t('webhooks.lastError')}</th>
            <th aria-label={t('webhooks.actions')} />
          </tr>
        </thead>
        <tbody>
          {deliveries.data.map((d) => (
            <tr key={d.id}>
              <td>{formatDate(d.createdAt)}</td>
              <td>
                <code>{d.event}</code>
              </td>
              <td>
                <span className={`badge ${statusClass[d.status]}`}>{t(`webhooks.deliveryStatus.${d.status}`)}</span>
              </td>
              <td>{d.httpStatus ?? '–'}</td>
              <td>{d.durationMs === null ? '–' : t('webhooks.ms', { ms: d.durationMs })}</td>
              <td>{d.attempts}</td>
              <td className="muted">{d.lastError ?? ''}</td>
              <td>
                <button
                  type="button"
                  className="button-small"
                  disabled={redeliver.isPending}
                  onClick={() => redeliver.mutate(d.id)}
                >
                  {t('webhooks.redeliver')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {redeliver.error ? <ErrorMessage error={redeliver.error} title={t('webhooks.notRedelivered')} /> : null}
    </div>
  );
}

function WebhookRow({ hook, onSecret }: { hook: WebhookView; onSecret: (hook: WebhookWithSecret) => void }) {
  const t = useT();
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const rotate = useRotateSecret();
  const ping = usePingWebhook();
  const [open, setOpen] = useState(false);
  const error = update.error ?? remove.error ?? rotate.error ?? ping.error;
  return (
    <li className="card" aria-label={hook.url}>
      <div className="row">
        <code>{hook.url}</code>
        <span className={`status-pill ${hook.enabled ? 'is-enabled' : 'is-disabled'}`}>
          {hook.enabled ? t('webhooks.enabled') : t('webhooks.disabled')}
        </span>
        <span className="muted">{hook.events.join(', ')}</span>
      </div>
      <div className="row">
        <button
          type="button"
          className="button-small"
          disabled={update.isPending}
          onClick={() => update.mutate({ id: hook.id, enabled: !hook.enabled })}
        >
          {hook.enabled ? t('webhooks.disable') : t('webhooks.enable')}
        </button>
        <button type="button" className="button-small" disabled={ping.isPending} onClick={() => ping.mutate(hook.id)}>
          {t('webhooks.sendPing')}
        </button>
        <button
          type="button"
          className="button-small"
          disabled={rotate.isPending}
          onClick={() => {
            if (window.confirm(t('webhooks.confirmRotate'))) rotate.mutate(hook.id, { onSuccess: onSecret });
          }}
        >
          {t('webhooks.rotate')}
        </button>
        <button type="button" className="button-small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('webhooks.hideDeliveries') : t('webhooks.showDeliveries')}
        </button>
        <button
          type="button"
          className="button-small button-danger"
          disabled={remove.isPending}
          onClick={() => {
            if (window.confirm(t('webhooks.confirmDelete', { url: hook.url }))) remove.mutate(hook.id);
          }}
        >
          {t('webhooks.delete')}
        </button>
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {open && <DeliveryLog hook={hook} />}
    </li>
  );
}

/**
 * The webhooks of a course (its teachers), a contest (its staff) or the site (admins): make one (its secret shown
 * once), turn it on and off, try it, rotate its secret, delete it, and read its delivery log with redeliver.
 */
export function WebhooksPanel({ scope }: { scope: WebhookScope }) {
  const t = useT();
  const hooks = useWebhooks(scope);
  const [secret, setSecret] = useState<WebhookWithSecret | null>(null);
  return (
    <section className="card" aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">{t('webhooks.title')}</h2>
      <p className="hint">{t('webhooks.intro')}</p>
      {secret && <NewSecret made={secret} onDone={() => setSecret(null)} />}
      {hooks.isPending ? (
        <Loading what={t('webhooks.loading')} />
      ) : hooks.error ? (
        <ErrorMessage error={hooks.error} />
      ) : hooks.data.length === 0 ? (
        <EmptyState>{t('webhooks.none')}</EmptyState>
      ) : (
        <ul className="webhook-list" aria-label={t('webhooks.list')}>
          {hooks.data.map((hook) => (
            <WebhookRow key={hook.id} hook={hook} onSecret={setSecret} />
          ))}
        </ul>
      )}
      <CreateWebhook scope={scope} onMade={setSecret} />
    </section>
  );
}
