import { useEffect, useState, type ReactNode } from 'react';
import type { EditorMode } from '@judge/contract';
import { useT } from '../../i18n/i18n-provider';
import type { Span } from './highlight';

export interface SourceLinesProps {
  /** The source's lines (see splitLines). */
  lines: string[];
  /** Accessible name of the listing. */
  label: string;
  /** Classes of a line by its 1-based number (a match, an added line). */
  lineClass?: (line: number) => string | undefined;
  /** Shown in a row of its own below a line (comments). */
  below?: (line: number) => ReactNode;
  /** A heading in a row of its own above a line: the name of the file that starts there. */
  above?: (line: number) => ReactNode;
  /** Makes line numbers buttons (choosing the line to comment on). */
  onLineClick?: (line: number) => void;
  /** The chosen line, marked. */
  selected?: number | null;
  /** The grammar of the source's language (see useEditorMode): highlights the syntax once it has loaded. */
  mode?: EditorMode;
}

/** A source's lines; a last empty line (after the final newline) is left out. */
export function splitLines(source: string): string[] {
  const lines = source.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * The lines' syntax highlighting, or null until it has loaded (and for the plain mode, without a grammar), when
 * the lines show as plain text. The highlighter and the grammar are loaded on first use, not with the page.
 */
export function useHighlightedLines(lines: string[], mode: EditorMode | undefined): Span[][] | null {
  const code = lines.join('\n');
  const [done, setDone] = useState<{ code: string; mode: EditorMode; spans: Span[][] | null } | null>(null);
  useEffect(() => {
    if (!mode) return;
    let current = true;
    import('./highlight')
      .then((m) => m.highlightLines(code.split('\n'), mode))
      .then((spans) => {
        if (current) setDone({ code, mode, spans });
      })
      // Plain text is still the whole source: a grammar that fails to load only loses the colours.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [code, mode]);
  // Spans of an earlier source or grammar would not match these lines.
  return done && done.code === code && done.mode === mode ? done.spans : null;
}

/** A line's text, in highlighted spans when there are some. */
export function LineText({ text, spans }: { text: string; spans?: Span[] }) {
  if (!spans || spans.length === 0) return <>{text || ' '}</>;
  return (
    <>
      {spans.map((span, i) =>
        span.className ? (
          <span key={i} className={span.className}>
            {span.text}
          </span>
        ) : (
          span.text
        ),
      )}
    </>
  );
}

/**
 * A source with line numbers, one table row a line, so that comments and highlights sit beside the lines they
 * are about. Long lines scroll inside the listing's own box (phones included).
 */
export function SourceLines({ lines, label, lineClass, below, above, onLineClick, selected, mode }: SourceLinesProps) {
  const highlighted = useHighlightedLines(lines, mode);
  return (
    <div className="source-lines" role="region" aria-label={label}>
      <table>
        <tbody>
          {lines.map((text, i) => {
            const n = i + 1;
            const extra = below?.(n);
            const heading = above?.(n);
            const classes = [lineClass?.(n), selected === n ? 'line-selected' : undefined].filter(Boolean).join(' ');
            return (
              <LineRows
                key={n}
                n={n}
                text={text}
                spans={highlighted?.[i]}
                className={classes}
                extra={extra}
                heading={heading}
                onLineClick={onLineClick}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function LineRows({
  n,
  text,
  spans,
  className,
  extra,
  heading,
  onLineClick,
}: {
  n: number;
  text: string;
  spans?: Span[];
  className: string;
  extra: ReactNode;
  heading?: ReactNode;
  onLineClick?: (line: number) => void;
}) {
  const t = useT();
  return (
    <>
      {heading ? (
        <tr className="line-heading" data-above-line={n}>
          <td colSpan={2}>{heading}</td>
        </tr>
      ) : null}
      <tr className={className || undefined} data-line={n} data-testid="source-line">
        <td className="line-no">
          {onLineClick ? (
            <button
              type="button"
              className="line-button"
              aria-label={t('review.commentOnLine', { line: n })}
              onClick={() => onLineClick(n)}
            >
              {n}
            </button>
          ) : (
            n
          )}
        </td>
        <td className="line-code">
          <LineText text={text} spans={spans} />
        </td>
      </tr>
      {extra ? (
        <tr className="line-extra" data-below-line={n}>
          <td className="line-no" />
          <td className="line-extra-cell">{extra}</td>
        </tr>
      ) : null}
    </>
  );
}
