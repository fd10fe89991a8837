import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { javaClassName } from './java-class-name';
import {
  expandCommand,
  languageEditorMode,
  languageEnv,
  LanguageRegistry,
  type ResolvedLanguage,
} from './language-registry';

describe('shipped language definitions', () => {
  it('load, and include the languages the judge promises', async () => {
    const registry = await LanguageRegistry.load();
    expect(registry.definitions.map((l) => l.id)).toEqual([
      'c',
      'cpp',
      'python',
      'java',
      'javascript',
      'rust',
      'go',
      'kotlin',
      'pascal',
      'bash',
      'sh',
      'perl',
      'awk',
      'ruby',
      'php',
      'lua',
      'r',
      'haskell',
      'ocaml',
      'prolog',
      'ada',
      'fortran',
      'csharp',
      'scala',
      'lisp',
      'javascript-module',
    ]);
    expect(registry.byFileName('Main.java')?.id).toBe('java');
    expect(registry.byFileName('a.CPP')?.id).toBe('cpp');
    expect(registry.byFileName('a.txt')).toBeUndefined();
  });

  it('compile C17 and C++20 with -O2', async () => {
    const registry = await LanguageRegistry.load();
    expect(registry.find('c')?.compile).toEqual(expect.arrayContaining(['-std=c17', '-O2']));
    expect(registry.find('cpp')?.compile).toEqual(expect.arrayContaining(['-std=c++20', '-O2']));
  });

  it('name the editor grammar and the plagiarism family of each language', async () => {
    const registry = await LanguageRegistry.load();
    const fields = Object.fromEntries(registry.definitions.map((l) => [l.id, [l.editor, l.plagiarism]]));
    expect(fields).toEqual({
      c: ['cpp', 'c'],
      cpp: ['cpp', 'c'],
      python: ['python', 'python'],
      java: ['java', 'java'],
      javascript: ['javascript', 'javascript'],
      rust: ['rust', 'rust'],
      go: ['go', 'go'],
      // Highlighted with Java's grammar, but tokenized (and compared) as Kotlin.
      kotlin: ['java', 'kotlin'],
      pascal: [undefined, undefined],
      bash: [undefined, undefined],
      sh: [undefined, undefined],
      perl: [undefined, undefined],
      awk: [undefined, undefined],
      ruby: [undefined, undefined],
      php: [undefined, undefined],
      lua: [undefined, undefined],
      r: [undefined, undefined],
      haskell: [undefined, undefined],
      ocaml: [undefined, undefined],
      prolog: [undefined, undefined],
      ada: [undefined, undefined],
      fortran: [undefined, undefined],
      csharp: ['java', 'java'],
      scala: ['java', 'java'],
      lisp: [undefined, undefined],
      'javascript-module': ['javascript', 'javascript'],
    });
  });

  it("take DOMjudge's file extensions: .pl is Perl and .plg Prolog, .R is R, .mjs a JavaScript module", async () => {
    const registry = await LanguageRegistry.load();
    const byName = (name: string) => registry.byFileName(name)?.id;
    expect(byName('test-hello.pl')).toBe('perl');
    expect(byName('test-hello.plg')).toBe('prolog');
    expect(byName('test-hello.R')).toBe('r');
    expect(byName('test-hello.p')).toBe('pascal');
    expect(byName('test-hello.f90')).toBe('fortran');
    expect(byName('test-hello.bash')).toBe('bash');
    expect(byName('test-hello.sh')).toBe('sh');
    expect(byName('main.mjs')).toBe('javascript-module');
    // Only .pl belongs to two languages, told apart by what the file holds.
    const extensions = registry.definitions.flatMap((l) => l.extensions);
    expect(extensions.filter((e, i) => extensions.indexOf(e) !== i)).toEqual(['pl']);
  });

  it('read a .pl file with Prolog clauses or directives as Prolog (problemtools), any other as Perl (DOMjudge)', async () => {
    const registry = await LanguageRegistry.load();
    const byContent = (content: string) => registry.byFileName('different.pl', content)?.id;
    expect(byContent('[kattio].\n\nmain :-\n    read_int(X),\n    write(X), nl.\n')).toBe('prolog');
    expect(byContent(':- initialization(main).\nmain :- write(hello), nl.\n')).toBe('prolog');
    expect(byContent('solve(X, Y) :- Y is X * 2.\n')).toBe('prolog');
    expect(byContent('#!/usr/bin/perl\nuse strict;\nprint "Hello world!\\n";\n')).toBe('perl');
    expect(byContent('my %h = (a => 1);\nprint $h{a} ? "yes" : "no";\n')).toBe('perl');
    expect(registry.byFileName('different.pl')?.id).toBe('perl');
  });

  it('say how to show their version and which Debian packages provide them', async () => {
    const registry = await LanguageRegistry.load();
    for (const l of registry.definitions) {
      expect(l.versionArgs, l.id).toBeDefined();
      expect(l.packages, l.id).toBeDefined();
    }
    expect(registry.definitions.filter((l) => l.installByDefault).map((l) => l.id)).toEqual([
      'c',
      'cpp',
      'python',
      'java',
      'javascript',
    ]);
  });

  it('are read the same by scripts/setup.sh, which has no YAML parser', async () => {
    const registry = await LanguageRegistry.load();
    const script = join(__dirname, '..', '..', '..', '..', 'scripts', 'language-packages.sh');
    const lines = execFileSync('bash', [script], { encoding: 'utf8' }).trim().split('\n');
    const fromScript = lines.map((line) => {
      const [id, byDefault, ...packages] = line.split(/\s+/).filter(Boolean);
      return { id, byDefault: byDefault === 'yes', packages };
    });
    expect(fromScript).toEqual(
      registry.definitions.map((l) => ({ id: l.id, byDefault: l.installByDefault ?? false, packages: l.packages })),
    );
  });

  it('an unknown language is an error that lists the available ones', async () => {
    const registry = await LanguageRegistry.load();
    await expect(registry.resolve('cobol')).rejects.toThrow(/unknown language "cobol"; available here: .*c/);
  });
});

