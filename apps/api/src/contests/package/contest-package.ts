import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import type { ContestPackageError, ContestScoring, SubmissionFile, TestGroupResult, Verdict } from '@judge/contract';
import {
  ccsLanguageOf,
  judgementTypeOf,
  judgementTypesJson,
  languageOfCcs,
  verdictOfJudgementType,
} from './judgement-types';

/**
 * A contest as a CCS contest package (the CCS spec's Contest_Package.md, and the files DOMjudge imports), read into
 * and written from one model. Pure: the services read the database and the zip; every rule of the layout is here.
 */

export interface PackageContest {
  id: string;
  name: string;
  description: string;
  startTime: Date;
  durationSeconds: number;
  freezeSeconds: number;
  penaltyMinutes: number;
  scoring: ContestScoring;
  /** One team per participant (our individual contests); a team contest otherwise, as DOMjudge's all are. */
  individual: boolean;
}

export interface PackageProblem {
  /** Its short name: the folder its package is in (problems/<id>/). */
  id: string;
  label: string;
  name: string;
  /** `#rrggbb`, or null. */
  rgb: string | null;
}

export interface PackageOrganization {
  id: string;
  name: string;
  formalName: string | null;
  country: string | null;
}

export interface PackageTeam {
  id: string;
  name: string;
  organizationId: string | null;
  location: string | null;
}

export interface PackageAccount {
  username: string;
  name: string | null;
  teamId: string;
}

export interface PackageSubmission {
  id: string;
  teamId: string;
  problemId: string;
  /** Our language id. */
  language: string;
  time: Date;
  files: SubmissionFile[];
  entryPoint: string | null;
  /** The member who sent it (our extension); null: the team's first account. */
  author: string | null;
}

export interface PackageJudgement {
  submissionId: string;
  verdict: Verdict;
  score: number | null;
  maxScore: number | null;
  groups: TestGroupResult[];
  maxRunTimeMs: number | null;
  endTime: Date;
}

export interface ContestPackage {
  contest: PackageContest;
  problems: PackageProblem[];
  organizations: PackageOrganization[];
  teams: PackageTeam[];
  accounts: PackageAccount[];
  submissions: PackageSubmission[];
  judgements: PackageJudgement[];
}

/** The ICPC's, and the only penalty our ICPC rule has (scoring/icpc-rule.ts). */
export const PENALTY_MINUTES = 20;

// ---------------------------------------------------------------------------------------------------------------
// Times: CCS absolute times are ISO 8601 with an offset; relative times `(-)h:mm:ss(.uuu)`.

export function formatRelTime(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const ms = Math.round(Math.abs(seconds) * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const frac = ms % 1000;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${h}:${pad(m)}:${pad(s)}${frac ? `.${String(frac).padStart(3, '0')}` : ''}`;
}

/** Seconds of a relative time, or null when it is not one. */
export function parseRelTime(text: string): number | null {
  const match = /^(-)?(\d+):([0-5]\d):([0-5]\d)(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!match) return null;
  const [, sign, h, m, s, frac] = match;
  const value = Number(h) * 3600 + Number(m) * 60 + Number(s) + (frac ? Number(frac.padEnd(3, '0')) / 1000 : 0);
  return sign ? -value : value;
}

const absTime = z.string().refine((t) => /^\d{4}-\d\d-\d\dT/.test(t) && !Number.isNaN(Date.parse(t)), {
  message: 'not an ISO 8601 time',
});
const relTime = z.union([z.string(), z.number()]).transform((value, ctx) => {
  // YAML reads an unquoted `5:00:00` as a string; a bare number is taken as seconds.
  const seconds = typeof value === 'number' ? value : parseRelTime(value);
  if (seconds === null) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a time of the form h:mm:ss` });
    return z.NEVER;
  }
  return seconds;
});

// ---------------------------------------------------------------------------------------------------------------
// Writing

export type PackageFiles = Map<string, Buffer>;

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
const yaml = (value: unknown) => Buffer.from(stringifyYaml(value));
const iso = (date: Date) => date.toISOString().replace('Z', '+00:00');

