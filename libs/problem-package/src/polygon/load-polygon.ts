import path from 'node:path';
import { MiB, type Verdict } from '@judge/contract';
import { PackageError } from '../errors';
import type { DirEntry, PackageDir } from '../package-dir';
import { SYSTEM_DEFAULTS } from '../problem-yaml';
import type {
  PackageSubmission,
  ProblemLimits,
  ProblemPackage,
  TestCase,
  TestGroup,
  TestGroupConfig,
  ValidatorSource,
} from '../types';
import { STANDARD_CHECKER_FLAGS } from './checkers';
import { parseProblemXml, testPath, type PolygonGroup, type PolygonXml } from './problem-xml';

/** Expected verdicts of Polygon's solution tags; the folder of a PackageSubmission is the tag itself. */
const TAG_VERDICTS: Readonly<Record<string, readonly Verdict[]>> = {
  main: ['AC'],
  accepted: ['AC'],
  'wrong-answer': ['WA'],
  // The judge has no presentation error: testlib's PE is a wrong answer here.
  'presentation-error': ['WA'],
  'time-limit-exceeded': ['TLE'],
  'time-limit-exceeded-or-accepted': ['TLE', 'AC'],
  'time-limit-exceeded-or-memory-limit-exceeded': ['TLE', 'MLE'],
  'memory-limit-exceeded': ['MLE'],
  // Polygon's "failed" is "not accepted, whatever the reason", like "rejected".
  rejected: ['WA', 'TLE', 'MLE', 'OLE', 'RE'],
  failed: ['WA', 'TLE', 'MLE', 'OLE', 'RE'],
};

const CHECKER_EXTENSIONS = ['.c', '.cc', '.cpp', '.cxx', '.py'];
const HEADER_EXTENSIONS = ['.h', '.hpp'];

const GROUP_DEFAULTS: TestGroupConfig = {
  onReject: 'break',
  acceptScore: 1,
  rejectScore: 0,
  range: null,
  scoreAggregation: 'sum',
  verdictAggregation: 'worst_error',
  ignoreSample: false,
  acceptIfAnyAccepted: false,
  outputValidatorFlags: [],
  inputValidatorFlags: [],
};

/** True when the folder is a Polygon package: problem.xml at the root and no problem.yaml. */
export async function isPolygonPackage(dir: PackageDir): Promise<boolean> {
  const [xml, yaml] = await Promise.all([dir.entry('problem.xml'), dir.entry('problem.yaml')]);
  return xml?.kind === 'file' && !yaml;
}

/** Reads a Polygon package (the zip Polygon builds, extracted) into the judge's problem model. */
export async function loadPolygonPackage(dir: PackageDir, shortName: string | null): Promise<ProblemPackage> {
  const xml = parseProblemXml(await dir.readText(path.join(dir.root, 'problem.xml')));
  const warnings: string[] = [];
  for (const [key, value] of [
    ['input-file', xml.inputFile],
    ['output-file', xml.outputFile],
  ] as const) {
    if (value !== '' && value !== 'stdin' && value !== 'stdout') {
      throw new PackageError(
        'UNSUPPORTED_PROBLEM_TYPE',
        `problem.xml: <judging ${key}="${value}">: programs that read or write named files are not supported (only the standard streams)`,
      );
    }
  }

  const scoring = xml.testset.tests.some((t) => t.points !== null);
  const data = await loadTests(dir, xml, scoring, warnings);
  const checker = await loadChecker(dir, xml, warnings);
  const interactor = xml.interactor ? await interactorSource(dir, xml.interactor.source) : null;
  if (interactor && !checker.source) {
    throw new PackageError(
      'UNSUPPORTED_CHECKER',
      `problem.xml: interactive problems need the checker's source in the package (${checker.name ? `${checker.name} is not there` : 'none is named'})`,
    );
  }
  const name = pickByLanguage(xml.names.filter((n) => n.value !== ''))?.value;
  const fallbackName = shortName ?? path.basename(dir.root);
  return {
    root: dir.root,
    shortName: xml.shortName && /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(xml.shortName) ? xml.shortName : fallbackName,
    name: name ?? xml.shortName ?? fallbackName,
    formatVersion: 'polygon',
    type: scoring ? 'scoring' : 'pass-fail',
    interactive: interactor !== null,
    multiPass: false,
    submitAnswer: false,
    languages: null,
    keywords: xml.tags,
    allowWritingFiles: false,
    warnings,
    validation: interactor || checker.source ? 'custom' : 'default',
    validatorScores: scoring && (interactor !== null || checker.source !== null),
    validatorFlags: checker.source ? [] : checker.flags,
    limits: polygonLimits(xml),
    outputValidator: interactor ?? checker.source,
    ...(interactor && checker.source ? { interactionChecker: checker.source } : {}),
    data,
    submissions: await loadSolutions(dir, xml, warnings),
    statementPath: await findPolygonStatement(dir, xml),
    raw: {},
  };
}

