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
    });
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
