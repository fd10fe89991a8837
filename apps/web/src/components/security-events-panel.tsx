import { useCallback } from 'react';
import type { SecurityEvent, SecurityEventKind } from '@judge/contract';
import { useT } from '../i18n/i18n-provider';
import { formatNumber } from './format';

/** What each kind of event means, in words for staff (catalog area "security"); an unknown kind as it is. */
export function useSecurityEventLabel(): (kind: SecurityEventKind) => string {
  const t = useT();
  return useCallback(
    (kind) => {
      const key = `security.kind.${kind}`;
      const label = t(key);
      return label === key ? kind : label;
    },
    [t],
  );
}

/**
 * For staff on a submission's page: what its runs did that probes the sandbox (the API sends the events to staff
 * only, never to the submission's author).
 */
export function SecurityEventsPanel({ events }: { events: SecurityEvent[] }) {
  const t = useT();
  const label = useSecurityEventLabel();
  return (
    <section aria-label={t('security.title')} className="security-events">
      <h2>{t('security.title')}</h2>
      {events.length === 0 ? (
        <p className="muted">{t('security.none')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('security.event')}</th>
                <th scope="col">{t('security.test')}</th>
                <th scope="col">{t('security.detail')}</th>
                <th scope="col" className="num">
                  {t('security.times')}
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((e, i) => (
                <tr key={`${e.kind}-${e.test ?? ''}-${i}`}>
                  <td>{label(e.kind)}</td>
                  <td>{e.test ?? t('security.compilation')}</td>
                  <td>{e.detail}</td>
                  <td className="num">{formatNumber(e.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