function polygonLimits(xml: PolygonXml): ProblemLimits {
  return {
    timeLimitMs: Math.round(xml.testset.timeLimitMs),
    timeLimitSource: 'problem.xml',
    // Polygon packages carry their time limit; these only matter to a limit derived from solutions.
    timeMultiplier: 5,
    timeSafetyMargin: 2,
    timeResolutionS: 1,
    memoryMb: Math.max(1, Math.floor(xml.testset.memoryBytes / MiB)),
    outputMb: SYSTEM_DEFAULTS.outputMb,
    codeKb: SYSTEM_DEFAULTS.codeKb,
    compilationTimeS: SYSTEM_DEFAULTS.compilationTimeS,
    compilationMemoryMb: SYSTEM_DEFAULTS.compilationMemoryMb,
    validationTimeS: SYSTEM_DEFAULTS.validationTimeS,
    validationMemoryMb: SYSTEM_DEFAULTS.validationMemoryMb,
    validationOutputMb: SYSTEM_DEFAULTS.validationOutputMb,
    validationPasses: 2,
  };
}

/** English when there is one (Polygon names languages in English words), else the first. */
function pickByLanguage<T extends { language: string }>(items: T[]): T | undefined {
  return items.find((i) => i.language === 'english') ?? items[0];
}

async function packageFile(dir: PackageDir, rel: string, what: string): Promise<DirEntry> {
  const entry = rel.split('/').includes('..') ? null : await dir.entry(rel);
  if (!entry || entry.kind !== 'file') {
    throw new PackageError('PACKAGE_UNREADABLE', `${rel}: ${what} named in problem.xml is not in the package`);
  }
  return entry;
}

/**
 * The tests of testset "tests", as files the package ships. Pass-fail problems judge them in order and stop at
 * the first failure. Scoring problems (some test has points) put each Polygon group in a test group of its own:
 * `each-test` sums the points of the accepted tests, `complete-group` gives the group's points (or the sum of its
 * tests' points) only when every test is accepted; tests in no group count their points on their own.
 */
