import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProblemPackage } from './load';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

describe('submissions of several files and included files, as loaded', () => {
  it('a folder under submissions/ is one submission, with the entry point submissions.json gives it', async () => {
    const problem = await loadProblemPackage(join(FIXTURES, 'multifile-problem'));
    const byName = new Map(problem.submissions.map((s) => [s.path.slice(problem.root.length + 1), s]));
    expect(byName.get('submissions/accepted/python-entry')).toMatchObject({
      path: join(problem.root, 'submissions/accepted/python-entry'),
      folder: 'accepted',
      expected: ['AC'],
      entryPoint: 'solve.py',
    });
    expect(byName.get('submissions/accepted/python-package')?.entryPoint).toBeUndefined();
    // Files inside a folder are never submissions of their own.
    expect([...byName.keys()].filter((p) => p.includes('python-package/'))).toEqual([]);
  });

  it('include/<code>/ lists its files by folder, names below it kept', async () => {
    const problem = await loadProblemPackage(join(FIXTURES, 'include-problem'));
    const names = Object.fromEntries(
      Object.entries(problem.includes ?? {}).map(([code, files]) => [code, files.map((f) => f.name)]),
    );
    expect(names).toEqual({
      cpp: ['grader.cpp', 'grader.h'],
      default: ['README.txt'],
      python3: ['grader.py'],
    });
    expect(problem.includes?.cpp[0].path).toBe(join(problem.root, 'include', 'cpp', 'grader.cpp'));
  });
});