/** Every file of the package but the problem packages, which the caller adds (problems/<id>/<id>.zip). */
export function writeContestPackage(pkg: ContestPackage): PackageFiles {
  const { contest } = pkg;
  const files: PackageFiles = new Map();
  const rel = (date: Date) => formatRelTime((date.getTime() - contest.startTime.getTime()) / 1000);
  files.set(
    'contest.yaml',
    yaml({
      id: contest.id,
      name: contest.name,
      start_time: iso(contest.startTime),
      duration: formatRelTime(contest.durationSeconds),
      scoreboard_freeze_duration: formatRelTime(contest.freezeSeconds),
      penalty_time: contest.penaltyMinutes,
      scoreboard_type: contest.scoring === 'ioi' ? 'score' : 'pass-fail',
      // Ours, which other systems ignore: what a CCS contest has no field for.
      ...(contest.description ? { description: contest.description } : {}),
      ...(contest.individual ? { individual: true } : {}),
    }),
  );
  const problems = pkg.problems.map((p, ordinal) => ({
    id: p.id,
    label: p.label,
    name: p.name,
    ordinal,
    ...(p.rgb ? { rgb: p.rgb, color: p.rgb } : {}),
  }));
  files.set('problems.yaml', yaml(problems));
  // DOMjudge before 8 reads this one.
  files.set(
    'problemset.yaml',
    yaml({
      problems: pkg.problems.map((p) => ({
        letter: p.label,
        'short-name': p.id,
        ...(p.rgb ? { color: p.rgb, rgb: p.rgb } : {}),
      })),
    }),
  );
  files.set(
    'organizations.json',
    json(
      pkg.organizations.map((o) => ({
        id: o.id,
        name: o.name,
        formal_name: o.formalName ?? o.name,
        ...(o.country ? { country: o.country } : {}),
      })),
    ),
  );
  files.set('groups.json', json([{ id: PARTICIPANTS_GROUP, name: 'Participants' }]));
  files.set(
    'teams.json',
    json(
      pkg.teams.map((t) => ({
        id: t.id,
        name: t.name,
        display_name: t.name,
        organization_id: t.organizationId,
        group_ids: [PARTICIPANTS_GROUP],
        ...(t.location ? { location: { description: t.location } } : {}),
      })),
    ),
  );
  files.set('teams.tsv', Buffer.from(teamsTsv(pkg)));
  const accounts = pkg.accounts.map((a) => ({
    id: a.username,
    username: a.username,
    ...(a.name ? { name: a.name } : {}),
    type: 'team',
    team_id: a.teamId,
  }));
  files.set('accounts.json', json(accounts));
  files.set('accounts.yaml', yaml(accounts));
  files.set('judgement-types.json', json(judgementTypesJson()));
  const languages = [...new Set(pkg.submissions.map((s) => ccsLanguageOf(s.language)))].sort();
  files.set('languages.json', json(languages.map((id) => ({ id, name: id }))));
  files.set(
    'submissions.json',
    json(
      pkg.submissions.map((s) => ({
        id: s.id,
        language_id: ccsLanguageOf(s.language),
        problem_id: s.problemId,
        team_id: s.teamId,
        time: iso(s.time),
        contest_time: rel(s.time),
        entry_point: s.entryPoint,
        files: [{ href: `submissions/${s.id}/files.zip`, filename: 'files.zip', mime: 'application/zip' }],
        ...(s.author ? { author: s.author } : {}),
      })),
    ),
  );
  for (const s of pkg.submissions) {
    for (const f of s.files) files.set(`submissions/${s.id}/files/${f.name}`, Buffer.from(f.content));
  }
  files.set(
    'judgements.json',
    json(
      pkg.judgements.map((j, n) => ({
        id: String(n + 1),
        submission_id: j.submissionId,
        judgement_type_id: judgementTypeOf(j.verdict),
        ...(j.score !== null ? { score: j.score } : {}),
        current: true,
        start_time: iso(j.endTime),
        start_contest_time: rel(j.endTime),
        end_time: iso(j.endTime),
        end_contest_time: rel(j.endTime),
        max_run_time: j.maxRunTimeMs === null ? null : j.maxRunTimeMs / 1000,
        // Ours: what an IOI board adds up (the best of each test group), which one score cannot say.
        ...(j.maxScore !== null ? { max_score: j.maxScore } : {}),
        ...(j.groups.length > 0 ? { groups: j.groups } : {}),
      })),
    ),
  );
  return files;
}

