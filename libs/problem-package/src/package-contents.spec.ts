import { realpath, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MINIMAL, TempDirs, writeTree, type Tree } from './__fixtures__/tree';
import { loadProblemPackage, PackageError, parseExpectedResults } from './index';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

async function loadError(tree: Tree): Promise<PackageError> {
  const error: unknown = await loadProblemPackage(await temp.package(tree)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PackageError);
  return error as PackageError;
}

const CUSTOM = { ...MINIMAL, 'problem.yaml': 'name: Checked\nvalidation: custom\n' };

describe('symbolic links in folder packages', () => {
  it('follows links that stay inside the package and reports real paths', async () => {
    const folder = await temp.package({
      ...MINIMAL,
      'data/secret/s1.in': { symlink: '../sample/1.in' },
      'data/secret/s1.ans': { symlink: '../sample/1.ans' },
      'data/secret/shared': { symlink: '../sample' },
    });
    const problem = await loadProblemPackage(folder);
    const real = await realpath(folder);
    const secret = problem.data.groups[1];
    const linked = secret.tests.find((t) => t.name === 'secret/s1');
    expect(linked?.inputPath).toBe(path.join(real, 'data', 'sample', '1.in'));
    expect(linked?.answerPath).toBe(path.join(real, 'data', 'sample', '1.ans'));
    // A linked folder is a group of its own, with the real path of its target.
    expect(secret.groups.map((g) => [g.name, g.path])).toEqual([['secret/shared', path.join(real, 'data', 'sample')]]);
    expect(secret.groups[0].tests.map((t) => t.name)).toEqual(['secret/shared/1']);
  });

  it('resolves the package root itself', async () => {
    const folder = await temp.package(MINIMAL, 'real-name');
    const alias = path.join(path.dirname(folder), 'alias');
    await symlink(folder, alias);
    const problem = await loadProblemPackage(alias);
    expect(problem.root).toBe(await realpath(folder));
  });

  it('refuses a link leading outside the package, naming it', async () => {
    const outside = await temp.make('outside-');
    await writeTree(outside, { 'secret.txt': 'do not read\n' });
    const error = await loadError({ ...MINIMAL, 'data/secret/2.in': { symlink: path.join(outside, 'secret.txt') } });
    expect(error.code).toBe('SYMLINK_OUTSIDE_PACKAGE');
    expect(error.message).toBe('data/secret/2.in: symbolic link leads outside the package');
  });

  it('refuses outward links in every part the judge reads, dangling or not', async () => {
    const relative = await loadError({
      ...MINIMAL,
      'submissions/accepted/x.py': { symlink: '../../../../../etc/passwd' },
    });
    expect(relative.message).toBe('submissions/accepted/x.py: symbolic link leads outside the package');
    const dangling = await loadError({ ...MINIMAL, 'output_validators/gone.py': { symlink: '/nonexistent/file' } });
    expect(dangling.code).toBe('SYMLINK_OUTSIDE_PACKAGE');
    for (const part of ['data/secret', 'statement', 'include/python3', 'input_validators', 'output_validator']) {
      const error = await loadError({ ...MINIMAL, [`${part}/linked`]: { symlink: '/etc' } });
      expect(error.message).toBe(`${part}/linked: symbolic link leads outside the package`);
    }
    // A part that is itself a link out of the package.
    const outside = await temp.make('outside-');
    await writeTree(outside, { 'sample/1.in': '1 2\n', 'sample/1.ans': '3\n' });
    const data = await loadError({ 'problem.yaml': 'name: X\n', data: { symlink: outside } });
    expect(data.message).toBe('data: symbolic link leads outside the package');
    // A judged part reaching outside through a folder elsewhere in the package.
    const through = await loadError({
      ...MINIMAL,
      'attachments/cases/evil.in': { symlink: '/etc/passwd' },
      'data/secret/shared': { symlink: '../../attachments/cases' },
    });
    expect(through.message).toBe('attachments/cases/evil.in: symbolic link leads outside the package');
  });

  it("loads packages whose links outside lie in parts the judge never reads (DOMjudge's problem.pdf)", async () => {
    const outside = await temp.make('outside-');
    await writeTree(outside, { 'hello.pdf': '%PDF-1.4\n' });
    const folder = await temp.package({
      ...MINIMAL,
      'problem.pdf': { symlink: path.join(outside, 'hello.pdf') },
      'attachments/tool.py': { symlink: '../../../../../../usr/bin/python3' },
      'solution/notes.md': { symlink: '/nonexistent/notes.md' },
      'generators/gen.py': { symlink: '/etc/passwd' },
    });
    const problem = await loadProblemPackage(folder);
    expect(problem.submissions.map((s) => path.basename(s.path))).toEqual(['sol.py']);
  });

  it('reports a broken link inside the package', async () => {
    const error = await loadError({ ...MINIMAL, 'data/secret/2.in': { symlink: '../sample/missing.in' } });
    expect(error.code).toBe('PACKAGE_UNREADABLE');
    expect(error.message).toBe('data/secret/2.in: broken symbolic link');
  });

  it('refuses folder links that loop back to a parent', async () => {
    const error = await loadError({ ...MINIMAL, 'data/secret/again': { symlink: '..' } });
    expect(error.code).toBe('SYMLINK_LOOP');
    expect(error.message).toBe('data/secret/again: folder links back to one of its parents');
  });
});

