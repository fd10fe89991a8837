import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, join, relative } from 'node:path';
import {
  ANSWERS_LANGUAGE,
  MiB,
  SAMPLE_OUTPUT_BYTES,
  SAMPLE_STDERR_BYTES,
  SUBMISSION_LIMITS,
  submissionFilesProblem,
  type JudgeResult,
  type RunOutcome,
  type SubmissionFile,
  type TestCaseResult,
  type TestGroupResult,
  type Verdict,
} from '@judge/contract';
import type { Box, RunResult, RunSpec, SandboxEngine } from '@judge/sandbox';
import type { ProblemPackage, TestCase, TestGroup } from '@judge/problem-package';
import { allTestCases, deriveTimeLimitMs } from '@judge/problem-package';
import { AnswerSet } from './answers';
import type { JudgeRequest, LanguageInfo, SubmissionSource, VerifyReport } from './api';
import { interactorOutput, validatorBuildMount } from './checking/checker-program';
import { OutputChecker } from './checking/output-checker';
import { runInteractive } from './checking/interactive';
import { runPasses, type MultiPassOutcome, type PassOutcome } from './checking/multi-pass';
import { ValidatorCache, type BuiltValidator } from './checking/validator-cache';
import { compileInBox, type CompiledFiles, type CompileOutcome } from './compile';
import { CompileCache, compileCacheKey, type CachedFile, type CompileCacheOptions } from './compile-cache';
import { failedJudgement, JudgeRequestError, JudgeSystemError, ProblemFaultError } from './errors';
import { aggregate, failedDependencies, roundScore, type Graded } from './grading';
import { chooseProgram } from './languages/program-files';
import { decodeText, readSubmissionFolder, type SubmissionFiles } from './submission-files';
import {
  answerLimits,
  compileLimits,
  DEFAULT_TIME_LIMIT_MS,
  needsDerivedTimeLimit,
  submissionBoxBytes,
  testRunLimits,
  type WallTimePolicy,
} from './limits';
import {
  entryRule,
  expandCommand,
  languageEnv,
  languageBoxOptions,
  languageMounts,
  type LanguageRegistry,
  type ResolvedLanguage,
} from './languages/language-registry';
import { describeRun, submissionVerdict } from './verdict-mapping';
import { SecurityEventLog } from './security-events';
import { runOnce, type RunOnceRequest } from './run-once';

export interface JudgeEngineOptions {
  sandbox: SandboxEngine;
  languages: LanguageRegistry;
  /** Validator builds and derived time limits. */
  cacheDir: string;
  /** Largest accepted source (default 256 KiB). */
  maxSourceBytes?: number;
  /** Size of a submission's box (default: room for what its compiler may write, `submissionBoxBytes`). */
  boxBytes?: number;
  /** The wall clock of test runs (default `DEFAULT_WALL_TIME`: 1.5 × the time limit + 1 s). */
  wallTime?: Readonly<WallTimePolicy>;
  /** Where compile results are kept between judgements (see compile-cache.ts); none: every judgement compiles. */
  compileCache?: CompileCacheOptions | null;
}

/** Past this many entries in a box after compiling, the build is not kept (a compiler's scratch tree). */
const MAX_CACHED_ENTRIES = 256;

export type TimeLimitSource = VerifyReport['timeLimitSource'];

const MAX_SOURCE_BYTES = 256 * 1024;
const BOX_BYTES = 256 * MiB;

/** A time limit derived from a package's accepted submissions, with the measurement it came from. */
export interface MeasuredTimeLimit {
  timeLimitMs: number;
  /** CPU time of the slowest test of the slowest accepted submission. */
  slowestAcceptedMs: number;
}

interface PreparedSubmission extends SubmissionFiles {
  language: ResolvedLanguage;
}

/** The submission's program, compiled in its box, and how each of its test runs starts. */
interface ProgramRun {
  language: ResolvedLanguage;
  box: Box;
  runSpec: Omit<RunSpec, 'stdin'>;
}

/** Everything one judgement needs while its tests run. */
interface Session {
  problem: ProblemPackage;
  /** What gives each test's output: the submission's program, or (submit-answer) the answers it is. */
  program: ProgramRun | null;
  answers: AnswerSet | null;
  checker: OutputChecker;
  validator: BuiltValidator | null;
  validatorBox: Box | null;
  tests: TestCaseResult[];
  groups: TestGroupResult[];
  total: number;
  request: JudgeRequest;
  /** What the submission's runs did that probes the sandbox. */
  events: SecurityEventLog;
}

