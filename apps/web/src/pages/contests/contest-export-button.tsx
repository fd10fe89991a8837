import { useState } from 'react';
import { exportContest } from '../../api/contest-package';
import { errorMessage } from '../../api/client';
import { useT } from '../../i18n/i18n-provider';

/** Staff: the contest as a CCS contest package zip, which DOMjudge and this judge import. */
export function ContestExportButton({ contestId }: { contestId: string }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = () => {
    setBusy(true);
    setError(null);
    exportContest(contestId)
      .catch(setError)
      .finally(() => setBusy(false));
  };
  return (
    <>
      <button type="button" className="button-small" onClick={run} disabled={busy} title={t('contest.export.hint')}>
        {busy ? t('contest.export.exporting') : t('contest.export.button')}
      </button>
      {error !== null && (
        <span role="alert" className="error-text">
          {t('contest.export.failed', { message: errorMessage(error) })}
        </span>
      )}
    </>
  );
}
