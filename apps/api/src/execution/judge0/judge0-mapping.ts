import type { RunOutcome, RunStatus } from '@judge/contract';

/**
 * From our runs to Judge0's submissions, in one place: the status table, the status of a run, the comparison of
 * expected_output, and a submission's fields as a Judge0 client reads them.
 */

/** Judge0's statuses, ids and descriptions exactly as Judge0 CE's. */
export const JUDGE0_STATUSES = [
  { id: 1, description: 'In Queue' },
  { id: 2, description: 'Processing' },
  { id: 3, description: 'Accepted' },
  { id: 4, description: 'Wrong Answer' },
  { id: 5, description: 'Time Limit Exceeded' },
  { id: 6, description: 'Compilation Error' },
  { id: 7, description: 'Runtime Error (SIGSEGV)' },
  { id: 8, description: 'Runtime Error (SIGXFSZ)' },
  { id: 9, description: 'Runtime Error (SIGFPE)' },
  { id: 10, description: 'Runtime Error (SIGABRT)' },
  { id: 11, description: 'Runtime Error (NZEC)' },
  { id: 12, description: 'Runtime Error (Other)' },
  { id: 13, description: 'Internal Error' },
  { id: 14, description: 'Exec Format Error' },
] as const;

export type Judge0Status = (typeof JUDGE0_STATUSES)[number];

const status = (id: number): Judge0Status => JUDGE0_STATUSES[id - 1];

/** Runtime errors by the signal that ended the program, as Judge0's table; any other signal is 12. */
const SIGNAL_STATUS: Readonly<Record<number, number>> = { 11: 7, 25: 8, 8: 9, 6: 10 };

/**
 * Judge0's comparison: each line without its trailing whitespace, and the text without its trailing blank lines.
 * (`a \nb\n\n` equals `a\nb`.)
 */
export function judge0OutputsMatch(expected: string, actual: string): boolean {
  const strip = (text: string) =>
    text
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trimEnd();
  return strip(expected) === strip(actual);
}

/** What decides a finished run's status besides its outcome: what the request asked for. */
export interface StatusContext {
  /** Compared with stdout when present: Accepted or Wrong Answer. */
  expectedOutput?: string | null;
  /** The CPU limit asked for (ms); a run given extra time (cpu_extra_time) that went past it is TLE, as Judge0's. */
  cpuTimeLimitMs: number;
}

/**
 * The status of a run and the message Judge0 would give (isolate's words). Memory: Judge0 reports a program
 * stopped at its memory limit as a runtime error, by the signal or exit code it ended with (isolate reports no
 * memory verdict), so our MLE does too; an MLE without a signal or exit code (the kernel's OOM kill) is 12.
 */
export function judge0StatusOf(
  runStatus: RunStatus,
  outcome: Partial<RunOutcome>,
  context: StatusContext,
): { status: Judge0Status; message: string | null } {
  if (runStatus === 'queued') return { status: status(1), message: null };
  if (runStatus === 'running' || !outcome.verdict) return { status: status(2), message: null };
  const signal = outcome.signal ?? null;
  const exitCode = outcome.exitCode ?? null;
  const byExit = (): { status: Judge0Status; message: string | null } => {
    if (signal !== null)
      return { status: status(SIGNAL_STATUS[signal] ?? 12), message: `Caught fatal signal ${signal}` };
    if (exitCode !== null && exitCode !== 0) {
      return { status: status(11), message: `Exited with error status ${exitCode}` };
    }
    return { status: status(12), message: null };
  };
  switch (outcome.verdict) {
    case 'CE':
      return { status: status(6), message: null };
    case 'JE': {
      const why = outcome.judgeError ?? 'internal error';
      return { status: status(/exec format error/i.test(why) ? 14 : 13), message: why };
    }
    case 'TLE':
      return { status: status(5), message: 'Time limit exceeded' };
    // The program wrote more than it may: Judge0's file size limit on stdout ends it with SIGXFSZ.
    case 'OLE':
      return { status: status(8), message: 'Output limit exceeded' };
    case 'MLE':
      return { status: byExit().status, message: 'Memory limit exceeded' };
    case 'RE': {
      const ended = byExit();
      return { status: ended.status, message: ended.message ?? 'Runtime error' };
    }
    case 'OK':
      if ((outcome.timeMs ?? 0) > context.cpuTimeLimitMs) return { status: status(5), message: 'Time limit exceeded' };
      if (context.expectedOutput === undefined || context.expectedOutput === null) {
        return { status: status(3), message: null };
      }
      return {
        status: status(judge0OutputsMatch(context.expectedOutput, outcome.stdout ?? '') ? 3 : 4),
        message: null,
      };
  }
}