/**
 * The judging engine: compiles and runs a submission in the sandbox against a problem package's tests,
 * checks outputs, and grades. The API's runners and the `judge` command are thin layers over this.
 */
export class JudgeEngine {
  private readonly validators: ValidatorCache;
  private readonly derived = new Map<string, Promise<number>>();
  /** Compile results by their sources, language, toolchain and flags; null when switched off. */
  readonly compileCache: CompileCache | null;

  constructor(private readonly options: JudgeEngineOptions) {
    this.validators = new ValidatorCache(options.cacheDir, options.sandbox, options.languages);
    this.compileCache = options.compileCache ? new CompileCache(options.compileCache) : null;
  }

  get languages(): LanguageRegistry {
    return this.options.languages;
  }

  /** The languages and their toolchains; with `versions`, also each toolchain's version (runs each once). */
  async languageInfo(options: { versions?: boolean } = {}): Promise<LanguageInfo[]> {
    const registry = this.options.languages;
    return Promise.all(
      registry.definitions.map(async (d): Promise<LanguageInfo> => {
        const resolved = await registry.resolveDefinition(d);
        const info: LanguageInfo = {
          id: d.id,
          name: d.name,
          extensions: d.extensions,
          available: typeof resolved !== 'string',
          detail: typeof resolved === 'string' ? resolved : Object.values(resolved.toolPaths).join(', '),
        };
        if (options.versions && typeof resolved !== 'string') {
          const version = await registry.version(resolved);
          if (version) info.version = version;
        }
        return info;
      }),
    );
  }

  /**
   * Reads and checks a submission: its files (one source, a folder, or files in memory), their names and size, and
   * its language. Bad requests throw JudgeRequestError (a usage error, not a verdict).
   */
  async prepareSubmission(source: SubmissionSource, languageId?: string): Promise<PreparedSubmission> {
    const max = this.options.maxSourceBytes ?? MAX_SOURCE_BYTES;
    const read = await readSubmission(source, max);
    const total = read.files.reduce((n, f) => n + Buffer.byteLength(f.content, 'utf8'), 0);
    if (total > max) {
      const what = read.single ? read.files[0].name : `${read.files.length} files`;
      throw new JudgeRequestError('SOURCE_TOO_LARGE', `${what}: ${total} bytes; the limit is ${max}`);
    }
    const id = languageId ?? this.languageOf(read);
    if (!id) {
      const available = await this.options.languages.availableIds();
      const names = read.files.map((f) => f.name).join(', ');
      throw new JudgeRequestError(
        'UNKNOWN_LANGUAGE',
        `cannot tell the language of ${names} from the extensions; pass --language (available here: ${available.join(', ')})`,
      );
    }
    const language = await this.options.languages.resolve(id);
    const problem = submissionFilesProblem(read.files, {
      folders: entryRule(language).folders ?? false,
      maxTotalBytes: max,
    });
    if (problem) throw new JudgeRequestError('FILES_INVALID', problem);
    return { ...read, language };
  }

  /**
   * The language of a submission by its extensions: of one file, the language of its extension; of several, the
   * language most of its files are sources of (headers and data files count for none), the first in languages.yaml
   * on a tie, as one file's extension is read.
   */
  private languageOf(read: SubmissionFiles): string | undefined {
    const { languages } = this.options;
    if (read.single) return languages.byFileName(read.files[0].name, read.files[0].content)?.id;
    const ids = read.files.map((f) => languages.byFileName(f.name, f.content)?.id);
    let best: { id: string; n: number } | undefined;
    for (const l of languages.definitions) {
      const n = ids.filter((id) => id === l.id).length;
      if (n > (best?.n ?? 0)) best = { id: l.id, n };
    }
    return best?.id;
  }

  /**
   * Compiles and runs a program once with its stdin and arguments, no problem involved (POST /api/runs):
   * the same language table, files checks, compile step and verdict table as a judgement.
   */
  execute(request: RunOnceRequest): Promise<RunOutcome> {
    return runOnce(
      {
        sandbox: this.options.sandbox,
        prepare: (s, l) => this.prepareSubmission(s, l),
        compile: (box, language, program, limits, extraArgs) =>
          this.compileProgram(box, language, program, limits, () => undefined, extraArgs),
      },
      request,
    );
  }

