import { QUEUE_PRIORITY_CLASSES, type QueueView, type RunnerView } from '@judge/contract';
import { useJudgeQueue, useRunners, useSetJudgingPaused } from '../../api/runners';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatDate, formatNumber } from '../../components/format';
import { useT } from '../../i18n/i18n-provider';

/** A runner silent for this many heartbeat intervals is shown as not responding (the API counts it gone). */
const SILENT_INTERVALS = 3;

function QueueSection({ queue }: { queue: QueueView }) {
  const t = useT();
  const setPaused = useSetJudgingPaused();
  return (
    <section aria-label={t('runners.queue')}>
      <h2>{t('runners.queue')}</h2>
      <p role="status">{queue.paused ? t('runners.paused') : t('runners.judging')}</p>
      <div className="row">
        <button
          type="button"
          disabled={setPaused.isPending}
          onClick={() => setPaused.mutate(!queue.paused)}
          aria-pressed={queue.paused}
        >
          {queue.paused ? t('runners.resume') : t('runners.pause')}
        </button>
      </div>
      <p className="hint">{t('runners.pauseHint')}</p>
      <ErrorMessage error={setPaused.error} title={t('runners.notChanged')} />
      <div className="table-scroll">
        <table>
          <tbody>
            <tr>
              <th scope="row">{t('runners.waiting')}</th>
              <td className="num">{formatNumber(queue.waiting)}</td>
            </tr>
            <tr>
              <th scope="row">{t('runners.active')}</th>
              <td className="num">{formatNumber(queue.active)}</td>
            </tr>
            <tr>
              <th scope="row">{t('runners.delayed')}</th>
              <td className="num">{formatNumber(queue.delayed)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <h3>{t('runners.byClass')}</h3>
      <div className="table-scroll">
        <table aria-label={t('runners.byClass')}>
          <thead>
            <tr>
              <th scope="col">{t('runners.class')}</th>
              <th scope="col" className="num">
                {t('runners.waiting')}
              </th>
            </tr>
          </thead>
          <tbody>
            {QUEUE_PRIORITY_CLASSES.map((c) => (
              <tr key={c}>
                <th scope="row">{t(`runners.class.${c}`)}</th>
                <td className="num">{formatNumber(queue.waitingByClass[c])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RunnerRow({ runner, heartbeatSeconds }: { runner: RunnerView; heartbeatSeconds: number }) {
  const t = useT();
  const silent = runner.lastHeartbeatAgeSeconds > SILENT_INTERVALS * heartbeatSeconds;
  return (
    <tr className={silent ? 'disabled' : undefined}>
      <td>{runner.runnerId}</td>
      <td>{runner.host}</td>
      <td>{runner.engine}</td>
      <td>{runner.languages.join(', ')}</td>
      <td className="num">{formatNumber(runner.concurrency)}</td>
      <td>
        {formatDate(runner.lastHeartbeatAt)}{' '}
        <span className="muted">
          ({t('runners.ago', { seconds: Math.round(runner.lastHeartbeatAgeSeconds) })}
          {silent ? `, ${t('runners.silent')}` : ''})
        </span>
      </td>
      <td className="num">{formatNumber(runner.jobsDone)}</td>
    </tr>
  );
}

/**
 * For admins: the runners as their heartbeats describe them, and the judge queue (waiting, running, by priority
 * class), with a switch that pauses judging; submissions are still taken while it is paused, and wait.
 */
export function RunnersPage() {
  const t = useT();
  const queue = useJudgeQueue();
  const runners = useRunners();
  return (
    <div className="page">
      <h1>{t('runners.title')}</h1>
      {queue.isPending && <Loading what={t('runners.loadingQueue')} />}
      <ErrorMessage error={queue.error} title={t('runners.queueError')} />
      {queue.data && <QueueSection queue={queue.data} />}
      <section aria-label={t('runners.runners')}>
        <h2>{t('runners.runners')}</h2>
        {runners.isPending && <Loading what={t('runners.loadingRunners')} />}
        <ErrorMessage error={runners.error} title={t('runners.runnersError')} />
        {runners.data &&
          (runners.data.runners.length === 0 ? (
            <EmptyState>{t('runners.none')}</EmptyState>
          ) : (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('runners.id')}</th>
                    <th scope="col">{t('runners.host')}</th>
                    <th scope="col">{t('runners.engine')}</th>
                    <th scope="col">{t('runners.languages')}</th>
                    <th scope="col" className="num">
                      {t('runners.concurrency')}
                    </th>
                    <th scope="col">{t('runners.lastHeartbeat')}</th>
                    <th scope="col" className="num">
                      {t('runners.jobsDone')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {runners.data.runners.map((r) => (
                    <RunnerRow key={r.runnerId} runner={r} heartbeatSeconds={runners.data.heartbeatSeconds} />
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </section>
    </div>
  );
}
