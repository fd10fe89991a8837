import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProblemPackage, PackageError, type LoadedPackage } from '@judge/problem-package';
import type { SandboxEngine } from '@judge/sandbox';
import type { JudgeRequest } from './api';
import { failedJudgement, faultOf, JudgeRequestError, JudgeSystemError, ProblemFaultError } from './errors';
import { JudgeEngine } from './judge-engine';
import type { LanguageRegistry } from './languages/language-registry';
import { shellLanguageRegistry } from './__fixtures__/shell-language';

const HELLO = join(__dirname, '..', '..', '..', 'examples', 'problems', 'hello');

describe('whose fault a failure is', () => {
  it('is the submission’s for a language or a source of its own doing', () => {
    for (const code of [
      'UNKNOWN_LANGUAGE',
      'LANGUAGE_UNAVAILABLE',
      'SOURCE_TOO_LARGE',
      'SOURCE_NOT_TEXT',
      'FILES_INVALID',
      'LANGUAGE_NOT_ALLOWED',
    ] as const) {
      expect(faultOf(new JudgeRequestError(code, 'x')), code).toBe('submission');
    }
  });

  it('is the problem’s for a broken package, found while loading or while judging', () => {
    expect(faultOf(new ProblemFaultError('output validator does not compile'))).toBe('problem');
    expect(faultOf(new PackageError('PROBLEM_YAML_MISSING', 'problem.yaml: missing'))).toBe('problem');
  });

  it('is the judge’s for the caller’s own bad requests, the sandbox, and anything unforeseen', () => {
    expect(faultOf(new JudgeRequestError('SOURCE_UNREADABLE', 'cannot read'))).toBe('judge');
    expect(faultOf(new JudgeSystemError('sandbox failed'))).toBe('judge');
    expect(faultOf(new Error('cgroup vanished'))).toBe('judge');
    expect(faultOf('a string')).toBe('judge');
  });

  it('gives CE with the reason as compiler output, or JE with the reason for operators', () => {
    expect(failedJudgement(new JudgeRequestError('SOURCE_NOT_TEXT', 'a.py is not UTF-8 text'), 1)).toEqual({
      verdict: 'CE',
      score: 0,
      maxScore: 1,
      compileOutput: 'a.py is not UTF-8 text',
      tests: [],
      groups: [],
    });
    expect(failedJudgement(new PackageError('PROBLEM_YAML_MISSING', 'problem.yaml: missing'), null)).toEqual({
      verdict: 'JE',
      score: 0,
      maxScore: null,
      compileOutput: '',
      tests: [],
      groups: [],
      judgeError: 'problem package: problem.yaml: missing',
    });
    expect(failedJudgement(new Error('cgroup vanished'), 100)).toMatchObject({
      verdict: 'JE',
      maxScore: 100,
      judgeError: 'judge: cgroup vanished',
    });
  });
});

describe('the one catch at the top of a judgement', () => {
  let dir: string;
  let problem: LoadedPackage;
  let languages: LanguageRegistry;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'judge-errors-'));
    // A language whose tool every host has: the request is checked before any box is made.
    languages = await shellLanguageRegistry(dir);
    problem = await loadProblemPackage(HELLO);
  });

  afterAll(async () => {
    await problem?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  /** An engine on a sandbox whose boxes cannot be made, failing with `error`. */
  function engine(error: Error = new Error('no box today')): JudgeEngine {
    const sandbox = { createBox: () => Promise.reject(error) } as unknown as SandboxEngine;
    return new JudgeEngine({ sandbox, languages, cacheDir: dir, maxSourceBytes: 64 });
  }

  function request(source: JudgeRequest['source'], extra: Partial<JudgeRequest> = {}): JudgeRequest {
    // A time limit of its own: nothing is derived from the package's accepted submissions.
    return { problem, source, timeLimitMs: 1000, ...extra };
  }

  it('throws a bad request by default, before anything runs', async () => {
    await expect(engine().judge(request({ fileName: 'a.cob', code: 'x' }))).rejects.toBeInstanceOf(JudgeRequestError);
  });

  it('turns a bad request into CE, or JE when the submission is not at fault, when asked for a verdict', async () => {
    const binary = join(dir, 'binary.sh');
    await writeFile(binary, Buffer.from([0x65, 0x63, 0xff, 0xfe]));
    const cases: [JudgeRequest['source'], string | undefined, RegExp][] = [
      [{ fileName: 'a.sh', code: 'echo' }, 'cobol', /unknown language "cobol"/],
      [{ fileName: 'a.sh', code: 'x'.repeat(65) }, undefined, /limit is 64/],
      [{ path: binary }, undefined, /not UTF-8 text/],
    ];
    for (const [source, language, reason] of cases) {
      const result = await engine().judge(request(source, { language, onBadRequest: 'verdict' }));
      expect(result).toMatchObject({ verdict: 'CE', score: 0, maxScore: 1, tests: [] });
      expect(result.compileOutput).toMatch(reason);
    }
    const unreadable = await engine().judge(request({ path: join(dir, 'nope.sh') }, { onBadRequest: 'verdict' }));
    expect(unreadable.verdict).toBe('JE');
    expect(unreadable.judgeError).toMatch(/^judge: cannot read source file /);
  });

  it('refuses a language problem.yaml does not list: a bad request, CE for a queued submission', async () => {
    const only = { ...problem, languages: ['python', 'cpp'] };
    const source = { fileName: 'a.sh', code: 'echo 3' };
    const thrown: unknown = await engine()
      .judge({ problem: only, source, timeLimitMs: 1000 })
      .catch((e: unknown) => e);
    expect(thrown).toMatchObject({
      code: 'LANGUAGE_NOT_ALLOWED',
      message: 'this problem takes submissions in python, cpp only, not shell',
    });
    const queued = await engine().judge({ problem: only, source, timeLimitMs: 1000, onBadRequest: 'verdict' });
    expect(queued).toMatchObject({
      verdict: 'CE',
      compileOutput: 'this problem takes submissions in python, cpp only, not shell',
    });
  });

  it('turns the sandbox’s failure into JE, and a broken package’s into JE naming the package', async () => {
    const source = { fileName: 'a.sh', code: 'echo 3' };
    expect(await engine().judge(request(source))).toMatchObject({
      verdict: 'JE',
      maxScore: 1,
      judgeError: 'judge: no box today',
    });
    expect(await engine(new ProblemFaultError('bad flags')).judge(request(source))).toMatchObject({
      verdict: 'JE',
      judgeError: 'problem package: bad flags',
    });
  });
});
