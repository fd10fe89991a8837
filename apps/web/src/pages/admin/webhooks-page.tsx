import { WebhooksPanel } from '../../components/webhooks-panel';
import { useT } from '../../i18n/i18n-provider';

/** Admins: the site's webhooks, which hear of every judged submission and finished run. */
export function WebhooksPage() {
  const t = useT();
  return (
    <div className="page">
      <h1>{t('webhooks.siteTitle')}</h1>
      <WebhooksPanel scope={{ scope: 'site' }} />
    </div>
  );
}