  /** The time limit in force and where it came from. */
  async timeLimit(
    problem: ProblemPackage,
    overrideMs?: number,
  ): Promise<{ timeLimitMs: number; source: TimeLimitSource }> {
    if (overrideMs !== undefined) return { timeLimitMs: overrideMs, source: 'command-line' };
    if (problem.limits.timeLimitMs !== null) {
      return { timeLimitMs: problem.limits.timeLimitMs, source: problem.limits.timeLimitSource ?? 'problem.yaml' };
    }
    // Nothing runs in a submit-answer problem: there is nothing to time, nor to derive a limit from.
    if (!needsDerivedTimeLimit(problem)) return { timeLimitMs: DEFAULT_TIME_LIMIT_MS, source: 'default' };
    return { timeLimitMs: await this.deriveTimeLimit(problem), source: 'derived' };
  }

  /** The derived time limit, measured once per package content on this host (the `judge` command's cache). */
  private deriveTimeLimit(problem: ProblemPackage): Promise<number> {
    const key = problem.root;
    let pending = this.derived.get(key);
    if (!pending) {
      pending = this.deriveUncached(problem);
      this.derived.set(key, pending);
      pending.catch(() => this.derived.delete(key));
    }
    return pending;
  }

  private async deriveUncached(problem: ProblemPackage): Promise<number> {
    // Keyed by content, not paths (a zip is extracted somewhere new each time): the accepted sources, the
    // tests, the validator, the limits and the toolchains that ran them.
    const hash = createHash('sha256');
    const accepted = problem.submissions.filter((s) => s.folder === 'accepted');
    for (const submission of accepted) {
      // A folder submission by its files' names and contents.
      const read = await readSubmission({ path: submission.path }, Infinity).catch(() => null);
      hash.update(relative(problem.root, submission.path)).update('\0');
      for (const f of read?.files ?? []) hash.update(f.name).update('\0').update(f.content).update('\0');
    }
    const files = [
      ...allTestCases(problem.data).flatMap((t) => [t.inputPath, t.answerPath]),
      ...(problem.outputValidator?.files ?? []),
    ];
    for (const file of files) {
      hash.update(relative(problem.root, file)).update('\0');
      hash.update(await fs.readFile(file).catch(() => Buffer.alloc(0))).update('\0');
    }
    hash.update(JSON.stringify(problem.limits));
    hash.update(JSON.stringify(await this.languageInfo()));
    const cacheFile = join(this.options.cacheDir, 'time-limits', `${hash.digest('hex').slice(0, 32)}.json`);
    const cached = await fs.readFile(cacheFile, 'utf8').catch(() => null);
    if (cached) return (JSON.parse(cached) as { timeLimitMs: number }).timeLimitMs;
    const measured = await this.measureTimeLimit(problem);
    await fs.mkdir(join(this.options.cacheDir, 'time-limits'), { recursive: true });
    await fs.writeFile(cacheFile, JSON.stringify(measured));
    return measured.timeLimitMs;
  }

  /**
   * problemtools' rule: run the accepted submissions with a generous limit, take the slowest, multiply. Measured
   * here, on this host, without a cache: runners measure once per package version and keep the result with the
   * API, so that every runner judges the version with the same limit. A package where no accepted submission
   * passes throws ProblemFaultError.
   */
  async measureTimeLimit(problem: ProblemPackage): Promise<MeasuredTimeLimit> {
    const accepted = problem.submissions.filter((s) => s.folder === 'accepted');
    let slowest = 0;
    let measured = 0;
    const failures: string[] = [];
    const probeLimitMs = 10_000;
    for (const submission of accepted) {
      let result: JudgeResult;
      try {
        result = await this.judge({
          problem,
          source: { path: submission.path },
          timeLimitMs: probeLimitMs,
          entryPoint: submission.entryPoint,
        });
      } catch (error) {
        // In a language this host lacks, or not a submission at all: it does not set the limit.
        if (error instanceof JudgeRequestError) continue;
        throw error;
      }
      // A mislabelled "accepted" submission does not set the limit; verify reports it on its own.
      if (result.verdict !== 'AC') {
        failures.push(`${basename(submission.path)} got ${result.verdict}`);
        continue;
      }
      measured++;
      for (const t of result.tests) slowest = Math.max(slowest, t.timeMs);
    }
    if (measured === 0) {
      throw new ProblemFaultError(
        `cannot derive the time limit: no accepted submission passed here${failures.length ? ` (${failures.join(', ')})` : ''}`,
      );
    }
    return { timeLimitMs: deriveTimeLimitMs(slowest, problem.limits), slowestAcceptedMs: slowest };
  }

