import { isUtf8 } from 'node:buffer';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { MiB, SUBMISSION_LIMITS, type RunOutcome, type RunSettings } from '@judge/contract';
import {
  ADDITIONAL_FILES_LIMITS,
  MAX_NUMBER_OF_RUNS,
  disallowedCompilerOptions,
  type LanguageRegistry,
} from '@judge/judge';
import { isPackageError, readZipFiles } from '@judge/problem-package';
import { AppError } from '../../common/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { RunOwner } from '../../auth/auth.decorators';
import { checkOutboundUrl, OutboundUrlRefused, sendOutbound } from '../../outbound/outbound-http';
import { RunEntity } from '../../runs/run.entity';
import { runLimits, wallTimeFor } from '../../runs/run-limits';
import type { RunBody } from '../../runs/run.schemas';
import { RunsService, type RunExtras } from '../../runs/runs.service';
import { MAX_SOURCE_BYTES } from '../../submissions/submissions.service';
import { LANGUAGES } from '../../tokens';
import {
  JUDGE0_LANGUAGES,
  judge0IdOf,
  judge0LanguageName,
  languageOfJudge0Id,
  type Judge0Language,
} from './judge0-languages';
import {
  DEFAULT_FIELDS,
  JUDGE0_STATUSES,
  NotUtf8,
  judge0StatusOf,
  parseFields,
  renderSubmission,
  seconds,
  type Judge0Field,
  type SubmissionValues,
} from './judge0-mapping';

/** An answer of the Judge0 face: its HTTP status and body, shaped as Judge0's. */
export interface Judge0Reply {
  status: number;
  body: unknown;
}

/** Query parameters every submission route takes. */
export interface SubmissionQuery {
  base64: boolean;
  fields: unknown;
}

/** Field errors, as Judge0 (Rails) answers them with 422: `{field: [reason, ...]}`. */
type FieldErrors = Record<string, string[]>;

/** Judge0's MAX_SUBMISSION_BATCH_SIZE. */
export const MAX_BATCH = 20;
/** Judge0's limits on these two strings. */
const MAX_OPTION_CHARS = 512;
/** Processes and threads a run may ask for (Judge0's MAX_MAX_PROCESSES_AND_OR_THREADS is 120). */
const MAX_PROCESSES = 128;
/** Judge0's MAX_CPU_EXTRA_TIME, in seconds. */
const MAX_CPU_EXTRA_S = 5;
/** Judge0's least memory_limit, in KB. */
const MIN_MEMORY_KB = 2048;

/** Callbacks: tries, each with a timeout, and the pause before the next doubling from the first. */
const CALLBACK_TRIES = 3;
const CALLBACK_TIMEOUT_MS = 5000;
const CALLBACK_BACKOFF_MS = 1000;
/** A claim of a callback older than this is taken to be lost with its API process, and claimed again. */
const CALLBACK_STALE_MINUTES = 10;

const CONVERSION_ERROR =
  'some attributes for this submission cannot be converted to UTF-8, use base64_encoded=true query parameter';
const BATCH_CONVERSION_ERROR =
  'some attributes for one or more submissions cannot be converted to UTF-8, use base64_encoded=true query parameter';

/** What the face keeps with a run (RunEntity.judge0): the request's Judge0 settings, with defaults filled in. */
interface Judge0Record {
  language_id: number;
  expected_output: string | null;
  cpu_time_limit_ms: number;
  cpu_extra_time_ms: number;
  wall_time_limit_ms: number;
  memory_limit: number;
  stack_limit: number;
  max_processes_and_or_threads: number;
  max_file_size: number;
  number_of_runs: number;
  compiler_options: string | null;
  command_line_arguments: string | null;
  redirect_stderr_to_stdout: boolean;
}

/**
 * The Judge0-compatible face (docs/api.md, "Judge0-compatible API"): Judge0 CE's submissions, languages and
 * statuses on top of runs. A submission is a run, its token the run's id; checks answer as Judge0 does (422 with
 * field errors) before anything is stored or queued. Callbacks are delivered by the API, once among its processes.
 */
