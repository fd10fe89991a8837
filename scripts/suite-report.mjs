// How many submissions of third-party problem packages get their expected verdict, per language: what a setter
// who brings DOMjudge's example_problems or problemtools' examples sees. Each package is given to `judge verify`
// as it is (nothing edited); a package the loader refuses counts every one of its submissions as not judged.
//
//   node scripts/suite-report.mjs [--sandbox namespace|docker] [--markdown] <package-or-folder-of-packages>...
//
// Run after `npm run build`. Prints a table per language (judged as expected / submissions) and the misses.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'apps', 'cli', 'dist', 'main.js');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { sandbox: { type: 'string', default: 'namespace' }, markdown: { type: 'boolean', default: false } },
});
if (positionals.length === 0) {
  process.stderr.write('usage: node scripts/suite-report.mjs [--sandbox namespace|docker] [--markdown] <package>...\n');
  process.exit(2);
}

// Extension -> languages, from the one language table; where two share one, their `recognize` patterns decide
// on the content, as the engine's guess does.
const languages = parse(readFileSync(join(here, '..', 'libs', 'judge', 'languages.yaml'), 'utf8'));
function languageOfFile(path) {
  const ext = extname(path).slice(1).toLowerCase();
  const candidates = languages.filter((l) => (l.extensions ?? []).includes(ext));
  if (candidates.length <= 1) return candidates[0]?.id;
  const content = readFileSync(path, 'utf8');
  const recognized = candidates.find((l) => l.recognize && new RegExp(l.recognize, 'm').test(content));
  return (recognized ?? candidates.find((l) => !l.recognize) ?? candidates[0]).id;
}

const isPackage = (dir) => ['problem.yaml', 'problem.xml'].some((f) => existsSync(join(dir, f)));
const packages = positionals.flatMap((p) =>
  isPackage(p)
    ? [p]
    : readdirSync(p)
        .map((name) => join(p, name))
        .filter((d) => statSync(d).isDirectory() && isPackage(d))
        .sort(),
);

/** The language a submission (a file, or a folder of files) is in: that of most of its files. */
function languageOf(path) {
  const files = statSync(path).isDirectory() ? readdirSync(path).map((f) => join(path, f)) : [path];
  const counts = new Map();
  for (const file of files) {
    const id = statSync(file).isFile() ? languageOfFile(file) : undefined;
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (best) return best[0];
  const ext = extname(files[0] ?? '').slice(1);
  return ext ? `.${ext}` : '(none)';
}

/** Every submission a package holds (files and folders under submissions/<folder>/), for refused packages. */
function listSubmissions(pkg) {
  const root = join(pkg, 'submissions');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((folder) => statSync(join(root, folder)).isDirectory())
    .flatMap((folder) => readdirSync(join(root, folder)).map((name) => join(root, folder, name)));
}

const rows = new Map(); // language -> { total, ok }
const misses = [];
const count = (language, ok) => {
  const row = rows.get(language) ?? { total: 0, ok: 0 };
  row.total += 1;
  if (ok) row.ok += 1;
  rows.set(language, row);
};

for (const pkg of packages) {
  const run = spawnSync(process.execPath, [cli, 'verify', '--json', '--sandbox', values.sandbox, pkg], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  const line = run.stdout.trim().split('\n').pop() ?? '';
  let report = null;
  try {
    report = JSON.parse(line);
  } catch {
    report = null;
  }
  if (!report?.submissions) {
    const why = (run.stderr.trim().split('\n').pop() ?? '').slice(0, 200) || `exit ${run.status}`;
    for (const path of listSubmissions(pkg)) {
      count(languageOf(path), false);
      misses.push(`${basename(pkg)}/${relative(join(pkg, 'submissions'), path)}: package refused: ${why}`);
    }
    continue;
  }
  for (const entry of report.submissions) {
    const judged = entry.ok && !entry.skipped && !entry.unavailable;
    count(languageOf(entry.path), judged);
    if (judged) continue;
    const name = `${basename(pkg)}/${relative(join(pkg, 'submissions'), entry.path)}`;
    const why =
      entry.skipped ?? entry.unavailable ?? `expected ${entry.expected.join(' or ')}, got ${entry.result.verdict}`;
    misses.push(`${name}: ${why.split(';')[0]}`);
  }
}

const sorted = [...rows.entries()].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]));
const total = sorted.reduce((sum, [, r]) => ({ total: sum.total + r.total, ok: sum.ok + r.ok }), { total: 0, ok: 0 });
if (values.markdown) {
  process.stdout.write('| language | as expected | submissions |\n|---|---:|---:|\n');
  for (const [language, r] of sorted) process.stdout.write(`| ${language} | ${r.ok} | ${r.total} |\n`);
  process.stdout.write(`| **all** | **${total.ok}** | **${total.total}** |\n`);
} else {
  for (const [language, r] of sorted) process.stdout.write(`${language.padEnd(12)} ${r.ok}/${r.total}\n`);
  process.stdout.write(
    `${'all'.padEnd(12)} ${total.ok}/${total.total}  (${packages.length} packages, ${values.sandbox})\n`,
  );
}
if (misses.length > 0) process.stdout.write(`\nnot as expected:\n${misses.map((m) => `  ${m}`).join('\n')}\n`);