  /**
   * Judges one submission. Every failure ends in a result, classified here and only here (errors.ts): CE when
   * it is the submission's fault, JE when it is the package's or the judge's. A bad request throws
   * JudgeRequestError instead unless `request.onBadRequest` is `verdict`.
   */
  async judge(request: JudgeRequest): Promise<JudgeResult> {
    const { problem } = request;
    if (problem.submitAnswer) return this.judgeAnswers(request);
    let box: Box | null = null;
    let validatorBox: Box | null = null;
    let checkerBox: Box | null = null;
    const events = new SecurityEventLog();
    try {
      const prepared = await this.prepareSubmission(request.source, request.language);
      checkLanguageAllowed(problem, prepared.language.id);
      const { language } = prepared;
      const choice = chooseProgram(language, {
        ...prepared,
        included: await includedFiles(problem, language),
        entryPoint: request.entryPoint,
      });
      // A program that cannot be told from its files is for its author to fix, as DOMjudge says of a Java
      // submission without a main class: a compile error, before anything is compiled.
      if (!choice.ok) return compileError(choice.problem, this.maxScore(problem));
      const program = choice.program;
      const { timeLimitMs } = await this.timeLimit(problem, request.timeLimitMs);
      const compile = compileLimits(problem.limits);
      let validator: BuiltValidator | null = null;
      if (problem.outputValidator && (problem.validation === 'custom' || problem.interactive)) {
        validator = await this.validators.build(problem.outputValidator, compile);
      }
      // Polygon: a checker reads what the interactor wrote once the interaction is accepted.
      const interactionChecker =
        problem.interactive && problem.interactionChecker
          ? await this.validators.build(problem.interactionChecker, compile)
          : null;
      box = await this.options.sandbox.createBox(
        languageBoxOptions(language, this.options.boxBytes ?? submissionBoxBytes(problem.limits)),
      );
      const ctx = {
        sources: program.sources,
        entry: program.entry,
        className: program.className,
        memoryMb: problem.limits.memoryMb,
      };
      for (const file of program.files) await box.writeFile(file.name, file.content);

      request.onProgress?.({ type: 'compile-started', language: language.id });
      const compiled = await this.compileProgram(box, language, program, compile, (run) => events.add(run, null));
      request.onProgress?.({
        type: 'compile-finished',
        ok: compiled.ok,
        timeMs: compiled.timeMs,
        ...(compiled.cached ? { cached: true } : {}),
      });
      if (compiled.sandboxFailure) throw new JudgeSystemError(`compiling: ${compiled.sandboxFailure}`);
      if (!compiled.ok) return { ...compileError(compiled.output, this.maxScore(problem)), ...events.result() };

      if (validator)
        validatorBox = await this.options.sandbox.createBox(
          languageBoxOptions(validator.language, BOX_BYTES, [validatorBuildMount(validator)]),
        );
      if (interactionChecker)
        checkerBox = await this.options.sandbox.createBox(
          languageBoxOptions(interactionChecker.language, BOX_BYTES, [validatorBuildMount(interactionChecker)]),
        );
      const limits = testRunLimits(problem.limits, timeLimitMs, {
        processes: language.processes,
        wallTime: this.options.wallTime,
        interactive: problem.interactive,
      });
      const session: Session = {
        problem,
        program: {
          language,
          box,
          runSpec: {
            argv: expandCommand(language.run, language, ctx),
            env: languageEnv(language),
            boxWritable: false,
            mounts: languageMounts(language),
            limits,
            signal: request.signal,
          },
        },
        answers: null,
        checker: interactionChecker
          ? new OutputChecker(problem, interactionChecker, checkerBox)
          : new OutputChecker(problem, validator, validatorBox),
        validator,
        validatorBox,
        tests: [],
        groups: [],
        total: countTests(problem.data),
        request,
        events,
      };
      return await this.gradeAll(session, compiled.output);
    } catch (error) {
      if (error instanceof JudgeRequestError && request.onBadRequest !== 'verdict') throw error;
      return failedJudgement(error, this.maxScore(problem));
    } finally {
      await box?.destroy();
      await validatorBox?.destroy();
      await checkerBox?.destroy();
    }
  }