describe('output validators', () => {
  it('finds a legacy validator folder of Kattis kind', async () => {
    const folder = await temp.package({
      ...CUSTOM,
      'output_validators/checker/validate.cpp': '#include <cstdio>\nint main() { return 42; }\n',
      'output_validators/checker/util.h': '#pragma once\n',
      'output_validators/checker/build': '#!/bin/sh\n',
    });
    const problem = await loadProblemPackage(folder);
    const dir = path.join(await realpath(folder), 'output_validators', 'checker');
    expect(problem.validation).toBe('custom');
    expect(problem.outputValidator).toEqual({
      dir,
      files: [path.join(dir, 'util.h'), path.join(dir, 'validate.cpp')],
      kind: 'kattis',
    });
  });

  it('detects testlib from a bundled testlib.h', async () => {
    const problem = await loadProblemPackage(
      await temp.package({
        ...CUSTOM,
        'output_validators/check/check.cpp': '#include "lib.h"\nint main() {}\n',
        'output_validators/check/testlib.h': '// testlib\n',
      }),
    );
    expect(problem.outputValidator?.kind).toBe('testlib');
  });

  it.each(['#include "testlib.h"', '#include <testlib.h>', '  #  include   "testlib.h"'])(
    'detects testlib from `%s`',
    async (include) => {
      const problem = await loadProblemPackage(
        await temp.package({ ...CUSTOM, 'output_validators/checker.cpp': `${include}\nint main() {}\n` }),
      );
      expect(problem.outputValidator?.kind).toBe('testlib');
    },
  );

  it('takes source files placed directly in output_validators/', async () => {
    const folder = await temp.package({ ...CUSTOM, 'output_validators/validate.py': 'import sys\nsys.exit(42)\n' });
    const problem = await loadProblemPackage(folder);
    const dir = path.join(await realpath(folder), 'output_validators');
    expect(problem.outputValidator).toEqual({ dir, files: [path.join(dir, 'validate.py')], kind: 'kattis' });
  });

  it('finds the 2023-07 output_validator/ folder without a validation key', async () => {
    const problem = await loadProblemPackage(
      await temp.package({
        ...MINIMAL,
        'problem.yaml': 'problem_format_version: 2023-07-draft\nname: New\n',
        'output_validator/validator.cpp': 'int main() { return 42; }\n',
      }),
    );
    expect(problem.validation).toBe('custom');
    expect(problem.validatorScores).toBe(false);
    expect(problem.outputValidator?.files.map((f) => path.basename(f))).toEqual(['validator.cpp']);
  });

  it('finds a program folder inside 2023-07 output_validator/, as problemtools does', async () => {
    const folder = await temp.package({
      ...MINIMAL,
      'problem.yaml': 'problem_format_version: 2023-07-draft\nname: Guess\ntype: interactive\n',
      'output_validator/guess_validator/validate.cc': '#include "validate.h"\n',
      'output_validator/guess_validator/validate.h': '#pragma once\n',
    });
    const problem = await loadProblemPackage(folder);
    expect(problem.interactive).toBe(true);
    expect(problem.outputValidator?.dir).toBe(path.join(await realpath(folder), 'output_validator', 'guess_validator'));
    expect(problem.outputValidator?.files.map((f) => path.basename(f))).toEqual(['validate.cc', 'validate.h']);
  });

  it('ignores a validator when problem.yaml asks for the default one', async () => {
    const problem = await loadProblemPackage(
      await temp.package({ ...MINIMAL, 'output_validators/check/check.cpp': 'int main() {}\n' }),
    );
    expect(problem.validation).toBe('default');
    expect(problem.outputValidator).toBeNull();
  });

  it('refuses validation: custom without a validator', async () => {
    const error = await loadError({ ...CUSTOM, 'output_validators/check/README': 'todo\n' });
    expect(error.code).toBe('VALIDATOR_MISSING');
    expect(error.message).toBe(
      'output_validators/: no output validator (C, C++ or Python sources) found, but problem.yaml says validation: custom',
    );
  });

  it('refuses a 2023-07 interactive problem without a validator', async () => {
    const error = await loadError({
      ...MINIMAL,
      'problem.yaml': 'problem_format_version: 2023-07-draft\nname: Guess\ntype: interactive\n',
    });
    expect(error.code).toBe('VALIDATOR_MISSING');
    expect(error.message).toMatch(/^output_validator\/: .* interactive problems need one$/);
  });
});

