import type { PackageDir } from './package-dir';
import type { FormatVersion } from './problem-yaml';

const PREFERRED = ['problem.en.md', 'problem.md', 'problem.en.tex', 'problem.tex'];
const OTHER_LANGUAGE = /^problem\.[A-Za-z]{2,3}(-[A-Za-z]{2})?\.(md|tex)$/;

/**
 * The statement file: English (or language-less) Markdown, then LaTeX, in the version's folder first
 * (legacy `problem_statement/`, 2023-07 `statement/`), then the other's; failing those, any other language's.
 */
export async function findStatement(dir: PackageDir, version: FormatVersion): Promise<string | null> {
  const folders = version === 'legacy' ? ['problem_statement', 'statement'] : ['statement', 'problem_statement'];
  const listings = [];
  for (const folder of folders) {
    const entry = await dir.entry(folder);
    if (entry?.kind === 'dir') listings.push((await dir.list(entry.path)).filter((e) => e.kind === 'file'));
  }
  for (const files of listings) {
    for (const name of PREFERRED) {
      const file = files.find((f) => f.name === name);
      if (file) return file.real;
    }
  }
  for (const files of listings) {
    // Markdown before LaTeX, then by name, as for English.
    const others = files.filter((f) => OTHER_LANGUAGE.test(f.name));
    const file = others.find((f) => f.name.endsWith('.md')) ?? others[0];
    if (file) return file.real;
  }
  return null;
}

/** The plain name from a LaTeX statement: `%% plainproblemname:` when given, else `\problemname{...}`. */
export function nameFromStatement(text: string): string | null {
  const plain = /^%%\s*plainproblemname:\s*(.+)$/m.exec(text)?.[1]?.trim();
  if (plain) return plain;
  return /\\problemname\{([^{}]*)\}/.exec(text)?.[1]?.trim() || null;
}