describe('language files', () => {
  const minimal = (extra: string) =>
    `- id: brainfuck\n  name: Brainfuck\n  extensions: [bf]\n  tools: { bf: [/usr/bin/bf] }\n` +
    `  source: main.bf\n  run: ['{tool:bf}', main.bf]\n${extra}`;

  async function load(text: string): Promise<LanguageRegistry> {
    const dir = await mkdtemp(join(tmpdir(), 'languages-'));
    try {
      await writeFile(join(dir, 'languages.yaml'), text);
      return await LanguageRegistry.load(join(dir, 'languages.yaml'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('read editor and plagiarism, and default to plain highlighting and no family', async () => {
    const plain = (await load(minimal(''))).find('brainfuck')!;
    expect(plain.editor).toBeUndefined();
    expect(plain.plagiarism).toBeUndefined();
    expect(languageEditorMode(plain)).toBe('plain');

    const named = (await load(minimal('  editor: cpp\n  plagiarism: c\n'))).find('brainfuck')!;
    expect(languageEditorMode(named)).toBe('cpp');
    expect(named.plagiarism).toBe('c');
  });

  it('refuse an editor mode or a family that has no implementation, naming the field', async () => {
    await expect(load(minimal('  editor: brainfuck\n'))).rejects.toThrow(/languages\.yaml: 0\.editor: /);
    await expect(load(minimal('  plagiarism: cobol\n'))).rejects.toThrow(/languages\.yaml: 0\.plagiarism: /);
  });
});

describe('versions', () => {
  const shell = (versionArgs: string[]) =>
    ({
      id: 'sh',
      name: 'sh',
      extensions: ['sh'],
      tools: {},
      toolPaths: { sh: '/bin/sh' },
      source: 'main.sh',
      run: ['{tool:sh}', 'main.sh'],
      versionArgs,
    }) as ResolvedLanguage;

  it('are the first line with a version number, on stdout or stderr, after any warning', async () => {
    const registry = new LanguageRegistry([]);
    const warned = shell(['{tool:sh}', '-c', 'echo "VM warning: an option is deprecated" >&2; echo "tool  1.2.3" >&2']);
    expect(await registry.version(warned)).toBe('tool 1.2.3');
    expect(await registry.version(shell(['{tool:sh}', '-c', 'echo; echo Tool version 7']))).toBe('Tool version 7');
  });

  it('are absent when the language has no command, or it prints nothing', async () => {
    const registry = new LanguageRegistry([]);
    expect(await registry.version({ ...shell([]), versionArgs: undefined })).toBeNull();
    expect(await registry.version(shell(['{tool:sh}', '-c', 'exit 3']))).toBeNull();
  });
});

describe('command placeholders', () => {
  const java = {
    id: 'java',
    name: 'Java',
    extensions: ['java'],
    tools: {},
    toolPaths: { java: '/usr/lib/jvm/x/bin/java' },
    source: '{className}.java',
    run: ['{tool:java}', '-Xmx{heapMb}m', '-Xss{stackMb}m', '-cp', '.', '{className}'],
  } as ResolvedLanguage;

  it('fill tools, memory and class names, also inside words', () => {
    expect(expandCommand(java.run, java, { sources: ['Sum.java'], className: 'Sum', memoryMb: 256 })).toEqual([
      '/usr/lib/jvm/x/bin/java',
      '-Xmx192m',
      '-Xss256m',
      '-cp',
      '.',
      'Sum',
    ]);
  });

  it('expand {sources} into every source file', () => {
    expect(expandCommand(['cc', '{sources}'], java, { sources: ['a.c', 'b.c'], memoryMb: 1 })).toEqual([
      'cc',
      'a.c',
      'b.c',
    ]);
  });

  it('refuse an unknown placeholder', () => {
    expect(() => expandCommand(['{nope}'], java, { sources: [], memoryMb: 1 })).toThrow(/unknown placeholder/);
  });

  it('fill tools in environment values, after the fixed variables', () => {
    const kotlin = { ...java, env: { JAVACMD: '{tool:java}', JAVA_OPTS: '-Xmx1g', HOME: '/box' } };
    expect(languageEnv(kotlin)).toEqual({
      PATH: '/usr/local/bin:/usr/bin:/bin',
      HOME: '/box',
      LANG: 'C.UTF-8',
      TMPDIR: '/tmp',
      JAVACMD: '/usr/lib/jvm/x/bin/java',
      JAVA_OPTS: '-Xmx1g',
    });
    expect(() => languageEnv({ ...java, env: { X: '{tool:kotlinc}' } })).toThrow(
      /unknown placeholder \{tool:kotlinc\}/,
    );
  });
});

describe('Java class names', () => {
  it('take the public class', () => {
    expect(
      javaClassName(
        'import java.util.*;\nclass Helper {}\npublic final class Solution { public static void main(String[] a) {} }',
      ),
    ).toBe('Solution');
  });

  it('ignore classes named in comments and strings', () => {
    expect(
      javaClassName(
        '// public class Fake\n/* public class Other */\npublic class Real { String s = "public class Str"; }',
      ),
    ).toBe('Real');
  });

  it('fall back to the first class when none is public', () => {
    expect(javaClassName('class Main { public static void main(String[] a) {} }')).toBe('Main');
    expect(javaClassName('int x;')).toBeNull();
  });
});
