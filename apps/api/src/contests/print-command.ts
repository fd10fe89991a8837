import { execFile } from 'node:child_process';

/**
 * The organiser's print command (PRINT_COMMAND): a program and its arguments, run without a shell. Arguments may
 * hold placeholders, each replaced by its value inside that one argument, so that a file or team name is always a
 * single argv entry and never shell syntax.
 */
export const PRINT_PLACEHOLDERS = ['file', 'team', 'location', 'user', 'language', 'contest'] as const;
export type PrintPlaceholder = (typeof PRINT_PLACEHOLDERS)[number];
export type PrintValues = Record<PrintPlaceholder, string>;

const PLACEHOLDER = /\{([a-z]+)\}/g;

/**
 * PRINT_COMMAND as argv: a JSON array of strings (for arguments with spaces), or words separated by spaces.
 * Throws with the reason when it is not one; the program itself may hold no placeholder.
 */
export function parsePrintCommand(text: string): string[] {
  const trimmed = text.trim();
  let argv: unknown;
  if (trimmed.startsWith('[')) {
    try {
      argv = JSON.parse(trimmed);
    } catch {
      throw new Error('a command starting with [ must be a JSON array of strings');
    }
    if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) {
      throw new Error('a command starting with [ must be a JSON array of strings');
    }
  } else {
    argv = trimmed.split(/\s+/).filter((word) => word.length > 0);
  }
  const words = argv as string[];
  if (words.length === 0 || words[0] === '') throw new Error('the command names no program');
  if (words[0].match(PLACEHOLDER)) throw new Error('the program itself may not be a placeholder');
  for (const word of words) {
    for (const [, name] of word.matchAll(PLACEHOLDER)) {
      if (!(PRINT_PLACEHOLDERS as readonly string[]).includes(name)) {
        throw new Error(`unknown placeholder {${name}}: use ${PRINT_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`);
      }
    }
  }
  return words;
}

/** The arguments of one print: each placeholder replaced inside its own argument (never split, never quoted). */
export function printArguments(argv: readonly string[], values: PrintValues): string[] {
  return argv
    .slice(1)
    .map((arg) => arg.replace(PLACEHOLDER, (whole, name: string) => values[name as PrintPlaceholder] ?? whole));
}

export interface PrintOutcome {
  ok: boolean;
  /** Why it failed: its stderr (cut), or how it ended. */
  error: string | null;
}

/** Characters of a failed command's stderr kept with the print. */
const ERROR_CHARS = 4000;

/** Runs the command with the text on its stdin, killed after `timeoutMs`. Never throws: a failure is an outcome. */
export function runPrintCommand(
  argv: readonly string[],
  values: PrintValues,
  text: string,
  timeoutMs: number,
): Promise<PrintOutcome> {
  return new Promise((resolve) => {
    const child = execFile(
      argv[0],
      printArguments(argv, values),
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024, encoding: 'utf8' },
      (error, _stdout, stderr) => {
        if (!error) return resolve({ ok: true, error: null });
        const why = stderr.trim()
          ? stderr.trim()
          : error.killed
            ? `the print command took longer than ${timeoutMs / 1000} s and was stopped`
            : error.message;
        resolve({ ok: false, error: why.slice(0, ERROR_CHARS) });
      },
    );
    // A command that exits without reading all of its stdin closes the pipe: its exit status says what happened.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(text);
  });
}