async function loadTests(dir: PackageDir, xml: PolygonXml, scoring: boolean, warnings: string[]): Promise<TestGroup> {
  const { testset } = xml;
  if (testset.tests.length === 0)
    throw new PackageError('TESTDATA_EMPTY', 'problem.xml: the testset "tests" has no tests');
  const tests = await testFiles(dir, xml);
  const rootPath = path.dirname(tests[0].inputPath);
  if (!scoring) {
    if (testset.groups.length > 0 || testset.tests.some((t) => t.group !== null)) {
      warnings.push('problem.xml: test groups without points are not used: the tests are judged in order');
    }
    return { name: '', path: rootPath, config: GROUP_DEFAULTS, tests, groups: [] };
  }

  const declared = new Map(testset.groups.map((g) => [g.name, g]));
  const members = new Map<string, TestCase[]>();
  const root: TestCase[] = [];
  testset.tests.forEach((t, i) => {
    // Each test carries its points; a complete-group group replaces them with the group's.
    const test = { ...tests[i], acceptScore: t.points ?? 0 };
    if (t.group === null) {
      root.push(test);
      return;
    }
    if (!members.has(t.group)) members.set(t.group, []);
    members.get(t.group)?.push(test);
  });

  const groups: TestGroup[] = [];
  for (const [name, groupTests] of members) {
    let group = declared.get(name);
    if (!group) {
      warnings.push(`problem.xml: group ${name} has tests but no <group> element: its tests' points are summed`);
      group = { name, points: null, pointsPolicy: 'each-test', feedbackPolicy: null, dependencies: [] };
    }
    groups.push(scoredGroup(group, groupTests, rootPath, members));
  }
  for (const name of declared.keys()) {
    if (!members.has(name)) warnings.push(`problem.xml: group ${name} has no tests`);
  }
  if (testset.groups.some((g) => g.feedbackPolicy !== null && g.feedbackPolicy !== 'complete')) {
    warnings.push("problem.xml: groups' feedback-policy is not applied: results show every test as for other problems");
  }
  return {
    name: '',
    path: rootPath,
    config: { ...GROUP_DEFAULTS, onReject: 'continue' },
    tests: root,
    groups,
  };
}

function scoredGroup(
  group: PolygonGroup,
  tests: TestCase[],
  rootPath: string,
  members: ReadonlyMap<string, TestCase[]>,
): TestGroup {
  for (const dependency of group.dependencies) {
    if (dependency === group.name || !members.has(dependency)) {
      throw new PackageError(
        'PROBLEM_XML_INVALID',
        `problem.xml: group ${group.name} depends on group ${dependency}, which ${dependency === group.name ? 'is itself' : 'has no tests'}`,
      );
    }
  }
  const base = { ...GROUP_DEFAULTS, dependencies: [...group.dependencies] };
  if (group.pointsPolicy === 'each-test') {
    return {
      name: group.name,
      path: rootPath,
      config: { ...base, onReject: 'continue' },
      tests: tests.map((t) => ({ ...t, group: group.name })),
      groups: [],
    };
  }
  // complete-group: all or nothing, as the subtasks of the Kattis format write it (every test worth the whole, min).
  const total = group.points ?? tests.reduce((sum, t) => sum + (t.acceptScore ?? 0), 0);
  return {
    name: group.name,
    path: rootPath,
    config: { ...base, onReject: 'break', acceptScore: total, scoreAggregation: 'min' },
    tests: tests.map(({ acceptScore: _points, ...t }) => ({ ...t, group: group.name })),
    groups: [],
  };
}

/**
 * Each test's input and answer from the testset's path patterns. Names are the test numbers, zero-padded to one
 * width so that name order is test order. A test Polygon would generate that is not in the package means the
 * package was built without its tests.
 */
async function testFiles(dir: PackageDir, xml: PolygonXml): Promise<TestCase[]> {
  const { testset } = xml;
  const width = Math.max(2, String(testset.tests.length).length);
  const generated = testset.tests.filter((t) => t.method === 'generated').length;
  const cases: TestCase[] = [];
  for (const test of testset.tests) {
    const files: DirEntry[] = [];
    for (const pattern of [testset.inputPattern, testset.answerPattern]) {
      const rel = testPath(pattern, test.index);
      const entry = rel.split('/').includes('..') ? null : await dir.entry(rel);
      if (!entry || entry.kind !== 'file') {
        throw new PackageError(
          'POLYGON_TESTS_NOT_BUILT',
          `${rel}: this file of test ${test.index} is not in the package` +
            (generated > 0
              ? ` (${generated} of its ${testset.tests.length} tests are made by generators, and this package has only the scripts):`
              : ':') +
            ' build a full package in Polygon (Packages → Full) and use that',
        );
      }
      files.push(entry);
    }
    cases.push({
      name: String(test.index).padStart(width, '0'),
      group: '',
      inputPath: files[0].real,
      answerPath: files[1].real,
      sample: test.sample,
    });
  }
  return cases;
}

