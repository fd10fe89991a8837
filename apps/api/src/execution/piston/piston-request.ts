import { RUN_COMPILE_LIMITS } from '@judge/judge';
import { badRequest } from '../../common/app-error';
import type { AppConfig } from '../../config/app-config';
import { wallTimeFor } from '../../runs/run-limits';

/**
 * POST /api/v2/execute, checked in Piston's order and with its wording (its api/src/api/v2.js), so that a client
 * that shows Piston's `message` shows ours the same way. Units are Piston's: milliseconds and bytes.
 */
export interface PistonExecuteRequest {
  language: string;
  version: string;
  /** Decoded to text; the first starts the program. */
  files: { name?: string; content: string }[];
  stdin: string;
  args: string[];
  limits: PistonLimits;
}

/** The limits asked for, each absent when not asked (or -1 for a memory limit: "no limit", i.e. the default). */
export interface PistonLimits {
  runTimeoutMs?: number;
  runCpuTimeMs?: number;
  runMemoryBytes?: number;
  compileTimeoutMs?: number;
  compileCpuTimeMs?: number;
  compileMemoryBytes?: number;
}

export type PistonSettings = Pick<AppConfig, 'RUN_MAX_TIME_MS' | 'RUN_MAX_MEMORY_KB'>;

const ENCODINGS = ['utf8', 'base64', 'hex'] as const;

/** The body's fields that name a language and its files, checked before the runtime is looked up. */
export function parseExecuteRequest(body: unknown): Omit<PistonExecuteRequest, 'limits'> & { raw: RawBody } {
  const raw = (typeof body === 'object' && body !== null ? body : {}) as RawBody;
  const { language, version, files } = raw;
  if (!language || typeof language !== 'string') throw invalid('language is required as a string');
  if (!version || typeof version !== 'string') throw invalid('version is required as a string');
  if (!files || !Array.isArray(files)) throw invalid('files is required as an array');
  const decoded = files.map((file: unknown, i) => {
    const { name, content, encoding } = (typeof file === 'object' && file !== null ? file : {}) as RawFile;
    if (typeof content !== 'string') throw invalid(`files[${i}].content is required as a string`);
    // Piston takes an unknown encoding as utf8.
    const scheme = ENCODINGS.find((e) => e === encoding) ?? 'utf8';
    return { ...(typeof name === 'string' && name !== '' ? { name } : {}), content: decode(content, scheme, i) };
  });
  // Ours, in Piston's words: Piston leaves these unchecked and fails later.
  if (raw.stdin !== undefined && raw.stdin !== null && typeof raw.stdin !== 'string') {
    throw invalid('If specified, stdin must be a string');
  }
  if (
    raw.args !== undefined &&
    raw.args !== null &&
    (!Array.isArray(raw.args) || raw.args.some((a) => typeof a !== 'string'))
  ) {
    throw invalid('If specified, args must be an array of strings');
  }
  const stdin = raw.stdin ?? '';
  return {
    language,
    version,
    files: decoded,
    // Piston ends stdin with a newline when it has none.
    stdin: stdin.endsWith('\n') ? stdin : `${stdin}\n`,
    args: (raw.args ?? []) as string[],
    raw,
  };
}

/**
 * The six limits of a request, each checked against the server's maximum as Piston checks its configured limits
 * (`${name} cannot exceed the configured limit of ${max}`). Zero or absent means the default, as in Piston; so
 * does a negative memory limit (Piston's `-1`, no limit: here the default, which the server caps).
 */
export function parseLimits(raw: RawBody, settings: PistonSettings): PistonLimits {
  const maxima = {
    run_timeout: wallTimeFor(settings.RUN_MAX_TIME_MS),
    run_cpu_time: settings.RUN_MAX_TIME_MS,
    run_memory_limit: settings.RUN_MAX_MEMORY_KB * 1024,
    compile_timeout: RUN_COMPILE_LIMITS.wallTimeMs,
    compile_cpu_time: RUN_COMPILE_LIMITS.cpuTimeMs,
    compile_memory_limit: RUN_COMPILE_LIMITS.memoryBytes,
  };
  const read = (name: keyof typeof maxima): number | undefined => {
    const value = raw[name];
    if (!value) return undefined;
    if (typeof value !== 'number') throw invalid(`If specified, ${name} must be a number`);
    if (value > maxima[name]) throw invalid(`${name} cannot exceed the configured limit of ${maxima[name]}`);
    if (value < 0) {
      if (name.endsWith('memory_limit')) return undefined;
      throw invalid(`${name} must be non-negative`);
    }
    return value;
  };
  return {
    runTimeoutMs: read('run_timeout'),
    runCpuTimeMs: read('run_cpu_time'),
    runMemoryBytes: read('run_memory_limit'),
    compileTimeoutMs: read('compile_timeout'),
    compileCpuTimeMs: read('compile_cpu_time'),
    compileMemoryBytes: read('compile_memory_limit'),
  };
}

export interface RawBody {
  language?: unknown;
  version?: unknown;
  files?: unknown;
  stdin?: unknown;
  args?: unknown[];
  run_timeout?: unknown;
  run_cpu_time?: unknown;
  run_memory_limit?: unknown;
  compile_timeout?: unknown;
  compile_cpu_time?: unknown;
  compile_memory_limit?: unknown;
}

interface RawFile {
  name?: unknown;
  content?: unknown;
  encoding?: unknown;
}

/** A file's content as text: runs take text files, so base64 or hex must decode to UTF-8. */
function decode(content: string, encoding: (typeof ENCODINGS)[number], index: number): string {
  if (encoding === 'utf8') return content;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(content, encoding));
  } catch {
    throw invalid(
      `files[${index}].content is not UTF-8 text once decoded from ${encoding}; binary files are not supported`,
    );
  }
}

export function invalid(message: string) {
  return badRequest('INVALID_EXECUTE_REQUEST', message);
}
