import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LexerFamily } from '@judge/contract';
import {
  comparePrograms,
  compareTwo,
  comparisonGroup,
  tokenize,
  winnow,
  type MatchRegion,
  type ProgramInput,
  type ProgramLanguage,
} from './index';

const DATA = join(__dirname, '..', 'test-data');
/** test-data/<folder>: the language of its programs, with its family as languages.yaml names it. */
const LANGUAGES: Record<string, ProgramLanguage> = {
  cpp: { language: 'cpp', family: 'c' },
  python: { language: 'python', family: 'python' },
  java: { language: 'java', family: 'java' },
};

const kinds = (source: string, family: LexerFamily | undefined) => tokenize(source, family).map((t) => t.kind);

describe('tokenizer', () => {
  it('C++: renamed identifiers, other comments, other braces and spacing give the same tokens', () => {
    const original = `
      // sum of squares
      int sumSquares(const vector<int>& v) {
        int total = 0;   /* running sum */
        for (int x : v) total += x * x;
        return total;
      }`;
    const disguised = `int f(const vector<int> &values)
{
    int s=0;
    for(int value:values)
        s+=value*value; // squares
    return s;
}`;
    expect(kinds(disguised, 'c')).toEqual(kinds(original, 'c'));
    expect(kinds(original, 'c').slice(0, 4)).toEqual(['int', 'ID', '(', 'const']);
  });

  it('maps literals to kinds and keeps the line and offset of each token', () => {
    const source = 'int main() {\n  printf("%d\\n", 42);\n  char c = \'x\';\n}\n';
    const tokens = tokenize(source, 'c');
    expect(tokens.map((t) => t.kind)).toEqual([
      'int',
      'ID',
      '(',
      ')',
      '{',
      'ID',
      '(',
      'STR',
      ',',
      'NUM',
      ')',
      ';',
      'char',
      'ID',
      '=',
      'STR',
      ';',
      '}',
    ]);
    const number = tokens.find((t) => t.kind === 'NUM');
    expect(number?.line).toBe(2);
    expect(source.slice(number?.offset, (number?.offset ?? 0) + 2)).toBe('42');
  });

  it('Python: indentation is structure, its width and the comments are not', () => {
    const four = 'def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n';
    const two =
      '# sums\ndef g(items):\n  """Adds them up."""\n  acc = 0\n\n  for i in items:  # each\n    acc += i\n  return acc';
    expect(kinds(two, 'python')).toEqual(kinds(four, 'python'));
    expect(kinds(four, 'python')).toEqual(
      [
        'def',
        'ID',
        '(',
        'ID',
        ')',
        ':',
        'NEWLINE',
        'INDENT',
        'ID',
        '=',
        'NUM',
        'NEWLINE',
        'for',
        'ID',
        'in',
        'ID',
      ].concat([':', 'NEWLINE', 'INDENT', 'ID', '+=', 'ID', 'NEWLINE', 'DEDENT', 'return', 'ID', 'NEWLINE', 'DEDENT']),
    );
    // Dedenting differently is a different program.
    const outside = 'def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n        return total\n';
    expect(kinds(outside, 'python')).not.toEqual(kinds(four, 'python'));
  });

  it('Python: a body on the header line, brackets over lines and `;` read as the plain layout', () => {
    const plain = 'while q:\n    if x == y:\n        break\n    z = f(a, b)\n    w = 1\n';
    const compact = 'while q:\n    if x == y: break\n    z = f(a,\n          b); w = 1\n';
    expect(kinds(compact, 'python')).toEqual(kinds(plain, 'python'));
    const lambda = 'key = lambda p: p[1]\n';
    expect(kinds(lambda, 'python')).toEqual(['ID', '=', 'lambda', 'ID', ':', 'ID', '[', 'NUM', ']', 'NEWLINE']);
  });

  it('other families: raw strings, lifetimes, template literals, nested comments, optional semicolons', () => {
    expect(kinds('let s = r#"a "quoted" b"#; let c = \'x\'; fn f<\'a>(x: &\'a str) {}', 'rust')).toEqual(
      ['let', 'ID', '=', 'STR', ';', 'let', 'ID', '=', 'STR', ';', 'fn', 'ID', '<', "'", 'ID', '>', '(', 'ID'].concat([
        ':',
        '&',
        "'",
        'ID',
        'ID',
        ')',
        '{',
        '}',
      ]),
    );
    expect(kinds('/* a /* nested */ comment */ fun main() {}', 'kotlin')).toEqual(['fun', 'ID', '(', ')', '{', '}']);
    expect(kinds('const s = `a ${b + `c`} d`;\nlet x = 1', 'javascript')).toEqual(
      kinds('const t = "x"\nlet y = 2;', 'javascript'),
    );
    expect(kinds('x := `raw\nstring`; y := 0x1F', 'go')).toEqual(['ID', ':=', 'STR', 'ID', ':=', 'NUM']);
    expect(kinds('String s = """\n  text\n  """; int n = 1_000;', 'java')).toEqual([
      'ID',
      'ID',
      '=',
      'STR',
      ';',
      'int',
      'ID',
      '=',
      'NUM',
      ';',
    ]);
    expect(kinds('x = 1 # not a comment here', undefined)).toEqual(['ID', '=', 'NUM', '#', 'ID', 'ID', 'ID', 'ID']);
  });

  it('C and C++ are one family; a language without a family is compared only with itself', () => {
    expect(comparisonGroup({ language: 'c', family: 'c' })).toBe(comparisonGroup({ language: 'cpp', family: 'c' }));
    expect(comparisonGroup({ language: 'java', family: 'java' })).not.toBe(
      comparisonGroup({ language: 'kotlin', family: 'kotlin' }),
    );
    expect(comparisonGroup({ language: 'mystery' })).not.toBe(comparisonGroup({ language: 'other' }));
  });
});

