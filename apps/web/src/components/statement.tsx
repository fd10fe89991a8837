import { lazy, Suspense } from 'react';
import type { StatementFilesView } from '@judge/contract';

// Markdown, KaTeX and the sanitiser load with the first statement shown, not with the first page.
const StatementView = lazy(() => import('./statement-view'));

/** A problem statement: Markdown or LaTeX with KaTeX math, sanitised; with the images of its files. */
export function Statement({
  source,
  label = 'Statement',
  files,
}: {
  source: string;
  label?: string;
  files?: StatementFilesView;
}) {
  return (
    <Suspense
      fallback={
        <p className="loading" role="status">
          Loading the statement…
        </p>
      }
    >
      <StatementView source={source} label={label} files={files} />
    </Suspense>
  );
}