const PARTICIPANTS_GROUP = 'participants';

/** DOMjudge's teams.tsv (format 1): number, external id, category, name, institution, its short name, country, its id. */
function teamsTsv(pkg: ContestPackage): string {
  const organizations = new Map(pkg.organizations.map((o) => [o.id, o]));
  const clean = (text: string | null | undefined) => (text ?? '').replace(/[\t\r\n]+/g, ' ');
  const lines = pkg.teams.map((t, n) => {
    const o = t.organizationId ? organizations.get(t.organizationId) : undefined;
    return [n + 1, t.id, PARTICIPANTS_GROUP, t.name, o?.formalName ?? o?.name, o?.name, o?.country, o?.id]
      .map((cell) => clean(cell === undefined ? '' : String(cell)))
      .join('\t');
  });
  return ['teams\t1', ...lines].map((l) => `${l}\n`).join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** A problem's package in the contest package: a zip, or the folder of an unpacked one (path → content). */
export type ProblemPackageSource = { file: string; zip: Buffer } | { file: string; folder: PackageFiles };

export interface ReadPackage {
  pkg: ContestPackage;
  problemPackages: Map<string, ProblemPackageSource>;
  errors: ContestPackageError[];
}

const identifier = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/, 'not an identifier (letters, digits, _ . -)'));
const rgb = z
  .string()
  .transform((c) => (c.startsWith('#') ? c : `#${c}`).toLowerCase())
  .pipe(z.string().regex(/^#[0-9a-f]{6}$/, 'not a colour of the form #rrggbb'));

const contestSchema = z.object({
  id: identifier.optional(),
  name: z.string().min(1).max(200),
  formal_name: z.string().optional(),
  description: z.string().max(100_000).optional(),
  start_time: z.union([absTime, z.date().transform((d) => d.toISOString())]),
  duration: relTime,
  scoreboard_freeze_duration: relTime.optional(),
  // DOMjudge writes minutes; the CCS spec (2023 on) a relative time.
  penalty_time: z.union([z.number().int().min(0), relTime.transform((seconds) => seconds / 60)]).optional(),
  scoreboard_type: z.enum(['pass-fail', 'score']).optional(),
  individual: z.boolean().optional(),
});

const problemSchema = z.object({
  id: identifier,
  label: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(10)),
  name: z.string().optional(),
  ordinal: z.number().optional(),
  rgb: rgb.optional(),
  color: z.string().optional(),
});

const problemsetSchema = z.object({
  problems: z.array(
    z.object({
      letter: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(10)),
      'short-name': identifier,
      rgb: rgb.optional(),
      color: z.string().optional(),
    }),
  ),
});

const organizationSchema = z.object({
  id: identifier,
  name: z.string().min(1).max(200),
  formal_name: z.string().max(500).nullish(),
  country: z
    .string()
    .regex(/^[A-Z]{3}$/, 'not an ISO 3166-1 alpha-3 code')
    .nullish(),
});

const teamSchema = z.object({
  id: identifier,
  name: z.string().min(1).max(200),
  display_name: z.string().max(200).nullish(),
  organization_id: identifier.nullish(),
  location: z.union([z.string(), z.object({ description: z.string().optional() }).loose()]).nullish(),
});

const accountSchema = z.object({
  username: z.string().min(2).max(64),
  name: z.string().max(200).nullish(),
  type: z.string().optional(),
  team_id: identifier.nullish(),
});

const submissionSchema = z.object({
  id: identifier,
  language_id: z.string().min(1),
  problem_id: identifier,
  team_id: identifier,
  time: absTime,
  entry_point: z.string().nullish(),
  author: z.string().optional(),
});

