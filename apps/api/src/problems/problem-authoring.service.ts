import { Inject, Injectable } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { badRequest, notFound } from '../common/app-error';
import type { ProblemSummary } from '../database/entities';
import type { PackageStore } from '../storage/package-store';
import { PACKAGE_STORE } from '../tokens';
import { ProblemsService, type ProblemListItem } from './problems.service';
import { unzipTo } from './unzip';
import { zipFolder } from './zip-folder';

export interface AuthoredProblem {
  title: string;
  statement: string;
  timeLimitMs: number;
  memoryMb: number;
  checker: { type: 'default' | 'float' | 'custom'; flags?: string; source?: string; language?: 'c' | 'cpp' | 'python' };
}

export interface TestInput {
  input: string | Buffer;
  answer: string | Buffer;
  sample: boolean;
  /** Subgroup of sample/ or secret/, e.g. "group1". */
  group?: string;
}

const CHECKER_FILES = { c: 'checker.c', cpp: 'checker.cpp', python: 'checker.py' } as const;

/** Tests are named by their path below data/, with ':' for '/': `secret:group1:03`. */
export const testId = (name: string) => name.replaceAll('/', ':');
const testPath = (id: string) => id.replaceAll(':', '/');

/**
 * Problems made and edited as a teacher would, without a zip: each is kept as an ICPC package like any
 * other, and every change (a test added, replaced or removed) is a new version of it.
 */
@Injectable()
export class ProblemAuthoringService {
  constructor(
    private readonly problems: ProblemsService,
    @Inject(PACKAGE_STORE) private readonly store: PackageStore,
  ) {}

  async create(input: AuthoredProblem, userId: string): Promise<ProblemListItem> {
    if (input.checker.type === 'custom' && (!input.checker.source || !input.checker.language)) {
      throw badRequest('VALIDATION_FAILED', 'checker: a custom checker needs source and language (c, cpp or python)');
    }
    return this.withFolder(null, async (dir) => {
      const flags =
        input.checker.type === 'float' ? (input.checker.flags ?? 'float_tolerance 1e-6') : (input.checker.flags ?? '');
      const yaml: Record<string, unknown> = {
        name: input.title,
        validation: input.checker.type === 'custom' ? 'custom' : 'default',
        limits: { memory: input.memoryMb },
      };
      if (flags) yaml.validator_flags = flags;
      await fs.writeFile(join(dir, 'problem.yaml'), stringify(yaml));
      await fs.writeFile(join(dir, '.timelimit'), `${input.timeLimitMs / 1000}\n`);
      await fs.mkdir(join(dir, 'problem_statement'), { recursive: true });
      await fs.writeFile(join(dir, 'problem_statement', 'problem.en.md'), input.statement);
      await fs.mkdir(join(dir, 'data', 'sample'), { recursive: true });
      await fs.mkdir(join(dir, 'data', 'secret'), { recursive: true });
      if (input.checker.type === 'custom' && input.checker.source && input.checker.language) {
        await fs.mkdir(join(dir, 'output_validators', 'checker'), { recursive: true });
        await fs.writeFile(
          join(dir, 'output_validators', 'checker', CHECKER_FILES[input.checker.language]),
          input.checker.source,
        );
      }
      const slug = input.title;
      const { hash, summary } = await this.pack(dir, slug);
      return this.problems.createWithPackage(slug, hash, summary, userId);
    });
  }

  async addTest(problemId: string, test: TestInput, userId: string): Promise<ProblemListItem & { testId: string }> {
    let name = '';
    const item = await this.withFolder(problemId, async (dir, slug) => {
      const folder = join(
        dir,
        'data',
        test.sample ? 'sample' : 'secret',
        ...(test.group ? [safeGroup(test.group)] : []),
      );
      await fs.mkdir(folder, { recursive: true });
      const taken = new Set((await fs.readdir(folder)).map((f) => f.replace(/\.(in|ans)$/, '')));
      let n = 1;
      while (taken.has(String(n).padStart(2, '0'))) n++;
      const base = String(n).padStart(2, '0');
      await fs.writeFile(join(folder, `${base}.in`), test.input);
      await fs.writeFile(join(folder, `${base}.ans`), test.answer);
      name = [test.sample ? 'sample' : 'secret', ...(test.group ? [safeGroup(test.group)] : []), base].join('/');
      return this.newVersion(problemId, dir, slug, userId);
    });
    return { ...item, testId: testId(name) };
  }