  /**
   * Compiles the program written into the box, or puts back what the same compile left before (compile-cache.ts).
   * The compiler only ever runs in the box; the cache keeps the regular files it left there, read with the no-link
   * helpers, and its messages. A compile that stopped on a limit, failed in the sandbox, showed security events or
   * left a link or a device is not kept.
   */
  private async compileProgram(
    box: Box,
    language: ResolvedLanguage,
    program: CompiledFiles & { files: readonly SubmissionFile[] },
    limits: ReturnType<typeof compileLimits>,
    onRun: (run: RunResult) => void,
    /** A run's compiler options (already checked against the language's allow-list): part of the key. */
    extraArgs: readonly string[] = [],
  ): Promise<CompileOutcome> {
    const cache = this.compileCache;
    if (!cache || !language.compile) return compileInBox(box, language, program, limits, onRun, extraArgs);
    const key = compileCacheKey({
      engine: this.options.sandbox.name,
      language,
      toolchain: await this.options.languages.toolchainId(language),
      files: program.files,
      sources: program.sources,
      entry: program.entry,
      className: program.className,
      extraArgs,
      limits,
    });
    // The cache only saves time: a folder it cannot use means compiling, as without it.
    const hit = await cache.get(key).catch(() => null);
    if (hit) {
      for (const file of hit.files) await box.writeFile(file.path, file.data, file.mode);
      return { ok: hit.ok, output: hit.output, timeMs: hit.timeMs, sandboxFailure: null, cached: true };
    }
    let probed = false;
    const compiled = await compileInBox(
      box,
      language,
      program,
      limits,
      (run) => {
        if ((run.events ?? []).length > 0) probed = true;
        onRun(run);
      },
      extraArgs,
    );
    if (compiled.sandboxFailure || compiled.stopped || probed) return compiled;
    const files = compiled.ok ? await boxArtifacts(box, cache.maxEntryBytes) : [];
    if (files) {
      const entry = { ok: compiled.ok, output: compiled.output, timeMs: compiled.timeMs, files };
      await cache.put(key, entry).catch(() => undefined);
    }
    return compiled;
  }

  /**
   * A submit-answer problem: the submission is its answers (AnswerSet), nothing is compiled or run, and each
   * answer goes to the output validator (in its box, as for programs) as the test's output.
   */
  private async judgeAnswers(request: JudgeRequest): Promise<JudgeResult> {
    const { problem } = request;
    let validatorBox: Box | null = null;
    try {
      if (request.language !== undefined && request.language !== ANSWERS_LANGUAGE) {
        throw new JudgeRequestError(
          'ANSWERS_EXPECTED',
          `this is a submit-answer problem: submit the answers (language "${ANSWERS_LANGUAGE}"), not a ${request.language} program`,
        );
      }
      const answers = await AnswerSet.open(request.source, allTestCases(problem.data), answerLimits(problem.limits));
      let validator: BuiltValidator | null = null;
      if (problem.outputValidator && problem.validation === 'custom') {
        validator = await this.validators.build(problem.outputValidator, compileLimits(problem.limits));
        validatorBox = await this.options.sandbox.createBox(
          languageBoxOptions(validator.language, BOX_BYTES, [validatorBuildMount(validator)]),
        );
      }
      const session: Session = {
        problem,
        program: null,
        answers,
        checker: new OutputChecker(problem, validator, validatorBox),
        validator,
        validatorBox,
        tests: [],
        groups: [],
        total: countTests(problem.data),
        request,
        // Answers are files, not runs: nothing to see.
        events: new SecurityEventLog(),
      };
      return await this.gradeAll(session, '');
    } catch (error) {
      if (error instanceof JudgeRequestError && request.onBadRequest !== 'verdict') throw error;
      return failedJudgement(error, this.maxScore(problem));
    } finally {
      await validatorBox?.destroy();
    }
  }

  /** Judges every test of the session and grades the whole. */
  private async gradeAll(session: Session, compileOutput: string): Promise<JudgeResult> {
    const { problem, request } = session;
    const root = await this.gradeGroup(session, problem.data, true);
    if (request.signal?.aborted) throw new JudgeSystemError('judging was cancelled');
    const scoring = problem.type === 'scoring';
    return {
      verdict: root.verdict,
      score: scoring ? root.score : root.verdict === 'AC' ? 1 : 0,
      maxScore: this.maxScore(problem),
      compileOutput,
      tests: session.tests,
      groups: session.groups,
      ...session.events.result(),
    };
  }

