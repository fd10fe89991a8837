import { extname } from 'node:path';
import type { SubmissionFile } from '@judge/contract';
import { declaredMainClasses, javaPublicClass, kotlinFileClass } from './java-class-name';
import { entryRule, type LanguageDefinition } from './language-registry';

/** What a submission's files become in the box, and how its program starts. */
export interface ProgramFiles {
  /** Every file written into the box: the submission's and the package's include/ files. */
  files: SubmissionFile[];
  /** The source files (those with one of the language's extensions), in name order: {sources}. */
  sources: string[];
  /** The file that starts the program ({entry}), for `entry.kind: file`. */
  entry?: string;
  /** The class that starts the program ({className}), for `entry.kind: class`. */
  className?: string;
}

export interface ProgramInput {
  /** The submission's own files, their names already checked (submissionFilesProblem). */
  files: SubmissionFile[];
  /**
   * One file sent as a plain source (`judge run file.c`, the API's `source`): it is saved under the language's
   * `source` name, as it always was; the files of a folder or of the API's `files` keep their names.
   */
  single: boolean;
  /** The package's include/<language>/ files; they replace submission files of the same name (the format says so). */
  included?: SubmissionFile[];
  /** The entry point the submission names: a file, or for `entry.kind: class` a class or its file. */
  entryPoint?: string;
  /** The submission folder's name, for `{folder}` in `entry.names`. */
  folder?: string;
}

/** The program's files and start, or why none can be told (a compile error: the submission's to fix). */
export type ProgramChoice = { ok: true; program: ProgramFiles } | { ok: false; problem: string };

/** Whether a file is a source file of the language, by its extension. */
export function isSourceOf(language: LanguageDefinition, name: string): boolean {
  return language.extensions.includes(extname(name).slice(1).toLowerCase());
}

/**
 * Finds the program in a submission's files as the language's `entry` rule says (languages.yaml documents the
 * rules). Pure: the engine writes what it returns into the box.
 */
export function chooseProgram(language: LanguageDefinition, input: ProgramInput): ProgramChoice {
  let own = input.files;
  if (input.single && own.length === 1) {
    own = [{ name: singleFileName(language, own[0].content), content: own[0].content }];
  }
  const byName = new Map(own.map((f) => [f.name, f]));
  for (const file of input.included ?? []) byName.set(file.name, file);
  const files = [...byName.values()].sort((a, b) => compare(a.name, b.name));
  const sources = files.filter((f) => isSourceOf(language, f.name)).map((f) => f.name);
  if (sources.length === 0) {
    return {
      ok: false,
      problem: `no ${language.name} source file among ${files.map((f) => f.name).join(', ')} (extensions: ${language.extensions.map((e) => `.${e}`).join(', ')})`,
    };
  }
  const rule = entryRule(language);
  if (rule.kind === 'all') return { ok: true, program: { files, sources } };
  if (rule.kind === 'file') {
    const entry = chooseEntryFile(rule.names, sources, files, input);
    if (typeof entry !== 'string') return { ok: false, problem: entry.problem };
    return { ok: true, program: { files, sources, entry } };
  }
  const main = new RegExp(rule.main, 'm');
  const classes = files
    .filter((f) => sources.includes(f.name))
    .flatMap((f) =>
      rule.className === 'declared'
        ? declaredMainClasses(f.content, main).map((c) => ({ file: f.name, className: c }))
        : [kotlinFileClass(f.name, f.content, main)]
            .filter((c) => c !== null)
            .map((c) => ({ file: f.name, className: c })),
    );
  if (input.entryPoint) {
    const given = input.entryPoint;
    const named = classes.find(
      (c) => c.className === given || c.file === given || c.className.slice(c.className.lastIndexOf('.') + 1) === given,
    );
    if (named) return { ok: true, program: { files, sources, className: named.className } };
    return {
      ok: false,
      problem: `the entry point ${given} is not a class with a main method (found: ${classes.map((c) => c.className).join(', ') || 'none'})`,
    };
  }
  if (classes.length === 1) return { ok: true, program: { files, sources, className: classes[0].className } };
  if (classes.length === 0) return { ok: false, problem: `no class has a main method in ${sources.join(', ')}` };
  return {
    ok: false,
    problem: `several classes have a main method (${classes.map((c) => `${c.className} in ${c.file}`).join(', ')}): name the entry point`,
  };
}

function chooseEntryFile(
  names: string[],
  sources: string[],
  files: SubmissionFile[],
  input: ProgramInput,
): string | { problem: string } {
  const present = new Set(files.map((f) => f.name));
  if (input.entryPoint) {
    if (present.has(input.entryPoint)) return input.entryPoint;
    return { problem: `the entry point ${input.entryPoint} is not one of the files (${[...present].join(', ')})` };
  }
  for (const pattern of names) {
    if (pattern.includes('{folder}') && !input.folder) continue;
    const name = pattern.replace('{folder}', input.folder ?? '');
    if (present.has(name)) return name;
  }
  // The only source file, else the first by name: what DOMjudge's run scripts and problemtools both fall back to.
  return sources[0];
}

/**
 * The name a single source gets: the language's `source`, where {className} is the file's public class (javac
 * wants the file named so), else its class with main, else Main.
 */
function singleFileName(language: LanguageDefinition, content: string): string {
  if (!language.source.includes('{className}')) return language.source;
  const rule = entryRule(language);
  const mainClass =
    rule.kind === 'class' && rule.className === 'declared'
      ? declaredMainClasses(content, new RegExp(rule.main, 'm'))[0]
      : undefined;
  const className = javaPublicClass(content) ?? mainClass?.slice(mainClass.lastIndexOf('.') + 1) ?? 'Main';
  return language.source.replace('{className}', className);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