  async replaceTest(problemId: string, id: string, test: Pick<TestInput, 'input' | 'answer'>, userId: string) {
    return this.withFolder(problemId, async (dir, slug) => {
      const path = join(dir, 'data', checkedTestPath(id));
      if (!(await exists(`${path}.in`))) throw notFound('test');
      await fs.writeFile(`${path}.in`, test.input);
      await fs.writeFile(`${path}.ans`, test.answer);
      return this.newVersion(problemId, dir, slug, userId);
    });
  }

  async deleteTest(problemId: string, id: string, userId: string) {
    return this.withFolder(problemId, async (dir, slug) => {
      const path = join(dir, 'data', checkedTestPath(id));
      if (!(await exists(`${path}.in`))) throw notFound('test');
      await fs.rm(`${path}.in`);
      await fs.rm(`${path}.ans`, { force: true });
      return this.newVersion(problemId, dir, slug, userId);
    });
  }

  private async newVersion(problemId: string, dir: string, slug: string, userId: string): Promise<ProblemListItem> {
    const { hash, summary } = await this.pack(dir, slug);
    return this.problems.addVersion(problemId, hash, summary, userId);
  }

  /** Zips the folder and checks it with the engine's loader; a problem without tests yet is stored as it is. */
  private async pack(dir: string, slug: string): Promise<{ hash: string; summary: ProblemSummary }> {
    const data = await zipFolder(dir, slug);
    if ((await countTests(join(dir, 'data'))) > 0) return this.problems.ingest(data, `${slug}.zip`);
    const statement = await fs.readFile(join(dir, 'problem_statement', 'problem.en.md'), 'utf8').catch(() => null);
    const yaml = await fs.readFile(join(dir, 'problem.yaml'), 'utf8');
    const title = /^name:\s*(.+)$/m.exec(yaml)?.[1].replace(/^['"]|['"]$/g, '') ?? slug;
    const memory = Number(/memory:\s*(\d+)/.exec(yaml)?.[1] ?? 2048);
    const timeLimit = Number(await fs.readFile(join(dir, '.timelimit'), 'utf8').catch(() => '1'));
    return {
      hash: await this.store.put(data),
      summary: {
        title,
        statement,
        type: 'pass-fail',
        interactive: false,
        timeLimitMs: Math.round(timeLimit * 1000),
        memoryMb: memory,
        outputMb: 8,
        samples: [],
        testCount: 0,
      },
    };
  }

  /** The problem's current package as a folder to edit (a fresh one for a new problem), removed afterwards. */
  private async withFolder<T>(problemId: string | null, work: (dir: string, slug: string) => Promise<T>): Promise<T> {
    const temp = await fs.mkdtemp(join(tmpdir(), 'judge-authoring-'));
    try {
      if (problemId === null) {
        const dir = join(temp, 'problem');
        await fs.mkdir(dir);
        return await work(dir, 'problem');
      }
      const problem = await this.problems.find(problemId);
      const version = await this.problems.currentVersion(problem);
      await unzipTo(this.store.path(version.packageHash), temp);
      const top = (await fs.readdir(temp, { withFileTypes: true })).filter((e) => e.isDirectory());
      const dir = top.length === 1 && !(await exists(join(temp, 'problem.yaml'))) ? join(temp, top[0].name) : temp;
      return await work(dir, problem.slug);
    } finally {
      await fs.rm(temp, { recursive: true, force: true });
    }
  }

  /** The stored zip of a version, for export (the format `judge run` reads). */
  async exportPath(problemId: string): Promise<{ path: string; fileName: string }> {
    const problem = await this.problems.find(problemId);
    const version = await this.problems.currentVersion(problem);
    return { path: this.store.path(version.packageHash), fileName: `${problem.slug}-v${version.version}.zip` };
  }
}

function safeGroup(group: string): string {
  if (!/^[A-Za-z0-9_-]{1,40}(\/[A-Za-z0-9_-]{1,40}){0,3}$/.test(group)) {
    throw badRequest('VALIDATION_FAILED', 'group: letters, digits, _ and - only');
  }
  return group;
}

function checkedTestPath(id: string): string {
  const path = testPath(id);
  if (!/^(sample|secret)(\/[A-Za-z0-9_-]{1,40}){1,5}$/.test(path)) throw notFound('test');
  return path;
}

async function exists(path: string): Promise<boolean> {
  return (await fs.stat(path).catch(() => null)) !== null;
}

async function countTests(dir: string): Promise<number> {
  let n = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (entry.isFile() && entry.name.endsWith('.in')) n++;
  }
  return n;
}