describe('submissions', () => {
  it('maps folders to expected verdicts and honours @EXPECTED_RESULTS@', async () => {
    const folder = await temp.package({
      ...MINIMAL,
      'submissions/accepted/sol.py': 'print(1)\n',
      'submissions/wrong_answer/off_by_one.cpp': 'int main() {}\n',
      'submissions/time_limit_exceeded/slow.py': '# @EXPECTED_RESULTS@: TIMELIMIT, wrong_answer\nwhile True: pass\n',
      'submissions/run_time_error/multi/main.cpp': '/* @EXPECTED_RESULTS@: RUN-ERROR */\n#include "helper.h"\n',
      'submissions/run_time_error/multi/helper.h': '#pragma once\n',
      'submissions/memory_limit_exceeded/big.c': 'int main() {}\n',
      'submissions/output_limit_exceeded/spam.py': 'print("x" * 10**9)\n',
      'submissions/compile_error/broken.cpp': 'int main( {\n',
      'submissions/partially_accepted/greedy.py': 'print(0)\n',
      'submissions/accepted/maybe.py': '# @EXPECTED_RESULTS@: CORRECT, tle\nprint(1)\n',
      'submissions/wrong_answer/silent.py': '# @EXPECTED_RESULTS@: NO-OUTPUT\n',
      'submissions/misc/unknown.py': 'print(2)\n',
      'submissions/accepted/.hidden.py': 'print(3)\n',
    });
    const problem = await loadProblemPackage(folder);
    const root = await realpath(folder);
    const seen = problem.submissions.map((s) => [path.relative(root, s.path), s.folder, s.expected]);
    expect(seen).toEqual([
      ['submissions/accepted/maybe.py', 'accepted', ['AC', 'TLE']],
      ['submissions/accepted/sol.py', 'accepted', ['AC']],
      ['submissions/compile_error/broken.cpp', 'compile_error', ['CE']],
      ['submissions/memory_limit_exceeded/big.c', 'memory_limit_exceeded', ['MLE']],
      // A folder nobody knows, without a tag: judged, nothing to compare with, and a warning says so.
      ['submissions/misc/unknown.py', 'misc', []],
      ['submissions/output_limit_exceeded/spam.py', 'output_limit_exceeded', ['OLE']],
      ['submissions/partially_accepted/greedy.py', 'partially_accepted', ['AC']],
      ['submissions/run_time_error/multi', 'run_time_error', ['RE']],
      ['submissions/time_limit_exceeded/slow.py', 'time_limit_exceeded', ['TLE', 'WA']],
      ['submissions/wrong_answer/off_by_one.cpp', 'wrong_answer', ['WA']],
      ['submissions/wrong_answer/silent.py', 'wrong_answer', ['WA']],
    ]);
    expect(problem.submissions.find((s) => s.folder === 'misc')?.warnings).toEqual([
      'no expected verdict: submissions/misc/ is not a folder the judge knows and no @EXPECTED_RESULTS@ tag says one',
    ]);
    expect(problem.submissions.filter((s) => s.warnings.length > 0)).toHaveLength(1);
  });

  it('parses DOMjudge names and verdict codes in any case', () => {
    expect(parseExpectedResults(' CORRECT, WRONG-ANSWER, TIMELIMIT, RUN-ERROR', 'x')).toEqual([
      'AC',
      'WA',
      'TLE',
      'RE',
    ]);
    expect(parseExpectedResults('compiler_error, output-limit, Memory_Limit', 'x')).toEqual(['CE', 'OLE', 'MLE']);
    expect(parseExpectedResults('ac, Wa, TLE, mle, ole, re, ce -->', 'x')).toEqual([
      'AC',
      'WA',
      'TLE',
      'MLE',
      'OLE',
      'RE',
      'CE',
    ]);
  });

  it('keeps a package with an unknown expected result, warning on that submission only', async () => {
    const problem = await loadProblemPackage(
      await temp.package({
        ...MINIMAL,
        'submissions/accepted/sol.py': '# @EXPECTED_RESULTS@: CORRECT, MAYBE\n',
        'submissions/accepted/other.py': '# @EXPECTED_RESULTS@: CHECK-MANUALLY\n',
        'submissions/wrong_answer/wa.py': 'print(0)\n',
      }),
    );
    const byName = Object.fromEntries(problem.submissions.map((s) => [path.basename(s.path), s]));
    expect(byName['sol.py']).toMatchObject({
      expected: ['AC'],
      warnings: ['submissions/accepted/sol.py: @EXPECTED_RESULTS@: unknown result "MAYBE", ignored'],
    });
    // No known name left: the folder decides.
    expect(byName['other.py']).toMatchObject({
      expected: ['AC'],
      warnings: ['submissions/accepted/other.py: @EXPECTED_RESULTS@: unknown result "CHECK-MANUALLY", ignored'],
    });
    expect(byName['wa.py']).toMatchObject({ expected: ['WA'], warnings: [] });
  });

  it('is empty without submissions/', async () => {
    const tree = { ...MINIMAL };
    delete tree['submissions/accepted/sol.py'];
    const problem = await loadProblemPackage(await temp.package(tree));
    expect(problem.submissions).toEqual([]);
  });
});

