import { useMemo } from 'react';
import 'katex/dist/katex.min.css';
import { renderStatement } from './markdown';

/** The rendered statement; a chunk of its own with marked, KaTeX and DOMPurify (see statement.tsx). */
export default function StatementView({ source, label }: { source: string; label: string }) {
  const html = useMemo(() => renderStatement(source), [source]);
  return <article className="statement" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}