const groupSchema = z.object({
  name: z.string(),
  verdict: z.string(),
  score: z.number(),
  maxScore: z.number().nullable(),
});

const judgementSchema = z.object({
  submission_id: identifier,
  judgement_type_id: z.string().nullish(),
  score: z.number().min(0).optional(),
  current: z.boolean().nullish(),
  start_time: absTime,
  end_time: absTime.nullish(),
  max_run_time: z.number().min(0).nullish(),
  max_score: z.number().min(0).optional(),
  groups: z.array(groupSchema).optional(),
});

/**
 * The model of a package's files (paths relative to its top), with every problem found: each file's own (bad YAML
 * or JSON, a missing field) and those between files (an unknown problem, team, organisation; a duplicate id).
 * `knownLanguage` says whether this judge has a language (ours, after the CCS ids are mapped).
 */
export function readContestPackage(files: PackageFiles, knownLanguage: (id: string) => boolean): ReadPackage {
  const errors: ContestPackageError[] = [];
  const fail = (file: string, message: string) => errors.push({ file, message });

  /** A file's parsed content (YAML also reads JSON), or undefined when it is absent or unreadable. */
  const load = (name: string): unknown => {
    const data = files.get(name);
    if (data === undefined) return undefined;
    try {
      return name.endsWith('.json') ? JSON.parse(data.toString('utf8')) : parseYaml(data.toString('utf8'));
    } catch (error) {
      fail(name, `not readable as ${name.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`);
      return undefined;
    }
  };
  /** Each item of a list file that fits the schema; the others listed as errors, by index and id. */
  const items = <T extends z.ZodType>(name: string, data: unknown, schema: T): z.output<T>[] => {
    if (data === undefined) return [];
    if (!Array.isArray(data)) {
      fail(name, 'a list is expected');
      return [];
    }
    return data.flatMap((item: unknown, index) => {
      const parsed = schema.safeParse(item);
      if (parsed.success) return [parsed.data];
      const id = (item as { id?: unknown } | null)?.id;
      const where = `item ${index + 1}${typeof id === 'string' || typeof id === 'number' ? ` (id ${id})` : ''}`;
      for (const issue of parsed.error.issues) {
        fail(name, `${where}: ${issue.path.join('.') || 'item'}: ${issue.message}`);
      }
      return [];
    });
  };
  const first = (...names: string[]) => names.find((n) => files.has(n));
  const duplicates = (name: string, ids: string[], what: string) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) fail(name, `the ${what} id ${id} appears twice`);
      seen.add(id);
    }
  };

  // The contest.
  const contestFile = first('contest.yaml', 'contest.json');
  let contest: PackageContest = {
    id: 'contest',
    name: 'Imported contest',
    description: '',
    startTime: new Date(0),
    durationSeconds: 0,
    freezeSeconds: 0,
    penaltyMinutes: PENALTY_MINUTES,
    scoring: 'icpc',
    individual: false,
  };
  if (!contestFile) {
    fail('contest.yaml', 'missing: a package needs contest.yaml (or contest.json)');
  } else {
    const parsed = contestSchema.safeParse(legacyContestKeys(load(contestFile)));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) fail(contestFile, `${issue.path.join('.') || 'file'}: ${issue.message}`);
    } else {
      const c = parsed.data;
      if (c.duration <= 0) fail(contestFile, 'duration: must be more than 0');
      const freeze = c.scoreboard_freeze_duration ?? 0;
      if (freeze < 0 || freeze > c.duration) fail(contestFile, 'scoreboard_freeze_duration: not within the contest');
      contest = {
        id: c.id ?? 'contest',
        name: c.formal_name ?? c.name,
        description: c.description ?? '',
        startTime: new Date(c.start_time),
        durationSeconds: c.duration,
        freezeSeconds: freeze,
        penaltyMinutes: c.penalty_time ?? PENALTY_MINUTES,
        scoring: c.scoreboard_type === 'score' ? 'ioi' : 'icpc',
        individual: c.individual ?? false,
      };
    }
  }

  // Problems: problems.yaml (or .json), else DOMjudge's older problemset.yaml.
  const problemsFile = first('problems.yaml', 'problems.json');
  let problems: PackageProblem[];
  if (problemsFile) {
    problems = items(problemsFile, load(problemsFile), problemSchema)
      .sort((a, b) => (a.ordinal ?? 0) - (b.ordinal ?? 0))
      .map((p) => ({ id: p.id, label: p.label, name: p.name ?? p.id, rgb: p.rgb ?? null }));
  } else if (files.has('problemset.yaml')) {
    const parsed = problemsetSchema.safeParse(load('problemset.yaml'));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) fail('problemset.yaml', `${issue.path.join('.')}: ${issue.message}`);
    }
    problems = (parsed.data?.problems ?? []).map((p) => ({
      id: p['short-name'],
      label: p.letter,
      name: p['short-name'],
      rgb: p.rgb ?? null,
    }));
  } else {
    fail('problems.yaml', 'missing: a package needs problems.yaml (or problemset.yaml)');
    problems = [];
  }
  const problemsName = problemsFile ?? 'problemset.yaml';
  duplicates(
    problemsName,
    problems.map((p) => p.id),
    'problem',
  );
  const labels = new Set<string>();
  for (const p of problems) {
    if (labels.has(p.label)) fail(problemsName, `the label ${p.label} is on two problems`);
    labels.add(p.label);
  }
  const problemPackages = new Map<string, ProblemPackageSource>();
  for (const p of problems) {
    const source = problemPackage(files, p.id);
    if (source) problemPackages.set(p.id, source);
    else fail(`problems/${p.id}`, `no package for problem ${p.id}: problems/${p.id}/${p.id}.zip or its folder`);
  }

  // Organisations and teams: the JSON files, else DOMjudge's teams.tsv (which names the institutions too).
  let organizations = items('organizations.json', load('organizations.json'), organizationSchema).map((o) => ({
    id: o.id,
    name: o.name,
    formalName: o.formal_name ?? null,
    country: o.country ?? null,
  }));
  let teams: PackageTeam[];
  if (files.has('teams.json')) {
    teams = items('teams.json', load('teams.json'), teamSchema).map((t) => ({
      id: t.id,
      name: t.display_name ?? t.name,
      organizationId: t.organization_id ?? null,
      location: typeof t.location === 'string' ? t.location : (t.location?.description ?? null),
    }));
  } else if (files.has('teams.tsv')) {
    const read = readTeamsTsv((files.get('teams.tsv') as Buffer).toString('utf8'), fail);
    teams = read.teams;
    if (!files.has('organizations.json')) organizations = read.organizations;
  } else {
    teams = [];
  }
  const teamFile = files.has('teams.json') ? 'teams.json' : 'teams.tsv';
  duplicates(
    'organizations.json',
    organizations.map((o) => o.id),
    'organisation',
  );
  duplicates(
    teamFile,
    teams.map((t) => t.id),
    'team',
  );
  const organizationIds = new Set(organizations.map((o) => o.id));
  for (const t of teams) {
    if (t.organizationId !== null && !organizationIds.has(t.organizationId)) {
      fail(teamFile, `team ${t.id}: its organisation ${t.organizationId} is not in organizations.json`);
    }
  }
  const names = new Set<string>();
  for (const t of teams) {
    if (names.has(t.name)) fail(teamFile, `two teams are named "${t.name}"`);
    names.add(t.name);
  }
  const teamIds = new Set(teams.map((t) => t.id));

  // Accounts: only team accounts come in (judges and admins of another system are not ours to make).
  const accountsFile = first('accounts.yaml', 'accounts.json');
  const accounts: PackageAccount[] = accountsFile
    ? items(accountsFile, load(accountsFile), accountSchema)
        .filter((a) => (a.type ?? 'team') === 'team')
        .flatMap((a) => {
          if (!a.team_id) {
            fail(accountsFile, `account ${a.username}: a team account needs team_id`);
            return [];
          }
          if (!teamIds.has(a.team_id)) fail(accountsFile, `account ${a.username}: no team has the id ${a.team_id}`);
          return [{ username: a.username, name: a.name ?? null, teamId: a.team_id }];
        })
    : [];
  if (accountsFile) {
    const seen = new Set<string>();
    for (const a of accounts) {
      if (seen.has(a.username.toLowerCase())) fail(accountsFile, `the username ${a.username} appears twice`);
      seen.add(a.username.toLowerCase());
    }
  }
  const members = new Map<string, string[]>();
  for (const a of accounts) members.set(a.teamId, [...(members.get(a.teamId) ?? []), a.username]);
  if (contest.individual) {
    for (const t of teams) {
      if ((members.get(t.id) ?? []).length !== 1) {
        fail(teamFile, `team ${t.id}: in an individual contest each team is one account`);
      }
    }
  }

  // Submissions and their judgements.
  const problemIds = new Set(problems.map((p) => p.id));
  const submissions: PackageSubmission[] = [];
  for (const s of items('submissions.json', load('submissions.json'), submissionSchema)) {
    const where = `submission ${s.id}`;
    const bad = (message: string) => fail('submissions.json', `${where}: ${message}`);
    if (!problemIds.has(s.problem_id)) bad(`no problem has the id ${s.problem_id}`);
    if (!teamIds.has(s.team_id)) bad(`no team has the id ${s.team_id}`);
    else if ((members.get(s.team_id) ?? []).length === 0) bad(`team ${s.team_id} has no account to be its author`);
    if (s.author !== undefined && !(members.get(s.team_id) ?? []).includes(s.author)) {
      bad(`its author ${s.author} is not an account of team ${s.team_id}`);
    }
    const language = languageOfCcs(s.language_id);
    if (!knownLanguage(language)) bad(`this judge has no language ${s.language_id}`);
    const sources = submissionFiles(files, s.id);
    if (sources.length === 0) bad(`no source: submissions/${s.id}/files/`);
    submissions.push({
      id: s.id,
      teamId: s.team_id,
      problemId: s.problem_id,
      language,
      time: new Date(s.time),
      files: sources,
      entryPoint: s.entry_point ?? null,
      author: s.author ?? null,
    });
  }
  duplicates(
    'submissions.json',
    submissions.map((s) => s.id),
    'submission',
  );
  const submissionIds = new Set(submissions.map((s) => s.id));
  const latest = new Map<string, PackageJudgement>();
  for (const j of items('judgements.json', load('judgements.json'), judgementSchema)) {
    // A judgement replaced by a rejudging, or still running, is not the submission's result.
    if (j.current === false || !j.judgement_type_id) continue;
    if (!submissionIds.has(j.submission_id)) {
      fail('judgements.json', `a judgement of submission ${j.submission_id}, which is not in submissions.json`);
      continue;
    }
    const verdict = verdictOfJudgementType(j.judgement_type_id);
    if (verdict === null) {
      fail('judgements.json', `submission ${j.submission_id}: unknown judgement type ${j.judgement_type_id}`);
      continue;
    }
    const endTime = new Date(j.end_time ?? j.start_time);
    const before = latest.get(j.submission_id);
    if (before && before.endTime.getTime() > endTime.getTime()) continue;
    const pass = verdict === 'AC' ? 1 : 0;
    latest.set(j.submission_id, {
      submissionId: j.submission_id,
      verdict,
      score: j.score ?? (j.max_score === undefined ? pass : null),
      maxScore: j.max_score ?? (j.score === undefined ? 1 : null),
      groups: (j.groups ?? []).flatMap((g) => {
        const v = verdictOfJudgementType(g.verdict) ?? (g.verdict as Verdict);
        return [{ name: g.name, verdict: v, score: g.score, maxScore: g.maxScore }];
      }),
      maxRunTimeMs: j.max_run_time === null || j.max_run_time === undefined ? null : Math.round(j.max_run_time * 1000),
      endTime,
    });
  }
  for (const s of submissions) {
    if (!latest.has(s.id)) {
      fail('judgements.json', `submission ${s.id} has no judgement: only judged submissions are imported`);
    }
  }

  return {
    pkg: {
      contest,
      problems,
      organizations,
      teams,
      accounts,
      submissions,
      judgements: [...latest.values()],
    },
    problemPackages,
    errors,
  };
}

