import { Inject, Injectable } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import {
  addTestCase,
  countTestCases,
  isWritableGroup,
  isWritableTestName,
  loadPackageHeader,
  removeOutputValidators,
  removeTestCase,
  updateProblemYaml,
  replaceTestCase,
  writeOutputValidator,
  writeProblemYaml,
  writeStatement,
  writeTestDataFolders,
  writeTimeLimitFile,
} from '@judge/problem-package';
import { badRequest, notFound } from '../common/app-error';
import type { ProblemSummary } from '../database/entities';
import type { ProblemAuthoringView, ProblemUploadResult, ProblemVisibilityState } from '@judge/contract';
import type { ContentStore } from '../storage/content-store';
import { PACKAGE_STORE } from '../tokens';
import type { AuditActor } from '../audit/audit-log.service';
import { ProblemsService, type ProblemListItem } from './problems.service';
import { StatementFiles } from './statement-files';
import { unzipTo } from './unzip';
import { zipFolder } from './zip-folder';

export interface AuthoredProblem {
  title: string;
  /** Draft (the default) or public from the start. */
  visibility?: ProblemVisibilityState;
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
    @Inject(PACKAGE_STORE) private readonly store: ContentStore,
    private readonly statementFiles: StatementFiles,
  ) {}

  /** A new problem with its tests, if any, in its first version (version 1, not one version per test). */
  async create(input: AuthoredProblem, by: AuditActor, tests: TestInput[] = []): Promise<ProblemUploadResult> {
    if (input.checker.type === 'custom' && (!input.checker.source || !input.checker.language)) {
      throw badRequest('VALIDATION_FAILED', 'checker: a custom checker needs source and language (c, cpp or python)');
    }
    return this.withFolder(null, async (dir) => {
      const flags =
        input.checker.type === 'float' ? (input.checker.flags ?? 'float_tolerance 1e-6') : (input.checker.flags ?? '');
      await writeProblemYaml(dir, {
        name: input.title,
        validation: input.checker.type === 'custom' ? 'custom' : 'default',
        validatorFlags: flags,
        memoryMb: input.memoryMb,
      });
      await writeTimeLimitFile(dir, input.timeLimitMs);
      await writeStatement(dir, input.statement);
      await writeTestDataFolders(dir);
      if (input.checker.type === 'custom' && input.checker.source && input.checker.language) {
        await writeOutputValidator(dir, 'checker', CHECKER_FILES[input.checker.language], input.checker.source);
      }
      for (const test of tests) {
        await addTestCase(
          dir,
          { sample: test.sample, group: test.group ? safeGroup(test.group) : undefined },
          test.input,
          test.answer,
        );
      }
      const slug = input.title;
      const { hash, summary } = await this.pack(dir, slug);
      const created = await this.problems.createWithPackage(slug, hash, summary, by, input.visibility, {
        source: 'editor',
        tests: tests.length,
      });
      return { ...created, warnings: await this.problems.titleWarnings(input.title, created.id) };
    });
  }

  /** What the browser's editor shows of the current version: title, Markdown statement, limits, checker. */
  async authoringView(problemId: string): Promise<ProblemAuthoringView> {
    return this.withFolder(problemId, async (dir) => {
      const header = await loadPackageHeader(dir);
      const markdown = header.statementPath !== null && extname(header.statementPath) === '.md';
      const problem = await this.problems.get(problemId);
      const flags = header.validatorFlags.join(' ');
      let checker: ProblemAuthoringView['checker'] = { type: 'default' };
      if (header.validation === 'custom') checker = { type: 'custom', ...(await singleValidator(dir)) };
      else if (/float_(tolerance|absolute_tolerance|relative_tolerance)/.test(flags))
        checker = { type: 'float', flags };
      else if (flags) checker = { type: 'default', flags };
      return {
        title: header.name,
        statement: markdown && header.statementPath ? await fs.readFile(header.statementPath, 'utf8') : null,
        timeLimitMs: header.limits.timeLimitMs ?? problem.limits.timeLimitMs ?? 1000,
        memoryMb: header.limits.memoryMb,
        checker,
        checkerEditable: header.formatVersion === 'legacy' && !header.interactive && !header.multiPass,
      };
    });
  }

  /**
   * The browser's edit of a problem: title, Markdown statement, limits and (legacy packages) checker written into
   * its package, stored as a new version as a re-upload would be.
   */
  async edit(
    problemId: string,
    input: Omit<AuthoredProblem, 'statement' | 'visibility'> & { statement: string | null },
    by: AuditActor,
  ): Promise<ProblemUploadResult> {
    return this.withFolder(problemId, async (dir, slug) => {
      const header = await loadPackageHeader(dir);
      const markdown = header.statementPath !== null && extname(header.statementPath) === '.md';
      if (!markdown && input.statement !== null) {
        throw badRequest(
          'STATEMENT_NOT_EDITABLE',
          'statement: this package has a LaTeX, HTML or no statement: send null to keep it, or upload a new package',
        );
      }
      const checkerEditable = header.formatVersion === 'legacy' && !header.interactive && !header.multiPass;
      const change: Parameters<typeof updateProblemYaml>[1] = {
        name: input.title,
        memoryMb: input.memoryMb,
        timeLimitMs: input.timeLimitMs,
      };
      if (checkerEditable) {
        change.validation = input.checker.type === 'custom' ? 'custom' : 'default';
        change.validatorFlags =
          input.checker.type === 'float'
            ? (input.checker.flags ?? 'float_tolerance 1e-6')
            : (input.checker.flags ?? '');
        if (input.checker.type === 'custom') {
          if (input.checker.source && input.checker.language) {
            await removeOutputValidators(dir);
            await writeOutputValidator(dir, 'checker', CHECKER_FILES[input.checker.language], input.checker.source);
          } else if (header.validation !== 'custom') {
            throw badRequest(
              'VALIDATION_FAILED',
              'checker: a custom checker needs source and language (c, cpp or python)',
            );
          }
        } else {
          await removeOutputValidators(dir);
        }
      }
      // Otherwise (a 2023-07 package, an interactive or multi-pass one) the checker stays as the package has it.
      await updateProblemYaml(dir, change);
      // A null statement keeps the package's (LaTeX, HTML: the editor shows only Markdown).
      if (input.statement !== null && header.statementPath) await fs.writeFile(header.statementPath, input.statement);
      const stored = await this.newVersion(problemId, dir, slug, by, {
        source: 'editor',
        timeLimitMs: input.timeLimitMs,
        memoryMb: input.memoryMb,
        checker: input.checker.type,
        statementEdited: input.statement !== null,
      });
      return { ...stored, warnings: await this.problems.titleWarnings(input.title, problemId) };
    });
  }

  async addTest(problemId: string, test: TestInput, by: AuditActor): Promise<ProblemListItem & { testId: string }> {
    let name = '';
    const item = await this.withFolder(problemId, async (dir, slug) => {
      const group = test.group ? safeGroup(test.group) : undefined;
      name = await addTestCase(dir, { sample: test.sample, group }, test.input, test.answer);
      return this.newVersion(problemId, dir, slug, by, { source: 'test.add', test: testId(name) });
    });
    return { ...item, testId: testId(name) };
  }

  async replaceTest(problemId: string, id: string, test: Pick<TestInput, 'input' | 'answer'>, by: AuditActor) {
    return this.withFolder(problemId, async (dir, slug) => {
      if (!(await replaceTestCase(dir, checkedTestPath(id), test.input, test.answer))) throw notFound('test');
      return this.newVersion(problemId, dir, slug, by, { source: 'test.replace', test: id });
    });
  }

  async deleteTest(problemId: string, id: string, by: AuditActor) {
    return this.withFolder(problemId, async (dir, slug) => {
      if (!(await removeTestCase(dir, checkedTestPath(id)))) throw notFound('test');
      return this.newVersion(problemId, dir, slug, by, { source: 'test.delete', test: id });
    });
  }

  private async newVersion(
    problemId: string,
    dir: string,
    slug: string,
    by: AuditActor,
    how: Record<string, unknown>,
  ): Promise<ProblemListItem> {
    const { hash, summary } = await this.pack(dir, slug);
    return this.problems.addVersion(problemId, hash, summary, by, how);
  }

  /**
   * Zips the folder and checks it with the engine's loader; a problem without tests yet (which the loader refuses)
   * is stored as it is, summarised from what the loader reads of it without tests.
   */
  private async pack(dir: string, slug: string): Promise<{ hash: string; summary: ProblemSummary }> {
    const data = await zipFolder(dir, slug);
    if ((await countTestCases(dir)) > 0) return this.problems.ingest(data, `${slug}.zip`);
    const header = await loadPackageHeader(dir);
    return {
      hash: await this.store.put(data),
      summary: {
        title: header.name,
        statement: header.statementPath ? await fs.readFile(header.statementPath, 'utf8') : null,
        type: header.type,
        interactive: header.interactive,
        timeLimitMs: header.limits.timeLimitMs,
        memoryMb: header.limits.memoryMb,
        outputMb: header.limits.outputMb,
        samples: [],
        testCount: 0,
        ...(await this.statementFiles.keep(dir, header.statementPath)),
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
      await unzipTo(await this.store.file(version.packageHash), temp);
      const top = (await fs.readdir(temp, { withFileTypes: true })).filter((e) => e.isDirectory());
      const atRoot = (await exists(join(temp, 'problem.yaml'))) || (await exists(join(temp, 'problem.xml')));
      const dir = top.length === 1 && !atRoot ? join(temp, top[0].name) : temp;
      // The editor writes the ICPC format; a Polygon package keeps Polygon as the one place it is edited.
      if ((await exists(join(dir, 'problem.xml'))) && !(await exists(join(dir, 'problem.yaml')))) {
        throw badRequest(
          'POLYGON_PACKAGE',
          'this problem is a Polygon package: change it in Polygon and upload the new package (PUT /api/problems/:id)',
        );
      }
      return await work(dir, problem.slug);
    } finally {
      await fs.rm(temp, { recursive: true, force: true });
    }
  }

  /** The stored zip of a version, for export (the format `judge run` reads). */
  async exportPath(problemId: string): Promise<{ path: string; fileName: string }> {
    const problem = await this.problems.find(problemId);
    const version = await this.problems.currentVersion(problem);
    return { path: await this.store.file(version.packageHash), fileName: `${problem.slug}-v${version.version}.zip` };
  }
}

