import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { MINIMAL, TempDirs, writeTree } from './__fixtures__/tree';
import { findStatementPdf, listStatementFiles, loadProblemPackage, readStatementFile } from './index';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

const names = (files: { name: string }[]) => files.map((f) => f.name);

describe('the files of a statement', () => {
  it('lists the regular files of the statement folder and its sub-folders, never a link, pipe or hidden file', async () => {
    const outside = await temp.make('outside-');
    await writeTree(outside, { 'secret.png': 'not for contestants' });
    const folder = await temp.package({
      ...MINIMAL,
      'statement/problem.en.md': '# Hello\n\n![a cave](cave.png)\n',
      'statement/cave.png': 'png bytes',
      'statement/img/plot.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'statement/.hidden.png': 'hidden',
      // A link inside the package (the loader accepts it) and one out of it: neither is a file of the statement.
      'statement/answer.png': { symlink: '../data/secret/1.ans' },
      'statement/linked': { symlink: '../data/secret' },
      'statement/outside.png': { symlink: path.join(outside, 'secret.png') },
    });
    await promisify(execFile)('mkfifo', [path.join(folder, 'statement', 'pipe.png')]);
    const files = await listStatementFiles(folder, path.join(folder, 'statement', 'problem.en.md'));
    expect(names(files)).toEqual(['cave.png', 'img/plot.svg', 'problem.en.md']);
    expect(files[0].bytes).toBe('png bytes'.length);
  });

  it('uses the folder that holds the statement, else the first statement folder there is', async () => {
    const folder = await temp.package({
      ...MINIMAL,
      'problem_statement/problem.tex': '\\problemname{Hello}',
      'problem_statement/fig.png': 'x',
      'statement/other.png': 'y',
    });
    const problem = await loadProblemPackage(folder);
    expect(names(await listStatementFiles(problem.root, problem.statementPath))).toEqual(['fig.png', 'problem.tex']);
    expect(names(await listStatementFiles(folder, null))).toEqual(['other.png']);
    expect(await listStatementFiles(await temp.package(MINIMAL), null)).toEqual([]);
  });

  it('a statement folder that is a link is not entered', async () => {
    const folder = await temp.package({ ...MINIMAL, 'pictures/fig.png': 'x', statement: { symlink: 'pictures' } });
    expect(await listStatementFiles(folder, null)).toEqual([]);
  });

  it('finds the statement PDF in the statement folders, then at the root, as a regular file only', async () => {
    const modern = await temp.package({
      ...MINIMAL,
      'statement/problem.en.pdf': '%PDF-en',
      'problem.pdf': '%PDF-root',
    });
    expect(await findStatementPdf(modern)).toMatchObject({ name: 'problem.en.pdf' });

    const domjudge = await temp.package({ ...MINIMAL, 'problem.pdf': '%PDF-root' });
    expect(await findStatementPdf(domjudge)).toMatchObject({ name: 'problem.pdf', bytes: 9 });

    const swedish = await temp.package({ ...MINIMAL, 'problem_statement/problem.sv.pdf': '%PDF-sv' });
    expect(await findStatementPdf(swedish)).toMatchObject({ name: 'problem.sv.pdf' });

    // DOMjudge's example problems link problem.pdf to a file outside the package: that is no statement PDF.
    const outside = await temp.make('outside-');
    await writeFile(path.join(outside, 'hello.pdf'), '%PDF-outside');
    const linked = await temp.package({ ...MINIMAL, 'problem.pdf': { symlink: path.join(outside, 'hello.pdf') } });
    expect(await findStatementPdf(linked)).toBeNull();
    const inside = await temp.package({ ...MINIMAL, 'doc/s.pdf': '%PDF', 'problem.pdf': { symlink: 'doc/s.pdf' } });
    expect(await findStatementPdf(inside)).toBeNull();
  });

  it('reads a listed file, but not once it has become a link or grown past the cap', async () => {
    const folder = await temp.package({
      ...MINIMAL,
      'statement/fig.png': 'picture',
      'statement/big.png': '0123456789',
    });
    const [big, fig] = await listStatementFiles(folder, null);
    expect((await readStatementFile(fig, 100))?.toString()).toBe('picture');
    expect(await readStatementFile(big, 5)).toBeNull();
    await writeTree(folder, { 'statement/swapped.png': { symlink: 'fig.png' } });
    expect(await readStatementFile({ ...fig, path: path.join(folder, 'statement', 'swapped.png') }, 100)).toBeNull();
  });
});