/**
 * DOMjudge's older contest.yaml spells its keys with hyphens (`start-time`, `scoreboard-freeze-length`,
 * `short-name`): read as the CCS keys.
 */
function legacyContestKeys(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const renamed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) renamed[key.replace(/-/g, '_')] = value;
  const { short_name, scoreboard_freeze_length, ...rest } = renamed;
  return {
    ...(short_name !== undefined ? { id: short_name } : {}),
    ...(scoreboard_freeze_length !== undefined ? { scoreboard_freeze_duration: scoreboard_freeze_length } : {}),
    ...rest,
  };
}

/** problems/<id>/<id>.zip (the CCS layout), problems/<id>.zip, or the package unpacked in problems/<id>/. */
function problemPackage(files: PackageFiles, id: string): ProblemPackageSource | null {
  for (const file of [`problems/${id}/${id}.zip`, `problems/${id}.zip`]) {
    const zip = files.get(file);
    if (zip) return { file, zip };
  }
  const prefix = `problems/${id}/`;
  const folder: PackageFiles = new Map();
  for (const [path, data] of files) {
    if (path.startsWith(prefix) && !path.endsWith('.pdf')) folder.set(path.slice(prefix.length), data);
  }
  return folder.has('problem.yaml') ? { file: prefix, folder } : null;
}