function safeGroup(group: string): string {
  if (!isWritableGroup(group)) {
    throw badRequest('VALIDATION_FAILED', 'group: letters, digits, _ and - only');
  }
  return group;
}

function checkedTestPath(id: string): string {
  const path = testPath(id);
  if (!isWritableTestName(path)) throw notFound('test');
  return path;
}

/** The source of a legacy package's one output validator, when it is a single C, C++ or Python file. */
async function singleValidator(dir: string): Promise<{ source?: string; language?: 'c' | 'cpp' | 'python' }> {
  const root = join(dir, 'output_validators');
  const folders = await fs.readdir(root, { withFileTypes: true }).catch(() => []);
  if (folders.length !== 1 || !folders[0].isDirectory()) return {};
  const files = await fs.readdir(join(root, folders[0].name), { withFileTypes: true });
  if (files.length !== 1 || !files[0].isFile()) return {};
  const language = ({ '.c': 'c', '.cc': 'cpp', '.cpp': 'cpp', '.py': 'python' } as const)[
    extname(files[0].name) as '.c' | '.cc' | '.cpp' | '.py'
  ];
  if (!language) return {};
  return { source: await fs.readFile(join(root, folders[0].name, files[0].name), 'utf8'), language };
}

async function exists(path: string): Promise<boolean> {
  return (await fs.stat(path).catch(() => null)) !== null;
}
