import { describe, expect, it } from 'vitest';
import type { LanguageInfo } from '@judge/judge';
import { languagesTable, shortVersion, wrap } from './languages-table';

// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** What this machine's `judge languages --json` said of some of the shipped languages, and one missing compiler. */
const INFOS: LanguageInfo[] = [
  {
    id: 'cpp',
    name: 'C++ (GCC, C++20)',
    extensions: ['cpp', 'cc', 'cxx', 'c++'],
    available: true,
    detail: '/usr/bin/x86_64-linux-gnu-g++-12',
    version: 'x86_64-linux-gnu-g++-12 (Debian 12.2.0-14+deb12u1) 12.2.0',
  },
  {
    id: 'scala',
    name: 'Scala (JVM)',
    extensions: ['scala'],
    available: true,
    detail:
      '/usr/share/scala-2.11/bin/scalac, /usr/share/java/scala-library-2.11.12.jar, /usr/lib/jvm/java-17-openjdk-amd64/bin/java',
    version: 'Scala compiler version 2.11.12 -- Copyright 2002-2017, LAMP/EPFL',
  },
  {
    id: 'csharp',
    name: 'C# (Mono)',
    extensions: ['cs', 'csharp'],
    available: true,
    detail: '/usr/lib/mono/4.5/mcs.exe, /usr/bin/mono-sgen',
    version: 'Mono JIT compiler version 6.8.0.105 (Debian 6.8.0.105+dfsg-3.3+deb12u1 Sat Jun 21 16:33:59 UTC 2025)',
  },
  {
    id: 'javascript-module',
    name: 'JavaScript (Node.js, ES module)',
    extensions: ['mjs'],
    available: true,
    detail: '/usr/bin/node',
    version: 'v20.20.2',
  },
  {
    id: 'kotlin',
    name: 'Kotlin (JVM)',
    extensions: ['kt'],
    available: false,
    detail:
      'kotlinc not found at /usr/bin/kotlinc or /usr/share/kotlin/kotlinc/bin/kotlinc or /usr/local/lib/kotlinc/bin/kotlinc-with-a-long-folder-name',
  },
];

describe('judge languages', () => {
  it('fits an 80-column terminal, and a narrower one', () => {
    for (const columns of [80, 60]) {
      const lines = plain(languagesTable(INFOS, columns)).split('\n');
      expect(lines.filter((line) => line.length > columns)).toEqual([]);
    }
    expect(
      plain(languagesTable(INFOS))
        .split('\n')
        .filter((line) => line.length > 80),
    ).toEqual([]);
  });

  it('shows each language with its version number, and why a missing one is missing', () => {
    const text = plain(languagesTable(INFOS));
    expect(text).toMatch(/^id\s+name\s+extensions\s+version$/m);
    expect(text).toMatch(/^cpp\s+C\+\+ \(GCC, C\+\+20\)\s+\.cpp \.cc \.cxx \.c\+\+\s+12\.2\.0$/m);
    expect(text).toMatch(/^csharp\s+C# \(Mono\)\s+\.cs \.csharp\s+6\.8\.0\.105$/m);
    expect(text).toMatch(/^kotlin\s+Kotlin \(JVM\)\s+\.kt\s+missing$/m);
    expect(text).toContain('4 of 5 languages can run here.');
    expect(text).toContain('  kotlin: kotlinc not found at /usr/bin/kotlinc');
  });

  it('takes the version number out of a version line', () => {
    expect(shortVersion('openjdk version "17.0.15" 2025-04-15')).toBe('17.0.15');
    expect(shortVersion('go version go1.19.8 linux/amd64')).toBe('1.19.8');
    expect(shortVersion('v20.20.2')).toBe('20.20.2');
    expect(shortVersion(undefined)).toBe('');
  });

  it('wraps text at words, and cuts a word longer than a line', () => {
    expect(wrap('a bb ccc', 4)).toEqual(['a bb', 'ccc']);
    expect(wrap('abcdefgh', 5, '  ')).toEqual(['  abc', '  def', '  gh']);
    expect(wrap('one two three', 8, '- ', '    ')).toEqual(['- one', '    two', '    thre', '    e']);
  });
});
