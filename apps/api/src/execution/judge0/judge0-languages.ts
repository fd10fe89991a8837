/**
 * Judge0 CE's language ids for the languages we ship that Judge0 CE has, in one table. A Judge0 client names a
 * language by number; we run ours (languages.yaml) and name it as Judge0 does, with the version found on this
 * host: `Python (3.11.2)`, `C++ (GCC 12.2.0)`.
 */
export interface Judge0Language {
  /** Judge0 CE's id. */
  id: number;
  /** Ours (languages.yaml). */
  language: string;
  /** The name before the version, as Judge0's: `C++` in `C++ (GCC 9.2.0)`. */
  name: string;
  /** What Judge0 puts before the version inside the parentheses (`GCC`), if anything. */
  toolchain?: string;
}

export const JUDGE0_LANGUAGES: readonly Judge0Language[] = [
  { id: 46, language: 'bash', name: 'Bash' },
  { id: 50, language: 'c', name: 'C', toolchain: 'GCC' },
  { id: 51, language: 'csharp', name: 'C#', toolchain: 'Mono' },
  { id: 54, language: 'cpp', name: 'C++', toolchain: 'GCC' },
  { id: 55, language: 'lisp', name: 'Common Lisp', toolchain: 'SBCL' },
  { id: 59, language: 'fortran', name: 'Fortran', toolchain: 'GFortran' },
  { id: 60, language: 'go', name: 'Go' },
  { id: 61, language: 'haskell', name: 'Haskell', toolchain: 'GHC' },
  { id: 62, language: 'java', name: 'Java', toolchain: 'OpenJDK' },
  { id: 63, language: 'javascript', name: 'JavaScript', toolchain: 'Node.js' },
  { id: 64, language: 'lua', name: 'Lua' },
  { id: 65, language: 'ocaml', name: 'OCaml' },
  { id: 67, language: 'pascal', name: 'Pascal', toolchain: 'FPC' },
  { id: 68, language: 'php', name: 'PHP' },
  // Judge0's is GNU Prolog; ours is SWI-Prolog (ISO programs run on both).
  { id: 69, language: 'prolog', name: 'Prolog', toolchain: 'SWI-Prolog' },
  { id: 71, language: 'python', name: 'Python' },
  { id: 72, language: 'ruby', name: 'Ruby' },
  { id: 73, language: 'rust', name: 'Rust' },
  { id: 78, language: 'kotlin', name: 'Kotlin' },
  { id: 80, language: 'r', name: 'R' },
  { id: 81, language: 'scala', name: 'Scala' },
  { id: 85, language: 'perl', name: 'Perl' },
];

/**
 * Judge0 CE's other ids of the same languages (older compilers: C and C++ with GCC 7.4.0 and 8.3.0), taken so
 * that a client written for them runs; not listed by GET /languages.
 */
export const JUDGE0_ALIASES: Readonly<Record<number, string>> = { 48: 'c', 49: 'c', 52: 'cpp', 53: 'cpp' };

/** Our language of a Judge0 id, or undefined. */
export function languageOfJudge0Id(id: number): string | undefined {
  return JUDGE0_LANGUAGES.find((l) => l.id === id)?.language ?? JUDGE0_ALIASES[id];
}

/** The Judge0 id of our language (the listed one), or undefined. */
export function judge0IdOf(language: string): number | undefined {
  return JUDGE0_LANGUAGES.find((l) => l.language === language)?.id;
}

/**
 * Judge0's name of a language with this host's version: the first dotted number of its version line
 * (`gcc (Debian 12.2.0-14) 12.2.0` gives 12.2.0), or the bare name when there is none.
 */
export function judge0LanguageName(entry: Judge0Language, versionLine: string | null): string {
  const version = versionLine?.match(/\d+(?:\.\d+)+/)?.[0];
  if (!version) return entry.toolchain ? `${entry.name} (${entry.toolchain})` : entry.name;
  return `${entry.name} (${entry.toolchain ? `${entry.toolchain} ` : ''}${version})`;
}