@Injectable()
export class Judge0Service implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Judge0');
  private readonly versions = new Map<string, Promise<string | null>>();
  private readonly deliveries = new Set<Promise<void>>();
  private readonly sleepers = new Set<() => void>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly runs: RunsService,
    @InjectRepository(RunEntity) private readonly runRows: Repository<RunEntity>,
    @Inject(LANGUAGES) private readonly languages: LanguageRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.runs.onDone((id) => this.deliverInBackground(id));
    // Callbacks whose run finished while no process could deliver them (a restart, a crash mid-delivery).
    this.sweepTimer = setInterval(() => void this.sweepCallbacks(), this.config.RECOVERY_SWEEP_SECONDS * 1000);
    void this.sweepCallbacks();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const wake of this.sleepers) wake();
    await Promise.all(this.deliveries);
  }

  // ---- submissions ----

  /** POST /submissions: `{token}` (201), or with `wait` the submission once done (or as it stands at the wait's end). */
  async create(owner: RunOwner, raw: unknown, query: SubmissionQuery & { wait: boolean }): Promise<Judge0Reply> {
    const fields = parseFields(query.fields);
    if (fields.invalid.length > 0) return invalidFields(fields.invalid);
    const parsed = await this.parse(raw, query.base64);
    if ('errors' in parsed) return { status: 422, body: parsed.errors };
    const { id } = await this.runs.create(owner, parsed.body, parsed.extras);
    if (!query.wait) return { status: 201, body: { token: id } };
    await this.runs.waitFor(owner, id);
    const run = await this.runs.record(owner, id);
    const rendered = renderSubmission(await this.values(run, fields.fields), fields.fields, query.base64);
    return { status: 201, body: rendered ?? { error: CONVERSION_ERROR, token: id } };
  }

  /** POST /submissions/batch: `[{token} | {field: [reason]}]`, 201 when one was made, 422 when none. */
  async createBatch(owner: RunOwner, raw: unknown, base64: boolean): Promise<Judge0Reply> {
    const list = (raw as { submissions?: unknown } | null)?.submissions;
    const count = Array.isArray(list) ? list.length : 0;
    if (!Array.isArray(list) || count === 0) {
      return { status: 400, body: { error: 'there should be at least one submission in a batch' } };
    }
    if (count > MAX_BATCH) {
      return {
        status: 400,
        body: { error: `number of submissions in a batch should be less than or equal to ${MAX_BATCH}` },
      };
    }
    // Every one is checked before any is made, so that a batch with a bad one queues the others only once.
    const parsed = await Promise.all(list.map((item) => this.parse(item, base64)));
    const answers: unknown[] = [];
    let made = false;
    for (const item of parsed) {
      if ('errors' in item) {
        answers.push(item.errors);
        continue;
      }
      try {
        answers.push({ token: (await this.runs.create(owner, item.body, item.extras)).id });
        made = true;
      } catch (error) {
        // A rate or in-flight cap reached part-way: the rest are refused, each saying why.
        if (!(error instanceof AppError)) throw error;
        answers.push({ error: error.message });
      }
    }
    return { status: made ? 201 : 422, body: answers };
  }

  /** GET /submissions/:token. */
  async get(owner: RunOwner, token: string, query: SubmissionQuery): Promise<Judge0Reply> {
    const fields = parseFields(query.fields);
    if (fields.invalid.length > 0) return invalidFields(fields.invalid);
    const run = await this.runs.record(owner, token).catch((error: unknown) => {
      if (error instanceof AppError && error.statusCode === 404) return null;
      throw error;
    });
    if (!run) return { status: 404, body: { error: 'submission not found' } };
    const rendered = renderSubmission(await this.values(run, fields.fields), fields.fields, query.base64);
    return rendered ? { status: 200, body: rendered } : { status: 400, body: { error: CONVERSION_ERROR } };
  }

  /** GET /submissions/batch?tokens=a,b: `{submissions: [...]}`, null for a token that names nothing the caller sees. */
  async getBatch(owner: RunOwner, tokens: unknown, query: SubmissionQuery): Promise<Judge0Reply> {
    const fields = parseFields(query.fields);
    if (fields.invalid.length > 0) return invalidFields(fields.invalid);
    const list = (typeof tokens === 'string' ? tokens : '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    if (list.length === 0)
      return { status: 400, body: { error: 'there should be at least one submission in a batch' } };
    if (list.length > MAX_BATCH) {
      return {
        status: 400,
        body: { error: `number of submissions in a batch should be less than or equal to ${MAX_BATCH}` },
      };
    }
    const submissions: (Record<string, unknown> | null)[] = [];
    for (const token of list) {
      const run = await this.runs.record(owner, token).catch(() => null);
      if (!run) {
        submissions.push(null);
        continue;
      }
      const rendered = renderSubmission(await this.values(run, fields.fields), fields.fields, query.base64);
      if (!rendered) return { status: 400, body: { error: BATCH_CONVERSION_ERROR } };
      submissions.push(rendered);
    }
    return { status: 200, body: { submissions } };
  }

  // ---- reference ----

  /** GET /languages: the Judge0 languages this host runs, named with their versions here. */
  async listLanguages(): Promise<{ id: number; name: string }[]> {
    const available = new Set(await this.languages.availableIds());
    const offered = JUDGE0_LANGUAGES.filter((l) => available.has(l.language));
    return Promise.all(offered.map(async (l) => ({ id: l.id, name: await this.languageName(l) })));
  }

  /** GET /languages/:id: Judge0's details of one (our command templates as its commands). */
  async language(rawId: string): Promise<Judge0Reply> {
    const id = Number(rawId);
    const ours = Number.isInteger(id) ? languageOfJudge0Id(id) : undefined;
    const available = ours !== undefined && (await this.languages.availableIds()).includes(ours);
    const entry = JUDGE0_LANGUAGES.find((l) => l.language === ours);
    const definition = ours === undefined ? undefined : this.languages.find(ours);
    if (!available || !entry || !definition) {
      return { status: 404, body: { error: `language with id ${rawId} doesn't exist` } };
    }
    return {
      status: 200,
      body: {
        id,
        name: await this.languageName(entry),
        is_archived: false,
        source_file: definition.source,
        compile_cmd: definition.compile ? definition.compile.join(' ') : null,
        run_cmd: definition.run.join(' '),
      },
    };
  }

  statuses(): readonly { id: number; description: string }[] {
    return JUDGE0_STATUSES;
  }

  /** GET /about: this judge, in Judge0's shape (the documentation it serves as its homepage). */
  about(): Record<string, string> {
    return {
      version: '0.1.0',
      homepage: '/api/docs',
      source_code: '',
      maintainer: 'a Judge0 CE-compatible API on the runs of this judge (docs/api.md, "Judge0-compatible API")',
    };
  }

  /** GET /config_info: Judge0's settings, as this judge's are (times in seconds, sizes in KB). */
  configInfo(): Record<string, unknown> {
    const c = this.config;
    const outputKb = c.RUN_DEFAULT_OUTPUT_KB;
    return {
      maintenance_mode: false,
      enable_wait_result: true,
      enable_compiler_options: true,
      allowed_languages_for_compile_options: JUDGE0_LANGUAGES.filter(
        (l) => (this.languages.find(l.language)?.compilerOptions?.length ?? 0) > 0,
      ).map((l) => l.name),
      enable_command_line_arguments: true,
      enable_submission_delete: false,
      enable_callbacks: true,
      callbacks_max_tries: CALLBACK_TRIES,
      callbacks_timeout: CALLBACK_TIMEOUT_MS / 1000,
      enable_additional_files: true,
      max_queue_size: c.RUNS_IN_FLIGHT,
      cpu_time_limit: c.RUN_DEFAULT_TIME_MS / 1000,
      max_cpu_time_limit: c.RUN_MAX_TIME_MS / 1000,
      cpu_extra_time: 0,
      max_cpu_extra_time: MAX_CPU_EXTRA_S,
      wall_time_limit: wallTimeFor(c.RUN_DEFAULT_TIME_MS) / 1000,
      max_wall_time_limit: wallTimeFor(c.RUN_MAX_TIME_MS) / 1000,
      memory_limit: c.RUN_DEFAULT_MEMORY_KB,
      max_memory_limit: c.RUN_MAX_MEMORY_KB,
      stack_limit: 0,
      max_stack_limit: c.RUN_MAX_MEMORY_KB,
      max_processes_and_or_threads: 16,
      max_max_processes_and_or_threads: MAX_PROCESSES,
      enable_per_process_and_thread_time_limit: false,
      allow_enable_per_process_and_thread_time_limit: false,
      enable_per_process_and_thread_memory_limit: false,
      allow_enable_per_process_and_thread_memory_limit: false,
      max_file_size: Math.max(outputKb, 16 * 1024),
      max_max_file_size: c.RUN_MAX_OUTPUT_KB,
      number_of_runs: 1,
      max_number_of_runs: MAX_NUMBER_OF_RUNS,
      redirect_stderr_to_stdout: false,
      max_extract_size: ADDITIONAL_FILES_LIMITS.maxUncompressedBytes / 1024,
      enable_batched_submissions: true,
      max_submission_batch_size: MAX_BATCH,
      submission_cache_duration: 0,
      use_docs_as_homepage: false,
      allow_enable_network: false,
      enable_network: false,
    };
  }

  private languageName(entry: Judge0Language): Promise<string> {
    let version = this.versions.get(entry.language);
    if (!version) {
      version = this.resolvedVersion(entry.language);
      this.versions.set(entry.language, version);
    }
    return version.then((line) => judge0LanguageName(entry, line));
  }

  private async resolvedVersion(id: string): Promise<string | null> {
    const definition = this.languages.find(id);
    if (!definition) return null;
    const resolved = await this.languages.resolveDefinition(definition);
    return typeof resolved === 'string' ? null : this.languages.version(resolved);
  }

  // ---- a submission's values ----

  /** A submission's values; its language's name (which may run the version command) only when `language` is asked. */
  private async values(run: RunEntity, fields: readonly Judge0Field[]): Promise<SubmissionValues> {
    const record = (run.judge0 ?? {}) as Partial<Judge0Record>;
    const result: Partial<RunOutcome> = run.result ?? {};
    const done = run.status === 'done';
    const cpuTimeLimitMs = record.cpu_time_limit_ms ?? run.limits.cpuTimeMs;
    const { status, message } = judge0StatusOf(run.status, result, {
      expectedOutput: record.expected_output,
      cpuTimeLimitMs,
    });
    const text = (value: string | undefined, raw: string | undefined): unknown => {
      if (!done) return null;
      if (raw !== undefined) return new NotUtf8(Buffer.from(raw, 'base64'));
      return value ? value : null;
    };
    const languageId = record.language_id ?? judge0IdOf(run.language) ?? null;
    const entry = JUDGE0_LANGUAGES.find((l) => l.language === run.language);
    const settings: RunSettings = run.settings ?? {};
    const values: Record<Judge0Field, unknown> = {
      source_code: run.source,
      language_id: languageId,
      stdin: run.stdin,
      expected_output: record.expected_output ?? null,
      stdout: text(result.stdout, result.stdoutBase64),
      status_id: status.id,
      created_at: run.createdAt.toISOString(),
      finished_at: run.finishedAt?.toISOString() ?? null,
      time: done && result.verdict !== 'CE' ? seconds(result.timeMs) : null,
      memory: done && result.verdict !== 'CE' ? (result.memoryKb ?? null) : null,
      stderr: text(result.stderr, result.stderrBase64),
      token: run.id,
      number_of_runs: record.number_of_runs ?? 1,
      cpu_time_limit: seconds(cpuTimeLimitMs),
      cpu_extra_time: seconds(record.cpu_extra_time_ms ?? 0),
      wall_time_limit: seconds(record.wall_time_limit_ms ?? run.limits.wallTimeMs),
      memory_limit: record.memory_limit ?? Math.round(run.limits.memoryBytes / 1024),
      stack_limit: record.stack_limit ?? 0,
      max_processes_and_or_threads: record.max_processes_and_or_threads ?? null,
      enable_per_process_and_thread_time_limit: false,
      enable_per_process_and_thread_memory_limit: false,
      max_file_size: record.max_file_size ?? null,
      compile_output: text(result.compileOutput, undefined),
      exit_code: done ? (result.exitCode ?? null) : null,
      exit_signal: done ? (result.signal ?? null) : null,
      message,
      wall_time: done && result.verdict !== 'CE' ? seconds(result.wallMs) : null,
      compiler_options: record.compiler_options ?? null,
      command_line_arguments: record.command_line_arguments ?? null,
      redirect_stderr_to_stdout: record.redirect_stderr_to_stdout ?? false,
      callback_url: run.callbackUrl,
      additional_files: settings.additionalFiles ?? null,
      enable_network: false,
      status,
      language:
        languageId === null || !fields.includes('language')
          ? null
          : { id: languageId, name: entry ? await this.languageName(entry) : run.language },
    };
    return values;
  }

  // ---- checking a request ----

  /** A Judge0 request as a run, or its field errors; nothing is stored here. */
  private async parse(
    raw: unknown,
    base64: boolean,
  ): Promise<{ body: RunBody; extras: RunExtras } | { errors: FieldErrors }> {
    const errors: FieldErrors = {};
    const add = (field: string, reason: string) => (errors[field] ??= []).push(reason);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return { errors: { submission: ['must be a JSON object'] } };
    }
    const r = raw as Record<string, unknown>;
    const c = this.config;

    const text = (field: string, decode: boolean, maxBytes: number): string | undefined => {
      const value = r[field];
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'string') return void add(field, 'must be a string');
      const bytes = decode ? decodeBase64(value) : Buffer.from(value, 'utf8');
      if (!bytes) return void add(field, 'is not valid base64');
      // Runs keep their text in PostgreSQL text and jsonb, which take neither invalid UTF-8 nor NUL.
      if (!isUtf8(bytes)) return void add(field, 'must be UTF-8 text');
      if (bytes.includes(0)) return void add(field, 'may not contain NUL bytes');
      if (bytes.length > maxBytes) return void add(field, `is too long (maximum is ${maxBytes} bytes)`);
      return bytes.toString('utf8');
    };
    const number = (
      field: string,
      bounds: { min: number; max: number; minExclusive?: boolean; integer?: boolean },
    ): number | undefined => {
      const value = r[field];
      if (value === undefined || value === null || value === '') return undefined;
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
      if (!Number.isFinite(n)) return void add(field, 'is not a number');
      if (bounds.integer && !Number.isInteger(n)) return void add(field, 'must be an integer');
      if (bounds.minExclusive ? n <= bounds.min : n < bounds.min) {
        return void add(field, `must be greater than ${bounds.minExclusive ? '' : 'or equal to '}${bounds.min}`);
      }
      if (n > bounds.max) return void add(field, `must be less than or equal to ${bounds.max}`);
      return n;
    };
    const flag = (field: string): boolean | undefined => {
      const value = r[field];
      if (value === undefined || value === null || value === '') return undefined;
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      return void add(field, 'must be true or false');
    };

    const source = text('source_code', base64, MAX_SOURCE_BYTES);
    if (source === undefined && !errors.source_code) add('source_code', "can't be blank");
    else if (source !== undefined && source.trim() === '') add('source_code', "can't be blank");

    const languageId = number('language_id', { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true });
    let language: string | undefined;
    if (languageId === undefined && !errors.language_id) add('language_id', "can't be blank");
    if (languageId !== undefined) {
      language = languageOfJudge0Id(languageId);
      if (!language || !(await this.languages.availableIds()).includes(language)) {
        add('language_id', `language with id ${languageId} doesn't exist`);
        language = undefined;
      }
    }
    const definition = language === undefined ? undefined : this.languages.find(language);

    const stdin = text('stdin', base64, SUBMISSION_LIMITS.maxTotalBytes);
    const expected = text('expected_output', base64, SUBMISSION_LIMITS.maxTotalBytes);
    const cpuS = number('cpu_time_limit', { min: 0, minExclusive: true, max: c.RUN_MAX_TIME_MS / 1000 });
    const extraS = number('cpu_extra_time', { min: 0, max: MAX_CPU_EXTRA_S });
    const wallS = number('wall_time_limit', { min: 0, minExclusive: true, max: wallTimeFor(c.RUN_MAX_TIME_MS) / 1000 });
    const memoryKb = number('memory_limit', { min: MIN_MEMORY_KB, max: c.RUN_MAX_MEMORY_KB, integer: true });
    const stackKb = number('stack_limit', { min: 0, max: c.RUN_MAX_MEMORY_KB, integer: true });
    const processes = number('max_processes_and_or_threads', {
      min: 0,
      minExclusive: true,
      max: MAX_PROCESSES,
      integer: true,
    });
    const fileKb = number('max_file_size', { min: 0, max: c.RUN_MAX_OUTPUT_KB, integer: true });
    const runs = number('number_of_runs', { min: 0, minExclusive: true, max: MAX_NUMBER_OF_RUNS, integer: true });
    const redirect = flag('redirect_stderr_to_stdout');
    for (const field of ['enable_per_process_and_thread_time_limit', 'enable_per_process_and_thread_memory_limit']) {
      if (flag(field)) add(field, 'this option cannot be enabled');
    }
    // Boxes have no network: a run that asks for one is refused rather than run without it.
    if (flag('enable_network')) add('enable_network', 'enabling network is not allowed');

    const optionsText = text('compiler_options', false, MAX_OPTION_CHARS);
    let compilerOptions: string[] | undefined;
    if (optionsText !== undefined && optionsText.trim() !== '') {
      compilerOptions = optionsText.trim().split(/\s+/);
      if (definition && !definition.compile) {
        add('compiler_options', 'setting compiler options is only allowed for compiled languages');
      } else if (definition) {
        const refused = disallowedCompilerOptions(definition, compilerOptions);
        if (refused.length > 0) {
          add('compiler_options', `not allowed for ${definition.name}: ${refused.join(' ')}`);
        }
      }
    }
    const argsText = text('command_line_arguments', false, MAX_OPTION_CHARS);
    let args: string[] = [];
    if (argsText !== undefined) {
      const words = shellWords(argsText);
      if (words === null) add('command_line_arguments', 'has an unmatched quote');
      else args = words;
    }

    let callbackUrl: string | undefined;
    const rawCallback = r.callback_url;
    if (rawCallback !== undefined && rawCallback !== null && rawCallback !== '') {
      if (typeof rawCallback !== 'string') add('callback_url', 'must be a string');
      else {
        try {
          callbackUrl = checkOutboundUrl(rawCallback, this.outboundPolicy(), 'callback_url').toString();
        } catch (error) {
          if (!(error instanceof OutboundUrlRefused)) throw error;
          add('callback_url', error.message);
        }
      }
    }

    // additional_files is base64 whatever base64_encoded says (a zip is bytes), as Judge0's.
    let additionalFiles: string | undefined;
    const rawFiles = r.additional_files;
    if (rawFiles !== undefined && rawFiles !== null && rawFiles !== '') {
      const zip = typeof rawFiles === 'string' ? decodeBase64(rawFiles) : null;
      if (!zip) add('additional_files', 'is not valid base64');
      else {
        try {
          await readZipFiles(zip, ADDITIONAL_FILES_LIMITS, 'additional_files');
          additionalFiles = zip.toString('base64');
        } catch (error) {
          if (!isPackageError(error)) throw error;
          add('additional_files', error.message);
        }
      }
    }

    if (Object.keys(errors).length > 0 || !language || source === undefined || languageId === undefined) {
      return { errors };
    }
    const body: RunBody = {
      language,
      source,
      stdin: stdin ?? '',
      args,
      limits: {
        ...(cpuS === undefined ? {} : { timeMs: Math.max(1, Math.round(cpuS * 1000)) }),
        ...(wallS === undefined ? {} : { wallTimeMs: Math.max(1, Math.round(wallS * 1000)) }),
        ...(memoryKb === undefined ? {} : { memoryKb }),
      },
    };
    // The limits the run gets, to show back as Judge0 does (its settings with the defaults filled in).
    const effective = runLimits(body.limits, c, definition?.runDefaults);
    const extraCpuMs = Math.round((extraS ?? 0) * 1000);
    const settings: RunSettings = {
      ...(compilerOptions ? { compilerOptions } : {}),
      ...(redirect ? { redirectStderrToStdout: true } : {}),
      ...(additionalFiles ? { additionalFiles } : {}),
      ...(runs !== undefined && runs > 1 ? { numberOfRuns: runs } : {}),
    };
    const record: Judge0Record = {
      language_id: languageId,
      expected_output: expected ?? null,
      cpu_time_limit_ms: effective.cpuTimeMs,
      cpu_extra_time_ms: extraCpuMs,
      wall_time_limit_ms: effective.wallTimeMs,
      memory_limit: Math.round(effective.memoryBytes / 1024),
      stack_limit: stackKb ?? 0,
      max_processes_and_or_threads: processes ?? definition?.processes ?? 16,
      max_file_size: fileKb ?? Math.round(Math.max(effective.outputBytes, 16 * MiB) / 1024),
      number_of_runs: runs ?? 1,
      compiler_options: compilerOptions ? compilerOptions.join(' ') : null,
      command_line_arguments: argsText ?? null,
      redirect_stderr_to_stdout: redirect ?? false,
    };
    const extras: RunExtras = {
      settings,
      limits: {
        ...(stackKb ? { stackBytes: stackKb * 1024 } : {}),
        ...(processes === undefined ? {} : { processes }),
        ...(fileKb === undefined ? {} : { fileSizeBytes: fileKb * 1024 }),
        ...(extraCpuMs > 0 ? { extraCpuMs } : {}),
      },
      judge0: { ...record },
      ...(callbackUrl ? { callbackUrl } : {}),
    };
    return { body, extras };
  }

  private outboundPolicy() {
    return { allowPrivate: this.config.OUTBOUND_ALLOW_PRIVATE };
  }

  // ---- callbacks ----

  private deliverInBackground(id: string): void {
    if (this.closed) return;
    const delivery = this.deliver(id)
      .catch((error: unknown) => this.logger.warn(`callback of ${id}: ${(error as Error).message}`))
      .finally(() => this.deliveries.delete(delivery));
    this.deliveries.add(delivery);
  }

  /**
   * PUTs the finished submission to its callback_url (base64-encoded, Judge0's default fields), a few times with
   * a growing pause. Every API process is told that the run is done; the conditional UPDATE lets one of them
   * claim the callback, so it is sent once.
   */
  private async deliver(id: string): Promise<void> {
    const claimed = await this.runRows.manager.query<{ id: string }[]>(
      `WITH claimed AS (
         UPDATE runs SET callback_state = 'sending', callback_claimed_at = now()
          WHERE id = $1 AND status = 'done' AND callback_url IS NOT NULL
            AND (callback_state = 'pending'
                 OR (callback_state = 'sending' AND callback_claimed_at < now() - interval '${CALLBACK_STALE_MINUTES} minutes'))
          RETURNING id)
       SELECT id FROM claimed`,
      [id],
    );
    if (claimed.length === 0) return;
    const run = await this.runRows.findOneBy({ id });
    if (!run?.callbackUrl) return;
    const body = JSON.stringify(renderSubmission(await this.values(run, DEFAULT_FIELDS), DEFAULT_FIELDS, true));
    let outcome = 'failed';
    for (let attempt = 1; attempt <= CALLBACK_TRIES && !this.closed; attempt++) {
      const response = await sendOutbound(
        {
          method: 'PUT',
          url: run.callbackUrl,
          headers: { 'content-type': 'application/json' },
          body,
          timeoutMs: CALLBACK_TIMEOUT_MS,
        },
        this.outboundPolicy(),
      );
      if (response.status !== null && response.status >= 200 && response.status < 300) {
        outcome = 'sent';
        break;
      }
      this.logger.warn(`callback of ${id}, try ${attempt}: ${response.status ?? 'no answer'} ${response.detail}`);
      if (attempt < CALLBACK_TRIES) await this.sleep(CALLBACK_BACKOFF_MS * 2 ** (attempt - 1));
    }
    // Shut down mid-way: left `sending`, to be claimed again once stale.
    if (this.closed && outcome !== 'sent') return;
    await this.runRows.update({ id, callbackState: 'sending' }, { callbackState: outcome as 'sent' | 'failed' });
  }

  private async sweepCallbacks(): Promise<void> {
    try {
      const due = await this.runRows.manager.query<{ id: string }[]>(
        `SELECT id FROM runs
          WHERE status = 'done' AND (callback_state = 'pending'
                OR (callback_state = 'sending' AND callback_claimed_at < now() - interval '${CALLBACK_STALE_MINUTES} minutes'))
          ORDER BY created_at LIMIT 100`,
      );
      for (const { id } of due) this.deliverInBackground(id);
    } catch (error) {
      this.logger.warn(`callback sweep failed: ${(error as Error).message}`);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}

function invalidFields(invalid: string[]): Judge0Reply {
  return { status: 400, body: { error: `invalid fields: [${invalid.join(', ')}]` } };
}

/** Strict base64 (newlines allowed, as Ruby's decoder takes them), or null. */
function decodeBase64(text: string): Buffer | null {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return null;
  return Buffer.from(compact, 'base64');
}

/**
 * Words of a command line as a shell splits them (Judge0 hands command_line_arguments to a shell): blanks
 * separate, '…' keeps everything, "…" and a backslash keep the next character. No expansion. Null when a quote
 * is left open.
 */
export function shellWords(line: string): string[] | null {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return null;
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      word ??= '';
      for (i++; i < line.length && line[i] !== '"'; i++) {
        // Inside double quotes a backslash keeps only ", \, $ and ` (and itself before anything else).
        if (line[i] === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) i++;
        word += line[i];
      }
      if (i >= line.length) return null;
    } else if (ch === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== null) words.push(word);
  return words;
}
