import { diffLines } from 'diff';
import { splitLines } from './source-lines';

export type DiffKind = 'same' | 'added' | 'removed' | 'changed';

/** One row of a side-by-side diff: a line of the left source, of the right one, or of both. */
export interface DiffRow {
  kind: DiffKind;
  left: { line: number; text: string } | null;
  right: { line: number; text: string } | null;
}

/**
 * Two sources as rows side by side: common lines on both sides, a removed run beside the added run that
 * replaced it (changed lines), and what is left of either run against a blank.
 */
export function sideBySide(left: string, right: string): DiffRow[] {
  // Both end with a newline, so that a missing final newline does not count as a changed last line.
  const normalise = (source: string) =>
    splitLines(source)
      .map((l) => `${l}\n`)
      .join('');
  const changes = diffLines(normalise(left), normalise(right));
  const rows: DiffRow[] = [];
  let l = 1;
  let r = 1;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    const lines = splitLines(change.value);
    if (!change.added && !change.removed) {
      for (const text of lines) rows.push({ kind: 'same', left: { line: l++, text }, right: { line: r++, text } });
      continue;
    }
    if (change.removed) {
      const next = changes[i + 1];
      const added = next?.added ? splitLines(next.value) : [];
      if (next?.added) i++;
      const paired = Math.min(lines.length, added.length);
      for (let k = 0; k < Math.max(lines.length, added.length); k++) {
        const kind: DiffKind = k < paired ? 'changed' : k < lines.length ? 'removed' : 'added';
        rows.push({
          kind,
          left: k < lines.length ? { line: l++, text: lines[k] } : null,
          right: k < added.length ? { line: r++, text: added[k] } : null,
        });
      }
      continue;
    }
    for (const text of lines) rows.push({ kind: 'added', left: null, right: { line: r++, text } });
  }
  return rows;
}
