import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseTimeLimitFile } from './time-limit';
import {
  addTestCase,
  allTestCases,
  countTestCases,
  formatTimeLimitFile,
  loadPackageHeader,
  loadProblemPackage,
  removeTestCase,
  replaceTestCase,
  writeOutputValidator,
  writeProblemYaml,
  writeStatement,
  writeTestDataFolders,
  writeTimeLimitFile,
} from './index';

let root: string;

beforeEach(async () => {
  root = path.join(await mkdtemp(path.join(os.tmpdir(), 'write-spec-')), 'problem');
  await mkdir(root);
});

afterEach(async () => {
  await rm(path.dirname(root), { recursive: true, force: true });
});

describe('writing a package folder, read back by the one loader', () => {
  it('a problem without tests yet: its header reads back name, limits and statement', async () => {
    await writeProblemYaml(root, { name: 'Add: Two', validation: 'default', memoryMb: 256 });
    await writeTimeLimitFile(root, 1500);
    await writeStatement(root, '# Add Two\n');
    await writeTestDataFolders(root);
    const header = await loadPackageHeader(root);
    expect(header).toMatchObject({ name: 'Add: Two', type: 'pass-fail', interactive: false });
    expect(header.limits).toMatchObject({ timeLimitMs: 1500, timeLimitSource: '.timelimit', memoryMb: 256 });
    expect(await readFile(header.statementPath!, 'utf8')).toBe('# Add Two\n');
    expect(await countTestCases(root)).toBe(0);
  });

  it('tests added, replaced and removed; a custom validator with flags', async () => {
    await writeProblemYaml(root, { name: 'X', validation: 'custom', validatorFlags: 'case_sensitive', memoryMb: 64 });
    await writeOutputValidator(root, 'checker', 'checker.py', 'print(1)\n');
    await writeTestDataFolders(root);
    expect(await addTestCase(root, { sample: true }, '1\n', '1\n')).toBe('sample/01');
    expect(await addTestCase(root, { sample: false, group: 'big' }, '2\n', '2\n')).toBe('secret/big/01');
    expect(await addTestCase(root, { sample: false, group: 'big' }, '3\n', '3\n')).toBe('secret/big/02');
    expect(await replaceTestCase(root, 'secret/big/01', '4\n', '4\n')).toBe(true);
    expect(await removeTestCase(root, 'secret/big/02')).toBe(true);
    expect(await removeTestCase(root, 'secret/big/02')).toBe(false);
    expect(await replaceTestCase(root, 'secret/../../etc', 'x', 'x')).toBe(false);
    // The freed number is taken again.
    expect(await addTestCase(root, { sample: false, group: 'big' }, '5\n', '5\n')).toBe('secret/big/02');

    const problem = await loadProblemPackage(root);
    expect(problem.validation).toBe('custom');
    expect(problem.validatorFlags).toEqual(['case_sensitive']);
    expect(problem.limits.memoryMb).toBe(64);
    expect(problem.limits.timeLimitMs).toBeNull();
    const tests = allTestCases(problem.data);
    expect(tests.map((t) => t.name)).toEqual(['sample/01', 'secret/big/01', 'secret/big/02']);
    expect(await readFile(tests[1].inputPath, 'utf8')).toBe('4\n');
    expect(await countTestCases(root)).toBe(3);
  });

  it('refuses names that would leave the package', async () => {
    await expect(addTestCase(root, { sample: false, group: '../x' }, '', '')).rejects.toThrow(RangeError);
    await expect(writeOutputValidator(root, 'checker', '../x.py', '')).rejects.toThrow(RangeError);
  });
});

describe('.timelimit', () => {
  it.each([1000, 1500, 100, 60_000, 1234])('%i ms is written as seconds and read back exactly', (ms) => {
    expect(parseTimeLimitFile(formatTimeLimitFile(ms))).toBe(ms);
  });

  it('refuses what no .timelimit can say', () => {
    expect(() => formatTimeLimitFile(0)).toThrow(RangeError);
    expect(() => formatTimeLimitFile(1.5)).toThrow(RangeError);
  });
});