/** Seconds as Judge0 writes them: a string, `"0.012"`. */
export const seconds = (ms: number | undefined | null): string | null =>
  ms === undefined || ms === null ? null : (ms / 1000).toFixed(3);

/** Every field a submission has (`?fields=*`), as Judge0's serializer. */
export const JUDGE0_FIELDS = [
  'source_code',
  'language_id',
  'stdin',
  'expected_output',
  'stdout',
  'status_id',
  'created_at',
  'finished_at',
  'time',
  'memory',
  'stderr',
  'token',
  'number_of_runs',
  'cpu_time_limit',
  'cpu_extra_time',
  'wall_time_limit',
  'memory_limit',
  'stack_limit',
  'max_processes_and_or_threads',
  'enable_per_process_and_thread_time_limit',
  'enable_per_process_and_thread_memory_limit',
  'max_file_size',
  'compile_output',
  'exit_code',
  'exit_signal',
  'message',
  'wall_time',
  'compiler_options',
  'command_line_arguments',
  'redirect_stderr_to_stdout',
  'callback_url',
  'additional_files',
  'enable_network',
  'status',
  'language',
] as const;

export type Judge0Field = (typeof JUDGE0_FIELDS)[number];

/** The fields answered when none are asked for, as Judge0's. */
export const DEFAULT_FIELDS: readonly Judge0Field[] = [
  'token',
  'time',
  'memory',
  'stdout',
  'stderr',
  'compile_output',
  'message',
  'status',
];

/** Text fields sent base64 under `base64_encoded=true` (and taken base64 on input: the first three). */
export const BASE64_FIELDS: readonly Judge0Field[] = [
  'source_code',
  'stdin',
  'expected_output',
  'stdout',
  'stderr',
  'compile_output',
  'message',
];

/** `?fields=`: the default set, every field (`*`), or the named ones; unknown names are returned as `invalid`. */
export function parseFields(raw: unknown): { fields: Judge0Field[]; invalid: string[] } {
  if (typeof raw !== 'string' || raw.trim() === '') return { fields: [...DEFAULT_FIELDS], invalid: [] };
  if (raw.trim() === '*') return { fields: [...JUDGE0_FIELDS], invalid: [] };
  const names = raw
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const known = new Set<string>(JUDGE0_FIELDS);
  return {
    fields: names.filter((n): n is Judge0Field => known.has(n)),
    invalid: names.filter((n) => !known.has(n)),
  };
}

/** A text field's value that is not valid UTF-8: its bytes. Answering it unencoded is the client's error. */
export class NotUtf8 {
  constructor(readonly bytes: Buffer) {}
}

/** A submission as its fields' values, before encoding: text is a string, or bytes that are not UTF-8. */
export type SubmissionValues = Partial<Record<Judge0Field, unknown>>;

/**
 * The fields asked for, base64 where asked; `null` when a text field is not UTF-8 and base64 was not asked for
 * (Judge0 answers an error telling to ask for base64).
 */
export function renderSubmission(
  values: SubmissionValues,
  fields: readonly Judge0Field[],
  base64: boolean,
): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    let value = values[field] ?? null;
    if (BASE64_FIELDS.includes(field) && value !== null) {
      if (value instanceof NotUtf8) {
        if (!base64) return null;
        value = value.bytes.toString('base64');
      } else if (base64) {
        value = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64');
      }
    }
    out[field] = value;
  }
  return out;
}