  /** Best possible score: every test accepted, aggregated by the same rules. */
  maxScore(problem: ProblemPackage): number {
    return problem.type === 'scoring' ? this.groupMaxScore(problem.data, true) : 1;
  }

  private groupMaxScore(group: TestGroup, isRoot = false): number {
    const items: Graded[] = orderedItems(group).map((item) =>
      'inputPath' in item
        ? { verdict: 'AC', score: item.acceptScore ?? group.config.acceptScore }
        : { verdict: 'AC', score: this.groupMaxScore(item), isSample: item.name === 'sample' },
    );
    return aggregate(group.config, items, isRoot).score;
  }

  private async gradeGroup(session: Session, group: TestGroup, isRoot: boolean): Promise<Graded> {
    const items: Graded[] = [];
    const subgroups: { index: number; group: TestGroup }[] = [];
    for (const item of orderedItems(group)) {
      if (session.request.signal?.aborted) break;
      let graded: Graded;
      if ('inputPath' in item) {
        const result = await this.runTest(session, item, group);
        graded = { verdict: result.verdict, score: result.score ?? 0 };
      } else {
        graded = { ...(await this.gradeGroup(session, item, false)), isSample: item.name === 'sample' };
        subgroups.push({ index: items.length, group: item });
      }
      items.push(graded);
      // A judge error stops everything: the rest would be judged on a broken footing.
      if (graded.verdict === 'JE') break;
      if (graded.verdict !== 'AC' && group.config.onReject === 'break') break;
    }
    zeroFailedDependencies(session, items, subgroups);
    const outcome = aggregate(group.config, items, isRoot);
    // Groups carry scores: pass-fail problems report per test only.
    if (!isRoot && session.problem.type === 'scoring') {
      session.groups.push({
        name: group.name,
        verdict: outcome.verdict,
        score: outcome.score,
        maxScore: this.groupMaxScore(group),
      });
    }
    return outcome;
  }

  private async runTest(session: Session, test: TestCase, group: TestGroup): Promise<TestCaseResult> {
    const index = session.tests.length;
    session.request.onProgress?.({
      type: 'test-started',
      name: test.name,
      group: test.group,
      index,
      total: session.total,
    });
    // A test's own arguments (2023-07/2025-09 `<case>.yaml`) replace its group's.
    const flags = [
      ...session.problem.validatorFlags,
      ...(test.outputValidatorFlags ?? group.config.outputValidatorFlags),
    ];
    const patterns = session.program?.language.memoryErrorPatterns ?? [];
    let outcome: MultiPassOutcome;
    if (session.answers) outcome = { ...(await this.checkAnswer(session, session.answers, test, flags)), passes: 1 };
    else if (session.problem.multiPass) {
      outcome = await runPasses(test, session.problem.limits.validationPasses, (input, followingPass) =>
        this.runPass(session, input, flags, followingPass),
      );
    } else outcome = { ...(await this.runPass(session, test, flags, false)), passes: 1 };
    const { run, check } = outcome;
    let verdict: Verdict;
    let feedback = '';
    let score: number | null = null;
    if (check) ({ verdict, feedback, score } = check);
    else {
      verdict = submissionVerdict(run, patterns) ?? 'JE';
      feedback = describeRun(run);
    }
    if (run.status === 'sandbox-error') throw new JudgeSystemError(describeRun(run));
    if (verdict === 'JE') throw new JudgeSystemError(feedback || 'judge error');
    const config = group.config;
    const testScore =
      verdict === 'AC' ? (score ?? test.acceptScore ?? config.acceptScore) : (score ?? config.rejectScore);
    const result: TestCaseResult = {
      name: test.name,
      group: test.group,
      verdict,
      timeMs: run.cpuTimeMs,
      wallMs: run.wallTimeMs,
      memoryKb: Math.round(run.memoryBytes / 1024),
      score: session.problem.type === 'scoring' ? roundScore(testScore) : null,
      feedback,
      // Samples are public: contestants see what their program printed for them (an interactive program's output
      // went to its interactor, never to the judge).
      ...(test.sample && !session.problem.interactive
        ? { output: run.stdout.subarray(0, SAMPLE_OUTPUT_BYTES).toString('utf8'), ...sampleStderr(run) }
        : {}),
      // A run no checker judged ended on its own: its exit code or signal, the program's and not a checker's.
      ...(check ? {} : runEnding(run)),
      ...(session.problem.multiPass ? { passes: outcome.passes } : {}),
    };
    session.tests.push(result);
    session.request.onProgress?.({ type: 'test-finished', result, index, total: session.total });
    return result;
  }

