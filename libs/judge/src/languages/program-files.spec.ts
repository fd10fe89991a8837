import { beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionFile } from '@judge/contract';
import { LanguageRegistry, type LanguageDefinition } from './language-registry';
import { chooseProgram, type ProgramInput } from './program-files';

let registry: LanguageRegistry;
beforeAll(async () => {
  registry = await LanguageRegistry.load();
});

const lang = (id: string): LanguageDefinition => registry.find(id)!;
const files = (spec: Record<string, string>): SubmissionFile[] =>
  Object.entries(spec).map(([name, content]) => ({ name, content }));
const choose = (id: string, input: Partial<ProgramInput> & { files: SubmissionFile[] }) =>
  chooseProgram(lang(id), { single: false, ...input });

describe('every source file compiled together (C, C++, Go)', () => {
  it('gives the compiler the sources only; headers and other files go into the box', () => {
    const choice = choose('cpp', {
      files: files({ 'main.cc': 'int main(){}', 'message.cc': '', 'message.hpp': '', 'notes.txt': 'x' }),
    });
    expect(choice).toEqual({
      ok: true,
      program: {
        files: expect.arrayContaining([expect.objectContaining({ name: 'message.hpp' })]) as unknown,
        sources: ['main.cc', 'message.cc'],
      },
    });
    if (choice.ok)
      expect(choice.program.files.map((f) => f.name)).toEqual(['main.cc', 'message.cc', 'message.hpp', 'notes.txt']);
  });

  it('is a compile error when no file is a source of the language, naming the files', () => {
    const choice = choose('c', { files: files({ 'a.h': '', 'b.txt': '' }) });
    expect(choice).toEqual({
      ok: false,
      problem: expect.stringMatching(/no C .* source file among a\.h, b\.txt/) as unknown,
    });
  });
});

describe('an entry file (Python, JavaScript, Rust)', () => {
  const py = { 'helper.py': '', 'solve.py': '' };

  it('takes the entry point the submission names', () => {
    const choice = choose('python', { files: files(py), entryPoint: 'solve.py' });
    expect(choice.ok && choice.program.entry).toBe('solve.py');
  });

  it('refuses a named entry point that is not one of the files', () => {
    const choice = choose('python', { files: files(py), entryPoint: 'main.py' });
    expect(choice).toEqual({
      ok: false,
      problem: expect.stringContaining('main.py is not one of the files') as unknown,
    });
  });

  it('prefers __main__.py, then the file named like the folder, then main.py', () => {
    const all = { 'main.py': '', 'solver.py': '', '__main__.py': '' };
    expect(choose('python', { files: files(all), folder: 'solver' })).toMatchObject({
      program: { entry: '__main__.py' },
    });
    const noDunder = { 'main.py': '', 'solver.py': '' };
    expect(choose('python', { files: files(noDunder), folder: 'solver' })).toMatchObject({
      program: { entry: 'solver.py' },
    });
    expect(choose('python', { files: files(noDunder), folder: 'other' })).toMatchObject({
      program: { entry: 'main.py' },
    });
  });

  it('falls back to the first source by name, as DOMjudge and problemtools do', () => {
    expect(
      choose('javascript', { files: files({ 'hello.js': '', 'module.js': '', 'package.json': '{}' }) }),
    ).toMatchObject({ program: { entry: 'hello.js', sources: ['hello.js', 'module.js'] } });
  });

  it('lets a Python package have folders', () => {
    const choice = choose('python', { files: files({ '__main__.py': '', 'pkg/__init__.py': '', 'pkg/util.py': '' }) });
    expect(choice).toMatchObject({
      ok: true,
      program: { entry: '__main__.py', sources: ['__main__.py', 'pkg/__init__.py', 'pkg/util.py'] },
    });
  });

  it('starts Rust at main.rs, the crate root', () => {
    expect(choose('rust', { files: files({ 'geometry.rs': '', 'main.rs': '' }) })).toMatchObject({
      program: { entry: 'main.rs' },
    });
  });

  it('saves a single source under the language name, as before', () => {
    expect(choose('python', { files: files({ 'my solution.py': 'print(1)' }), single: true })).toMatchObject({
      program: { files: [{ name: 'main.py', content: 'print(1)' }], entry: 'main.py' },
    });
  });
});

describe('an entry class (Java, Kotlin)', () => {
  const main = 'public static void main(String[] args) {}';

  it('is the only class with a main method, with its package', () => {
    const choice = choose('java', {
      files: files({
        'A.java': 'package foo.bar.a;\npublic class A { public static void foo() {} }',
        'B.java': `package zoo.b;\nimport foo.bar.a.A;\npublic class B { ${main} }`,
      }),
    });
    expect(choice).toMatchObject({ ok: true, program: { className: 'zoo.b.B', sources: ['A.java', 'B.java'] } });
  });

  it('ignores main methods in comments and strings, and needs `public static void main(String...)`', () => {
    const choice = choose('java', {
      files: files({
        'hello.java': `// ${main}\npublic class hello { String s = "${main.replace(/"/g, '')}"; int main() { return 0; } }`,
      }),
    });
    expect(choice).toEqual({ ok: false, problem: 'no class has a main method in hello.java' });
  });

  it('is a compile error naming them when several classes have main, unless the submission names one', () => {
    const both = files({ 'a.java': `public class a { ${main} }`, 'b.java': `public class b { ${main} }` });
    expect(choose('java', { files: both })).toEqual({
      ok: false,
      problem: 'several classes have a main method (a in a.java, b in b.java): name the entry point',
    });
    expect(choose('java', { files: both, entryPoint: 'b' })).toMatchObject({ program: { className: 'b' } });
    expect(choose('java', { files: both, entryPoint: 'b.java' })).toMatchObject({ program: { className: 'b' } });
  });

  it('saves a single Java source as its public class, and runs the class with main', () => {
    const code = `public class Solution { }\nclass Runner { ${main} }`;
    expect(choose('java', { files: files({ 'x.java': code }), single: true })).toMatchObject({
      program: { files: [{ name: 'Solution.java' }], className: 'Runner' },
    });
    expect(choose('java', { files: files({ 'x.java': `class Main { ${main} }` }), single: true })).toMatchObject({
      program: { files: [{ name: 'Main.java' }], className: 'Main' },
    });
  });

  it('names a Kotlin file class after the file, with its package', () => {
    const choice = choose('kotlin', {
      files: files({
        'util.kt': 'package app\nfun twice(x: Int) = 2 * x',
        'hello-world.kt': 'package app\n\nfun main() { println(twice(1)) }',
      }),
    });
    expect(choice).toMatchObject({ ok: true, program: { className: 'app.Hello_worldKt' } });
    expect(choose('kotlin', { files: files({ 'x.kt': 'fun main() {}' }), single: true })).toMatchObject({
      program: { files: [{ name: 'main.kt' }], className: 'MainKt' },
    });
  });
});

describe("a package's include/ files", () => {
  it('are added, replace submission files of the same name, and may be the entry point', () => {
    const choice = choose('python', {
      files: files({ 'solution.py': 'def solve(): pass', 'grader.py': 'cheat' }),
      included: files({ 'grader.py': 'real grader', '__main__.py': 'import solution' }),
    });
    expect(choice).toMatchObject({
      ok: true,
      program: {
        entry: '__main__.py',
        files: [
          { name: '__main__.py', content: 'import solution' },
          { name: 'grader.py', content: 'real grader' },
          { name: 'solution.py', content: 'def solve(): pass' },
        ],
      },
    });
  });
});
