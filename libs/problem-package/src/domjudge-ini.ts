import { PackageError } from './errors';

/** What the judge takes from DOMjudge's legacy `domjudge-problem.ini`. */
export interface DomjudgeIni {
  name: string | null;
  /** `timelimit`, ms; null when absent. */
  timeLimitMs: number | null;
  /** Keys read but not acted on. */
  warnings: string[];
}

const FILE = 'domjudge-problem.ini';

/**
 * Keys DOMjudge reads from the ini and the judge does not act on. `special_run` and `special_compare` name
 * executables installed in a DOMjudge server, not files of the package; the others are contest settings.
 */
const IGNORED: Readonly<Record<string, string>> = {
  special_run: 'special_run names a run script installed in DOMjudge, not in the package; not used',
  special_compare: 'special_compare names a compare script installed in DOMjudge, not in the package; not used',
  points: 'points is a contest setting; not used',
  allow_submit: 'allow_submit is a contest setting; not used',
  allow_judge: 'allow_judge is a contest setting; not used',
  color: 'color is a contest setting; not used',
  'short-name': 'short-name is a contest setting; not used',
};

/**
 * Parses the ini as PHP's parse_ini_string reads DOMjudge's files: `key = value` lines, values optionally in
 * double or single quotes, `;` and `#` comments, `[section]` headers ignored. Only `name` and `timelimit` matter.
 */
export function parseDomjudgeIni(text: string): DomjudgeIni {
  const result: DomjudgeIni = { name: null, timeLimitMs: null, warnings: [] };
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#') || line.startsWith('[')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    value = quoted ? quoted[2] : value.replace(/\s*;.*$/, '');
    if (key === 'name') result.name = value;
    else if (key === 'timelimit') {
      const seconds = Number(value);
      if (value === '' || !Number.isFinite(seconds) || seconds <= 0) {
        throw new PackageError(
          'TIMELIMIT_INVALID',
          `${FILE}: line ${index + 1}: timelimit: expected a positive number of seconds, got "${value}"`,
        );
      }
      result.timeLimitMs = Math.round(seconds * 1000);
    } else if (key in IGNORED) result.warnings.push(`${FILE}: ${IGNORED[key]}`);
  }
  return result;
}
