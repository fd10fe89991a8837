import { describe, expect, it } from 'vitest';
import { javaClassName } from './java-class-name';
import { expandCommand, languageEnv, LanguageRegistry, type ResolvedLanguage } from './language-registry';

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

  it('an unknown language is an error that lists the available ones', async () => {
    const registry = await LanguageRegistry.load();
    await expect(registry.resolve('cobol')).rejects.toThrow(/unknown language "cobol"; available here: .*c/);
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
