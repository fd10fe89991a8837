import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PackageError } from '../errors';

/**
 * What the judge reads of a Polygon package's problem.xml, as Polygon writes it: names, statements, the
 * `tests` testset (limits, tests with their points and groups, groups with their policies and dependencies),
 * the checker, the interactor and the solutions with their tags. Paths are as written, relative to the root.
 */
export interface PolygonXml {
  /** `<problem short-name>`, or null. */
  shortName: string | null;
  names: { language: string; value: string }[];
  statements: { language: string; path: string; type: string }[];
  /** `<judging input-file output-file>`: '' (or stdin/stdout) for the standard streams. */
  inputFile: string;
  outputFile: string;
  testset: PolygonTestset;
  checker: { name: string | null; source: string | null } | null;
  interactor: { source: string | null } | null;
  solutions: { tag: string; source: string }[];
  /** `<tags><tag value>`: what the problem is about (the package's keywords). */
  tags: string[];
}

export interface PolygonTestset {
  timeLimitMs: number;
  memoryBytes: number;
  inputPattern: string;
  answerPattern: string;
  tests: PolygonTest[];
  groups: PolygonGroup[];
}

export interface PolygonTest {
  /** 1-based, the `%d` of the path patterns. */
  index: number;
  method: string;
  sample: boolean;
  /** `points`, or null when the test has none. */
  points: number | null;
  /** `group`, or null when the test is in none. */
  group: string | null;
}

export interface PolygonGroup {
  name: string;
  points: number | null;
  pointsPolicy: 'complete-group' | 'each-test';
  feedbackPolicy: string | null;
  dependencies: string[];
}

type Node = Record<string, unknown>;

/** Elements that may repeat; the parser then always gives a list, one element or many. */
const LISTS = new Set(['name', 'statement', 'testset', 'test', 'group', 'dependency', 'solution', 'tag']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Values stay strings: numbers are checked here, with messages naming the element.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => LISTS.has(name),
});

function invalid(message: string): PackageError {
  return new PackageError('PROBLEM_XML_INVALID', `problem.xml: ${message}`);
}

function node(value: unknown): Node | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : null;
}

function list(value: unknown): Node[] {
  return Array.isArray(value) ? value.map(node).filter((n): n is Node => n !== null) : [];
}

/** An element's text: `<time-limit>1000</time-limit>` is a string, `<x a="1">t</x>` has it under `#text`. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim();
  const n = node(value);
  return n && typeof n['#text'] === 'string' ? n['#text'].trim() : null;
}

function attr(n: Node | null, name: string): string | null {
  const value = n?.[`@${name}`];
  return typeof value === 'string' ? value : null;
}

function positiveNumber(value: string | null, where: string): number {
  const number = value === null || value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw invalid(`${where}: expected a positive number, got ${value ?? 'nothing'}`);
  return number;
}

function points(value: string | null, where: string): number | null {
  if (value === null) return null;
  const number = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(number) || number < 0) throw invalid(`${where}: points: expected a number ≥ 0, got ${value}`);
  return number;
}

export function parseProblemXml(xml: string): PolygonXml {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw invalid(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const problem = node((parser.parse(xml) as Node).problem);
  if (!problem) throw invalid('no <problem> element at the root');

  const judging = node(problem.judging);
  const testsets = list(judging?.testset);
  // Polygon judges the testset named "tests"; others (pretests, ...) are for its own contests.
  const testset = testsets.find((t) => attr(t, 'name') === 'tests');
  if (!testset) throw invalid('<judging> has no <testset name="tests">');

  const assets = node(problem.assets);
  const checker = node(assets?.checker);
  const interactor = node(assets?.interactor);
  return {
    shortName: attr(problem, 'short-name'),
    names: list(node(problem.names)?.name).map((n) => ({
      language: attr(n, 'language') ?? '',
      value: attr(n, 'value') ?? '',
    })),
    statements: list(node(problem.statements)?.statement).flatMap((s) => {
      const path = attr(s, 'path');
      return path ? [{ language: attr(s, 'language') ?? '', path, type: attr(s, 'type') ?? '' }] : [];
    }),
    inputFile: attr(judging, 'input-file') ?? '',
    outputFile: attr(judging, 'output-file') ?? '',
    testset: parseTestset(testset),
    checker: checker ? { name: attr(checker, 'name'), source: attr(node(checker.source), 'path') } : null,
    interactor: interactor ? { source: attr(node(interactor.source), 'path') } : null,
    tags: [
      ...new Set(
        list(node(problem.tags)?.tag)
          .map((t) => (attr(t, 'value') ?? '').trim())
          .filter(Boolean),
      ),
    ],
    solutions: list(node(assets?.solutions)?.solution).flatMap((s) => {
      const source = attr(node(s.source), 'path');
      return source ? [{ tag: attr(s, 'tag') ?? '', source }] : [];
    }),
  };
}

function parseTestset(testset: Node): PolygonTestset {
  const where = '<testset name="tests">';
  const tests = list(node(testset.tests)?.test).map((t, i): PolygonTest => {
    const group = attr(t, 'group');
    return {
      index: i + 1,
      method: attr(t, 'method') ?? 'manual',
      sample: attr(t, 'sample') === 'true',
      points: points(attr(t, 'points'), `${where} test ${i + 1}`),
      group: group === null || group === '' ? null : group,
    };
  });
  const count = text(testset['test-count']);
  if (count !== null && Number(count) !== tests.length) {
    throw invalid(`${where}: <test-count> says ${count} but ${tests.length} <test> elements follow`);
  }
  const groups = list(node(testset.groups)?.group).map((g): PolygonGroup => {
    const name = attr(g, 'name');
    if (!name) throw invalid(`${where}: a <group> has no name`);
    const policy = attr(g, 'points-policy') ?? 'complete-group';
    if (policy !== 'complete-group' && policy !== 'each-test') {
      throw invalid(`${where}: group ${name}: points-policy "${policy}" (expected complete-group or each-test)`);
    }
    return {
      name,
      points: points(attr(g, 'points'), `${where} group ${name}`),
      pointsPolicy: policy,
      feedbackPolicy: attr(g, 'feedback-policy'),
      dependencies: list(node(g.dependencies)?.dependency).flatMap((d) => attr(d, 'group') ?? []),
    };
  });
  return {
    timeLimitMs: positiveNumber(text(testset['time-limit']), `${where} <time-limit>`),
    memoryBytes: positiveNumber(text(testset['memory-limit']), `${where} <memory-limit>`),
    inputPattern: text(testset['input-path-pattern']) ?? 'tests/%02d',
    answerPattern: text(testset['answer-path-pattern']) ?? 'tests/%02d.a',
    tests,
    groups,
  };
}

/** A Polygon path pattern (`tests/%02d`) for one test: printf's `%d` with an optional zero-padded width. */
export function testPath(pattern: string, index: number): string {
  return pattern.replace(/%(0?)(\d*)d/g, (_, zero: string, width: string) =>
    String(index).padStart(Number(width || 0), zero ? '0' : ' '),
  );
}