  /**
   * One run of the submission on `input` (the test, or a multi-pass test's next input) and its check: with the
   * interactor when the problem is interactive, else by the output checker once the run ended well.
   */
  private async runPass(
    session: Session,
    input: TestCase,
    flags: string[],
    followingPass: boolean,
  ): Promise<PassOutcome> {
    const { program } = session;
    if (!program) throw new JudgeSystemError('no program to run');
    const patterns = program.language.memoryErrorPatterns ?? [];
    if (session.problem.interactive) {
      if (!session.validator || !session.validatorBox)
        throw new ProblemFaultError('interactive problem without an interactor');
      const outcome = await runInteractive({
        problem: session.problem,
        test: input,
        flags,
        submissionBox: program.box,
        submission: program.runSpec,
        memoryErrorPatterns: patterns,
        validator: session.validator,
        validatorBox: session.validatorBox,
        signal: session.request.signal,
        followingPass,
      });
      session.events.add(outcome.run, input.name);
      // Polygon: an interaction the interactor accepts is then judged by the checker, on what the interactor wrote.
      if (outcome.check?.verdict === 'AC' && session.problem.interactionChecker) {
        const limit = session.problem.limits.validationOutputMb * MiB;
        const output = await interactorOutput(session.validatorBox, limit);
        return { ...outcome, check: await session.checker.check(input, output, flags, session.request.signal) };
      }
      return outcome;
    }
    const run = await program.box.run({ ...program.runSpec, stdin: { kind: 'file', path: input.inputPath } });
    session.events.add(run, input.name);
    if (submissionVerdict(run, patterns) !== null) return { run, check: null };
    return { run, check: await session.checker.check(input, run.stdout, flags, session.request.signal, followingPass) };
  }

  /** A submit-answer test: the submission's answer goes to the output checker as if a program had printed it. */
  private async checkAnswer(
    session: Session,
    answers: AnswerSet,
    test: TestCase,
    flags: string[],
  ): Promise<PassOutcome> {
    const answer = await answers.read(test, answerLimits(session.problem.limits).answerBytes);
    if (answer.kind === 'too-large') return { run: answerRun('output-limit', Buffer.alloc(0)), check: null };
    if (answer.kind === 'missing') {
      const feedback = `no answer for test ${test.name} (a file named ${test.name}.out)`;
      return { run: answerRun('ok', Buffer.alloc(0)), check: { verdict: 'WA', score: null, feedback } };
    }
    const run = answerRun('ok', answer.data);
    return { run, check: await session.checker.check(test, answer.data, flags, session.request.signal) };
  }
}

/**
 * The regular files a compile left in the box, for the compile cache; null (keep nothing) when the box holds a link,
 * a device or a fifo, more than MAX_CACHED_ENTRIES entries or more than maxBytes, or a file changed while read.
 */
async function boxArtifacts(box: Box, maxBytes: number): Promise<CachedFile[] | null> {
  const entries = await box.listFiles('.', MAX_CACHED_ENTRIES);
  if (!entries || entries.some((e) => e.kind === 'other')) return null;
  const files: CachedFile[] = [];
  let total = 0;
  for (const entry of entries) {
    if (entry.kind !== 'file') continue;
    total += entry.size;
    if (total > maxBytes) return null;
    const data = await box.readFile(entry.path, entry.size + 1);
    if (data?.length !== entry.size) return null;
    // Permission bits only as far as the run needs them: never set-id bits.
    files.push({ path: entry.path, mode: entry.mode & 0o755, data });
  }
  return files;
}

/** The submission's files as given: one source, a folder's files, or files in memory. */
async function readSubmission(source: SubmissionSource, max: number): Promise<SubmissionFiles> {
  if ('files' in source) {
    if (source.files.length > SUBMISSION_LIMITS.maxFiles) {
      throw new JudgeRequestError(
        'FILES_INVALID',
        `${source.files.length} files: a submission has at most ${SUBMISSION_LIMITS.maxFiles}`,
      );
    }
    return { files: source.files, single: false };
  }
  if ('code' in source) return { files: [{ name: source.fileName, content: source.code }], single: true };
  const stat = await fs.stat(source.path).catch(() => null);
  if (stat?.isDirectory()) return readSubmissionFolder(source.path, max);
  if (!stat?.isFile()) throw new JudgeRequestError('SOURCE_UNREADABLE', `cannot read source file ${source.path}`);
  if (stat.size > max)
    throw new JudgeRequestError('SOURCE_TOO_LARGE', `${source.path} is ${stat.size} bytes; the limit is ${max}`);
  const name = basename(source.path);
  return { files: [{ name, content: decodeText(name, await fs.readFile(source.path)) }], single: true };
}

