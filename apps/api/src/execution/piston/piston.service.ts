import { Inject, Injectable } from '@nestjs/common';
import { RUN_COMPILE_LIMITS, entryRule } from '@judge/judge';
import { AppError, badRequest } from '../../common/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { RunOwner } from '../../auth/auth.decorators';
import { runLimits } from '../../runs/run-limits';
import type { RunBody } from '../../runs/run.schemas';
import { RunsService } from '../../runs/runs.service';
import { parseExecuteRequest, parseLimits, type PistonExecuteRequest } from './piston-request';
import { pistonResult, runLimitsOf, type PistonResult } from './piston-result';
import { PistonRuntimes, type PistonRuntime, type ResolvedRuntime } from './piston-runtimes';

/**
 * The Piston face (docs/api.md, "Piston-compatible API"): Piston's requests become runs (RunsService), and a run's
 * outcome becomes Piston's answer. Piston answers once the program ran: the request waits for its run.
 */
@Injectable()
export class PistonService {
  constructor(
    private readonly runs: RunsService,
    private readonly runtimes: PistonRuntimes,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<PistonRuntime[]> {
    return (await this.runtimes.list()).map(({ language, version, aliases, runtime }) => ({
      language,
      version,
      aliases,
      ...(runtime ? { runtime } : {}),
    }));
  }

  async execute(owner: RunOwner, body: unknown): Promise<PistonResult> {
    const request = parseExecuteRequest(body);
    const runtime = await this.runtimes.find(request.language, request.version);
    if (!runtime) throw badRequest('UNKNOWN_RUNTIME', `${request.language}-${request.version} runtime is unknown`);
    const language = runtime.definition;
    const defaults = runLimits({}, this.config, language.runDefaults);
    const limits = runLimitsOf(parseLimits(request.raw, this.config), defaults.cpuTimeMs);
    // No syntax check of its own for an interpreted language: Piston has none, and its error comes from the run.
    const { id } = await this.runs.create(owner, runBody(runtime, { ...request, limits }), {
      settings: { syntaxCheck: false },
    });
    // Long enough for the compiler and the program at their limits, and a queue's wait on top.
    const spec = runLimits(limits, this.config, language.runDefaults);
    const compileMs = spec.compileWallTimeMs ?? RUN_COMPILE_LIMITS.wallTimeMs;
    const view = await this.runs.waitFor(owner, id, compileMs + spec.wallTimeMs + this.config.RUN_WAIT_SECONDS * 1000);
    if (view.status !== 'done') {
      throw new AppError(500, 'RUN_NOT_DONE', `the run ${id} did not finish in time (it is ${view.status})`);
    }
    // Piston answers 500 when it fails itself; the reason is ours to give.
    if (view.verdict === 'JE') throw new AppError(500, 'JUDGE_ERROR', view.judgeError ?? 'judge error');
    return pistonResult(view, runtime, PistonRuntimes.compiled(runtime));
  }
}

/**
 * The run of a Piston request. One file is the program, named as the language names its source (Java's after its
 * class); of several, the first starts the program, and a file without a name gets Piston's `file<i>` with the
 * language's extension.
 */
function runBody(
  runtime: ResolvedRuntime,
  request: Omit<PistonExecuteRequest, 'limits'> & { limits: RunBody['limits'] },
): RunBody {
  const { stdin, args, limits } = request;
  const common = { language: runtime.id, stdin, args, limits };
  if (request.files.length === 1) return { ...common, source: request.files[0].content };
  const extension = runtime.definition.extensions[0];
  const files = request.files.map((f, i) => ({ name: f.name ?? `file${i}.${extension}`, content: f.content }));
  const startsAtAFile = entryRule(runtime.definition).kind !== 'all';
  return { ...common, files, ...(startsAtAFile ? { entryPoint: files[0].name } : {}) };
}