describe('winnowing', () => {
  it('any shared run of w + k − 1 tokens gives a shared fingerprint', () => {
    // Pseudo-random token streams with a shared run of exactly the guarantee threshold in the middle.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const stream = (n: number) =>
      Array.from({ length: n }, () => ({ kind: `t${Math.floor(random() * 20)}`, line: 1, offset: 0 }));
    const options = { k: 12, w: 5 };
    for (let trial = 0; trial < 50; trial++) {
      const shared = stream(options.k + options.w - 1);
      const a = [...stream(40), ...shared, ...stream(40)];
      const b = [...stream(25), ...shared, ...stream(60)];
      const hashesOf = (tokens: typeof a) => new Set(winnow(tokens, options).map((f) => f.hash));
      const hb = hashesOf(b);
      expect([...hashesOf(a)].some((h) => hb.has(h))).toBe(true);
    }
  });

  it('a program shorter than k tokens still has one fingerprint', () => {
    const tokens = tokenize('print(1)', 'python');
    expect(winnow(tokens, { k: 12, w: 5 })).toHaveLength(1);
  });
});

interface Case {
  language: ProgramLanguage;
  problem: string;
  files: Map<string, string>;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const folder of readdirSync(DATA).filter((f) => LANGUAGES[f])) {
    for (const problem of readdirSync(join(DATA, folder))) {
      const files = new Map<string, string>();
      for (const name of readdirSync(join(DATA, folder, problem)))
        files.set(name.replace(/\.\w+$/, ''), readFileSync(join(DATA, folder, problem, name), 'utf8'));
      if (files.size > 0) out.push({ language: LANGUAGES[folder], problem: `${folder}/${problem}`, files });
    }
  }
  return out;
}

/** Share of the lines holding code in `source` that regions cover (on side `side`). */
function coverage(source: string, language: ProgramLanguage, regions: MatchRegion[], side: 'a' | 'b'): number {
  const lines = new Set(tokenize(source, language.family).map((t) => t.line));
  const covered = [...lines].filter((line) =>
    regions.some((r) => r[side].startLine <= line && line <= r[side].endLine),
  );
  return covered.length / lines.size;
}

describe('copies against independent solutions (test-data/)', () => {
  const all = cases();

  it('has C++ and Python programs of three problems and Java of one, each with a disguised copy', () => {
    expect(all.filter((c) => c.language.language === 'cpp')).toHaveLength(3);
    expect(all.filter((c) => c.language.language === 'python')).toHaveLength(3);
    expect(all.filter((c) => c.language.language === 'java')).toHaveLength(1);
    for (const c of all) expect([...c.files.keys()].some((n) => n.startsWith('copy-of-'))).toBe(true);
  });

  for (const c of all) {
    it(`${c.problem}: the copy scores high, its regions cover it, independent pairs score low`, () => {
      const copies: number[] = [];
      const independents: number[] = [];
      const names = [...c.files.keys()];
      for (let i = 0; i < names.length; i++) {
        for (let j = i + 1; j < names.length; j++) {
          const [x, y] = [names[i], names[j]];
          const result = compareTwo(
            { ...c.language, source: c.files.get(x)! },
            { ...c.language, source: c.files.get(y)! },
          );
          const original = (n: string) => n.replace('copy-of-', 'independent-');
          if (x.startsWith('copy-of-') && original(x) === y) {
            copies.push(result.similarity);
            expect(coverage(c.files.get(x)!, c.language, result.regions, 'a')).toBeGreaterThanOrEqual(0.8);
            expect(coverage(c.files.get(y)!, c.language, result.regions, 'b')).toBeGreaterThanOrEqual(0.8);
          } else if (y.startsWith('copy-of-') && original(y) === x) {
            copies.push(result.similarity);
            expect(coverage(c.files.get(x)!, c.language, result.regions, 'a')).toBeGreaterThanOrEqual(0.8);
            expect(coverage(c.files.get(y)!, c.language, result.regions, 'b')).toBeGreaterThanOrEqual(0.8);
          } else independents.push(result.similarity);
        }
      }
      expect(copies.length).toBeGreaterThan(0);
      expect(independents.length).toBeGreaterThanOrEqual(3);
      for (const s of copies) expect(s).toBeGreaterThanOrEqual(0.8);
      for (const s of independents) expect(s).toBeLessThanOrEqual(0.4);
      expect(Math.min(...copies) - Math.max(...independents)).toBeGreaterThanOrEqual(0.3);
    });
  }
});