/**
 * The checker: its source when the package ships it (always a testlib checker in Polygon, standard ones
 * included), else the default validator's equivalent of a standard checker named in problem.xml.
 */
async function loadChecker(
  dir: PackageDir,
  xml: PolygonXml,
  warnings: string[],
): Promise<{ name: string | null; source: ValidatorSource | null; flags: string[] }> {
  const name = xml.checker?.name ?? null;
  const sourceRel = xml.checker?.source ?? null;
  const entry = sourceRel && !sourceRel.split('/').includes('..') ? await dir.entry(sourceRel) : null;
  if (entry?.kind === 'file') return { name, source: await programSource(dir, entry, 'checker'), flags: [] };
  const flags = name === null ? null : STANDARD_CHECKER_FLAGS[name];
  if (!xml.checker) {
    warnings.push('problem.xml: no checker: outputs are compared token by token, exactly');
    return { name, source: null, flags: ['case_sensitive'] };
  }
  if (!flags) {
    throw new PackageError(
      'UNSUPPORTED_CHECKER',
      `problem.xml: checker ${name ?? '(unnamed)'}: its source ${sourceRel ?? '(none named)'} is not in the package, and it is not a standard checker the judge can stand in for`,
    );
  }
  warnings.push(
    `problem.xml: checker ${name} is not in the package: the default validator judges with ${flags.join(' ') || 'no flags'}`,
  );
  return { name, source: null, flags: [...flags] };
}

async function interactorSource(dir: PackageDir, rel: string | null): Promise<ValidatorSource> {
  if (!rel) throw new PackageError('VALIDATOR_MISSING', 'problem.xml: the <interactor> names no source');
  return programSource(dir, await packageFile(dir, rel, 'the interactor'), 'interactor');
}

/** A checker or interactor: its source with the headers beside it (testlib.h), built as one program. */
async function programSource(dir: PackageDir, entry: DirEntry, what: string): Promise<ValidatorSource> {
  if (!CHECKER_EXTENSIONS.includes(path.extname(entry.name))) {
    throw new PackageError(
      'UNSUPPORTED_CHECKER',
      `${dir.rel(entry.path)}: the ${what} must be C, C++ or Python (${CHECKER_EXTENSIONS.join(', ')})`,
    );
  }
  const folder = path.dirname(entry.real);
  const headers = (await dir.list(folder)).filter(
    (e) => e.kind === 'file' && HEADER_EXTENSIONS.includes(path.extname(e.name)),
  );
  // The source first: the judge takes the program's language from the first program file.
  return { dir: folder, files: [entry.real, ...headers.map((h) => h.real)], kind: 'testlib' };
}

async function loadSolutions(dir: PackageDir, xml: PolygonXml, warnings: string[]): Promise<PackageSubmission[]> {
  const submissions: PackageSubmission[] = [];
  for (const solution of xml.solutions) {
    const verdicts = TAG_VERDICTS[solution.tag];
    if (!verdicts) {
      // do-not-run, or a tag of a later Polygon: nothing to check it against.
      warnings.push(`${solution.source}: solution tag "${solution.tag}" has no expected verdict here; not verified`);
      continue;
    }
    const entry = await packageFile(dir, solution.source, 'the solution');
    submissions.push({
      path: entry.real,
      folder: solution.tag,
      expected: [...verdicts],
      expectedScore: null,
      expectations: [],
      language: null,
      warnings: [],
    });
  }
  return submissions;
}

/** The statement as Polygon exports it: LaTeX (statements/<language>/problem.tex) first, else HTML. */
async function findPolygonStatement(dir: PackageDir, xml: PolygonXml): Promise<string | null> {
  for (const type of ['application/x-tex', 'text/html']) {
    const statement = pickByLanguage(xml.statements.filter((s) => s.type === type));
    if (!statement || statement.path.split('/').includes('..')) continue;
    const entry = await dir.entry(statement.path);
    if (entry?.kind === 'file') return entry.real;
  }
  return null;
}
