import { lazy, Suspense } from 'react';

// Markdown, KaTeX and the sanitiser load with the first statement shown, not with the first page.
const StatementView = lazy(() => import('./statement-view'));

/** A problem statement: Markdown or LaTeX with KaTeX math, sanitised. */
export function Statement({ source, label = 'Statement' }: { source: string; label?: string }) {
  return (
    <Suspense
      fallback={
        <p className="loading" role="status">
          Loading the statement…
        </p>
      }
    >
      <StatementView source={source} label={label} />
    </Suspense>
  );
}