describe('comparing many programs', () => {
  const solution = (name: string) => readFileSync(join(DATA, 'cpp', 'grid-bfs', `${name}.cpp`), 'utf8');

  it('ranks the copies first, never pairs a user with themselves, and compares only within a family', () => {
    const pairs = comparePrograms([
      { id: 'orig', userId: 'ann', language: 'cpp', family: 'c', source: solution('independent-1') },
      { id: 'copy', userId: 'bob', language: 'cpp', family: 'c', source: solution('copy-of-1') },
      { id: 'other', userId: 'cat', language: 'c', family: 'c', source: solution('independent-3') },
      { id: 'again', userId: 'ann', language: 'cpp', family: 'c', source: solution('independent-1') },
      { id: 'py', userId: 'dan', language: 'python', family: 'python', source: solution('independent-1') },
    ]);
    const names = pairs.map((p) => [p.a, p.b].sort().join('+'));
    expect(names.slice(0, 2).sort()).toEqual(['again+copy', 'copy+orig']);
    expect(pairs[0].similarity).toBeGreaterThan(0.8);
    expect(pairs[0].regions.length).toBeGreaterThan(0);
    expect(names).not.toContain('again+orig');
    expect(names.some((n) => n.split('+').includes('py'))).toBe(false);
    expect(names.some((n) => n.split('+').includes('other'))).toBe(true);
    for (let i = 1; i < pairs.length; i++) expect(pairs[i].similarity).toBeLessThanOrEqual(pairs[i - 1].similarity);
    expect(comparePrograms([], {})).toEqual([]);
    expect(
      comparePrograms(pairs.map((p) => ({ id: p.a, userId: 'x', language: 'cpp', family: 'c', source: 'int x;' }))),
    ).toEqual([]);
  });

  it('ignores what the boilerplate holds and what most programs share', () => {
    // The teacher's template: input reading and a graph structure the students fill in.
    const template = `#include <cstdio>
#include <vector>
struct Graph {
    int n;
    std::vector<std::vector<int>> adj;
    explicit Graph(int n) : n(n), adj(n) {}
    void add(int u, int v) { adj[u].push_back(v); adj[v].push_back(u); }
};
Graph readGraph() {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return Graph(0);
    Graph g(n);
    for (int i = 0; i < m; i++) { int u, v; scanf("%d %d", &u, &v); g.add(u - 1, v - 1); }
    return g;
}
`;
    const mine = `${template}int main() {
    Graph g = readGraph();
    int isolated = 0;
    for (const auto &edges : g.adj) isolated += edges.empty();
    printf("%d\n", isolated);
}
`;
    const theirs = `${template}int best(const Graph &graph) {
    size_t most = 0;
    for (int v = 0; v < graph.n; ++v) most = std::max(most, graph.adj[v].size());
    return (int)most;
}
int main() { printf("%d", best(readGraph())); }
`;
    const programs: ProgramInput[] = [
      { id: '1', userId: 'ann', language: 'cpp', family: 'c', source: mine },
      { id: '2', userId: 'bob', language: 'cpp', family: 'c', source: theirs },
    ];
    const plain = comparePrograms(programs);
    expect(plain[0].similarity).toBeGreaterThan(0.6);
    const withTemplate = comparePrograms(programs, {
      boilerplate: [{ language: 'cpp', family: 'c', source: template }],
    });
    expect(withTemplate.length === 0 || withTemplate[0].similarity < 0.3).toBe(true);
    // A template of another family is not applied.
    const otherFamily = comparePrograms(programs, {
      boilerplate: [{ language: 'python', family: 'python', source: template }],
    });
    expect(otherFamily[0].similarity).toBe(plain[0].similarity);

    // Ten programs that share one idiom and differ otherwise: the idiom alone pairs nobody.
    const operators = ['+', '-', '*', '/', '%', '//', '**', '<<', '>>', '&'];
    const many = operators.map((op, i) => ({
      id: `p${i}`,
      userId: `u${i}`,
      language: 'python',
      family: 'python' as const,
      source: `import sys\ndata = sys.stdin.read().split()\nn = int(data[0])\nprint(n ${op} 1)\n`,
    }));
    expect(comparePrograms(many, { commonShare: 1 }).length).toBeGreaterThan(0);
    expect(comparePrograms(many)).toEqual([]);
  });
});