describe('statement', () => {
  it('prefers English Markdown, then language-less Markdown, then LaTeX', async () => {
    const folder = await temp.package({
      ...MINIMAL,
      'problem_statement/problem.en.tex': '\\problemname{X}\n',
      'problem_statement/problem.md': '# X\n',
      'problem_statement/problem.sv.md': '# X\n',
    });
    const problem = await loadProblemPackage(folder);
    expect(problem.statementPath).toBe(path.join(await realpath(folder), 'problem_statement', 'problem.md'));
  });

  it('finds a 2023-07 statement/ and falls back to another language', async () => {
    const folder = await temp.package({
      ...MINIMAL,
      'problem.yaml': 'problem_format_version: 2023-07-draft\nname: { sv: Hej }\n',
      'statement/problem.sv.md': '# Hej\n',
      'statement/image.png': 'png',
    });
    const problem = await loadProblemPackage(folder);
    expect(problem.name).toBe('Hej');
    expect(problem.statementPath).toBe(path.join(await realpath(folder), 'statement', 'problem.sv.md'));
  });

  it('finds the English LaTeX statement of a legacy package', async () => {
    const folder = await temp.package({ ...MINIMAL, 'problem_statement/problem.en.tex': '\\problemname{X}\n' });
    const problem = await loadProblemPackage(folder);
    expect(problem.statementPath).toBe(path.join(await realpath(folder), 'problem_statement', 'problem.en.tex'));
  });
});