/**
 * The package's include/<language>/ files for a submission in this language: the folder named by the language's id
 * or one of its `codes`, else include/default/ (2025-09). Unreadable or binary files are the package's fault.
 */
async function includedFiles(problem: ProblemPackage, language: ResolvedLanguage): Promise<SubmissionFile[]> {
  const includes = problem.includes ?? {};
  const code = [language.id, ...(language.codes ?? [])].find((c) => includes[c]) ?? 'default';
  const files: SubmissionFile[] = [];
  for (const file of includes[code] ?? []) {
    const data = await fs.readFile(file.path).catch(() => null);
    if (data === null) throw new ProblemFaultError(`include/${code}/${file.name}: cannot read`);
    try {
      files.push({ name: file.name, content: decodeText(file.name, data) });
    } catch {
      throw new ProblemFaultError(`include/${code}/${file.name}: not UTF-8 text`);
    }
  }
  return files;
}

function compileError(output: string, maxScore: number): JudgeResult {
  return { verdict: 'CE', score: 0, maxScore, compileOutput: output, tests: [], groups: [] };
}

/** Polygon's group dependencies: a group whose dependencies were not all accepted scores nothing. */
function zeroFailedDependencies(
  session: Session,
  items: Graded[],
  subgroups: readonly { index: number; group: TestGroup }[],
): void {
  if (!subgroups.some((s) => (s.group.config.dependencies ?? []).length > 0)) return;
  const failed = failedDependencies(
    subgroups.map((s) => ({
      name: s.group.name,
      verdict: items[s.index].verdict,
      dependencies: s.group.config.dependencies ?? [],
    })),
  );
  for (const { index, group } of subgroups) {
    if (!failed.has(group.name)) continue;
    items[index] = { ...items[index], score: 0 };
    const reported = session.groups.find((g) => g.name === group.name);
    if (reported) reported.score = 0;
  }
}

/** problem.yaml `languages`: a submission in another language is a bad request (CE for a queued submission). */
function checkLanguageAllowed(problem: ProblemPackage, languageId: string): void {
  if (problem.languages === null || problem.languages.includes(languageId)) return;
  throw new JudgeRequestError(
    'LANGUAGE_NOT_ALLOWED',
    `this problem takes submissions in ${problem.languages.join(', ')} only, not ${languageId}`,
  );
}

/** Tests and subgroups of a group in name order (a group's folder mixes both). */
function orderedItems(group: TestGroup): (TestCase | TestGroup)[] {
  const last = (name: string) => name.slice(name.lastIndexOf('/') + 1);
  return [...group.tests, ...group.groups].sort((a, b) =>
    last(a.name) < last(b.name) ? -1 : last(a.name) > last(b.name) ? 1 : 0,
  );
}

/** An answer as if a program had printed it: no time, no memory. */
function answerRun(status: 'ok' | 'output-limit', stdout: Buffer): RunResult {
  return {
    status,
    exitCode: status === 'ok' ? 0 : null,
    signal: null,
    cpuTimeMs: 0,
    wallTimeMs: 0,
    memoryBytes: 0,
    stdout,
    stderr: Buffer.alloc(0),
  };
}

function countTests(group: TestGroup): number {
  return group.tests.length + group.groups.reduce((n, g) => n + countTests(g), 0);
}

/** What a sample's program wrote to stderr, bounded; nothing when it wrote nothing. */
function sampleStderr(run: RunResult): { stderr?: string } {
  if (run.stderr.length === 0) return {};
  return { stderr: run.stderr.subarray(0, SAMPLE_STDERR_BYTES).toString('utf8') };
}

/** The exit code or signal of a run that did not end well (an RE), as the result names it. */
function runEnding(run: RunResult): { exitCode?: number; signal?: number } {
  if (run.status === 'nonzero-exit' && run.exitCode !== null) return { exitCode: run.exitCode };
  if (run.status === 'signaled' && run.signal !== null) return { signal: run.signal };
  return {};
}
