import type { ReactNode } from 'react';

export interface SourceLinesProps {
  /** The source's lines (see splitLines). */
  lines: string[];
  /** Accessible name of the listing. */
  label: string;
  /** Classes of a line by its 1-based number (a match, an added line). */
  lineClass?: (line: number) => string | undefined;
  /** Shown in a row of its own below a line (comments). */
  below?: (line: number) => ReactNode;
  /** Makes line numbers buttons (choosing the line to comment on). */
  onLineClick?: (line: number) => void;
  /** The chosen line, marked. */
  selected?: number | null;
}

/** A source's lines; a last empty line (after the final newline) is left out. */
export function splitLines(source: string): string[] {
  const lines = source.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * A source with line numbers, one table row a line, so that comments and highlights sit beside the lines they
 * are about. Long lines scroll inside the listing's own box (phones included).
 */
export function SourceLines({ lines, label, lineClass, below, onLineClick, selected }: SourceLinesProps) {
  return (
    <div className="source-lines" role="region" aria-label={label}>
      <table>
        <tbody>
          {lines.map((text, i) => {
            const n = i + 1;
            const extra = below?.(n);
            const classes = [lineClass?.(n), selected === n ? 'line-selected' : undefined].filter(Boolean).join(' ');
            return <LineRows key={n} n={n} text={text} className={classes} extra={extra} onLineClick={onLineClick} />;
          })}
        </tbody>
      </table>
    </div>
  );
}

function LineRows({
  n,
  text,
  className,
  extra,
  onLineClick,
}: {
  n: number;
  text: string;
  className: string;
  extra: ReactNode;
  onLineClick?: (line: number) => void;
}) {
  return (
    <>
      <tr className={className || undefined} data-line={n} data-testid="source-line">
        <td className="line-no">
          {onLineClick ? (
            <button
              type="button"
              className="line-button"
              aria-label={`Comment on line ${n}`}
              onClick={() => onLineClick(n)}
            >
              {n}
            </button>
          ) : (
            n
          )}
        </td>
        <td className="line-code">{text || ' '}</td>
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
