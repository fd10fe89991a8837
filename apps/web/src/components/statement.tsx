import { lazy, Suspense } from 'react';
import type { StatementFilesView } from '@judge/contract';
import { useT } from '../i18n/i18n-provider';

// Markdown, KaTeX and the sanitiser load with the first statement shown, not with the first page.
const StatementView = lazy(() => import('./statement-view'));

/** A problem statement: Markdown or LaTeX with KaTeX math, sanitised; with the images of its files. */
export function Statement({ source, label, files }: { source: string; label?: string; files?: StatementFilesView }) {
  const t = useT();
  return (
    <Suspense
      fallback={
        <p className="loading" role="status">
          {t('problem.statementLoading')}
        </p>
      }
    >
      <StatementView source={source} label={label ?? t('problem.statement')} files={files} />
    </Suspense>
  );
}