/**
 * The files of a submission: submissions/<id>/files/…, as export writes them beside the spec's files.zip (which the
 * import service unpacks there first when a package has only the zip, as DOMjudge's do).
 */
function submissionFiles(files: PackageFiles, id: string): SubmissionFile[] {
  const prefix = `submissions/${id}/files/`;
  return [...files]
    .filter(([path]) => path.startsWith(prefix))
    .map(([path, data]) => ({ name: path.slice(prefix.length), content: data.toString('utf8') }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * DOMjudge's teams.tsv: a header line (`teams` and a version), then a team a line: number, external id, category,
 * name, institution name, institution short name, country, institution external id. The team's id is its external
 * id, else its number; an institution is one organisation per external id (else per short name).
 */
function readTeamsTsv(
  text: string,
  fail: (file: string, message: string) => void,
): { teams: PackageTeam[]; organizations: PackageOrganization[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.split('\t') ?? [];
  if (header[0]?.trim() !== 'teams' && header[0]?.trim() !== 'File_Version') {
    fail('teams.tsv', 'line 1: the header line "teams<TAB>1" is missing');
    return { teams: [], organizations: [] };
  }
  const teams: PackageTeam[] = [];
  const organizations = new Map<string, PackageOrganization>();
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    const cells = line.split('\t').map((c) => c.trim());
    const at = `line ${index + 2}`;
    if (cells.length < 4) {
      fail('teams.tsv', `${at}: ${cells.length} fields where at least 4 are needed`);
      return;
    }
    const [number, external, , name, formal, short, country, orgExternal] = cells;
    const id = external || number;
    const check = identifier.safeParse(id);
    if (!check.success || !name) {
      fail('teams.tsv', `${at}: ${!name ? 'the team has no name' : `"${id}" is not an identifier`}`);
      return;
    }
    let organizationId: string | null = null;
    if (formal || short || orgExternal) {
      organizationId = orgExternal || short || formal;
      if (!organizations.has(organizationId)) {
        if (country && !/^[A-Z]{3}$/.test(country)) fail('teams.tsv', `${at}: country ${country} is not alpha-3`);
        organizations.set(organizationId, {
          id: organizationId,
          name: short || formal,
          formalName: formal || null,
          country: country && /^[A-Z]{3}$/.test(country) ? country : null,
        });
      }
    }
    teams.push({ id, name, organizationId, location: null });
  });
  return { teams, organizations: [...organizations.values()] };
}
