import Table from 'cli-table3';
import pc from 'picocolors';
import type { LanguageInfo } from '@judge/judge';

/** A terminal's width when stdout is not one (a pipe, a file): what `judge languages` fits by default. */
export const DEFAULT_COLUMNS = 80;

const GAP = 2;
const NO_BORDERS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: ' '.repeat(GAP),
};

/**
 * The version number in a toolchain's version line: `12.2.0` of `x86_64-linux-gnu-gcc-12 (Debian 12.2.0-14) 12.2.0`,
 * `17.0.15` of `openjdk version "17.0.15" 2025-04-15`. The whole line is in `--json`.
 */
export function shortVersion(line: string | undefined): string {
  if (!line) return '';
  return /\d+(?:\.\d+)+/.exec(line)?.[0] ?? line.split(/\s+/)[0];
}

/**
 * `text` in lines of at most `width` columns: the first after `indent`, the others after `hanging`. A word longer
 * than a line is cut.
 */
export function wrap(text: string, width: number, indent = '', hanging = indent): string[] {
  const lines: string[] = [];
  const room = () => Math.max(1, width - (lines.length === 0 ? indent : hanging).length);
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > room() - (line ? line.length + 1 : 0)) {
      if (line) {
        lines.push(line);
        line = '';
        continue;
      }
      if (word.length <= room()) break;
      lines.push(word.slice(0, room()));
      word = word.slice(room());
    }
    line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? indent : hanging) + l);
}

/**
 * `judge languages` as a table that fits `columns` (a terminal's width; 80 when stdout is no terminal): id, name,
 * extensions and the version number of each language, with the names and extensions wrapped when they do not fit;
 * then why each missing language is missing. Toolchain paths and whole version lines are in `--json`.
 */
export function languagesTable(infos: LanguageInfo[], columns = DEFAULT_COLUMNS): string {
  const rows = infos.map((l) => ({
    id: l.id,
    name: l.name,
    extensions: l.extensions.map((e) => `.${e}`).join(' '),
    version: l.available ? shortVersion(l.version) || 'installed' : 'missing',
    available: l.available,
  }));
  const natural = (key: 'id' | 'name' | 'extensions' | 'version', head: string) =>
    Math.max(head.length, ...rows.map((r) => r[key].length));
  const width = Math.max(columns, 50);
  const id = natural('id', 'id');
  const version = Math.min(natural('version', 'version'), 12);
  // What does not fit comes off the names first (they wrap at words), then off the extensions.
  let extensions = natural('extensions', 'extensions');
  let name = natural('name', 'name');
  const over = () => id + name + extensions + version + 3 * GAP - width;
  name = Math.max(12, name - Math.max(0, over()));
  extensions = Math.max(10, extensions - Math.max(0, over()));
  const table = new Table({
    head: ['id', 'name', 'extensions', 'version'].map((h) => pc.bold(h)),
    chars: NO_BORDERS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colWidths: [id, name, extensions, version],
    wordWrap: true,
  });
  for (const r of rows) {
    const shown = r.version.length > version ? `${r.version.slice(0, version - 1)}…` : r.version;
    table.push([r.id, r.name, r.extensions, r.available ? shown : pc.red(shown)]);
  }
  const lines = table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd());
  const missing = infos.filter((l) => !l.available);
  lines.push('', `${infos.length - missing.length} of ${infos.length} languages can run here.`);
  if (missing.length > 0) {
    lines.push('Missing:');
    for (const l of missing) lines.push(...wrap(`${l.id}: ${l.detail}`, width, '  ', '    '));
  }
  lines.push(...wrap('Toolchain paths and whole version lines: judge languages --json', width));
  return lines.join('\n');
}
