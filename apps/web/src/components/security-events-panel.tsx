import type { SecurityEvent, SecurityEventKind } from '@judge/contract';

/** What each kind of event means, in words for staff. */
export const SECURITY_EVENT_LABELS: Record<SecurityEventKind, string> = {
  'syscall-denied': 'Denied system call',
  'process-limit': 'Process limit reached',
  'fork-bomb': 'Fork bomb killed',
  'network-attempt': 'Network attempt',
  'mount-attempt': 'Mount or namespace attempt',
  'output-flood': 'Output flood',
  'file-size-limit': 'File size limit reached',
};

/**
 * For staff on a submission's page: what its runs did that probes the sandbox (the API sends the events to staff
 * only, never to the submission's author).
 */
export function SecurityEventsPanel({ events }: { events: SecurityEvent[] }) {
  return (
    <section aria-label="Security events" className="security-events">
      <h2>Security events</h2>
      {events.length === 0 ? (
        <p className="muted">None: its runs did nothing that probes the sandbox.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Test</th>
                <th scope="col">Detail</th>
                <th scope="col" className="num">
                  Times
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((e, i) => (
                <tr key={`${e.kind}-${e.test ?? ''}-${i}`}>
                  <td>{SECURITY_EVENT_LABELS[e.kind] ?? e.kind}</td>
                  <td>{e.test ?? 'compilation'}</td>
                  <td>{e.detail}</td>
                  <td className="num">{e.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
