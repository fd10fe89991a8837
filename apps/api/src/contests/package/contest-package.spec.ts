import { describe, expect, it } from 'vitest';
import {
  formatRelTime,
  parseRelTime,
  readContestPackage,
  writeContestPackage,
  type ContestPackage,
  type PackageFiles,
} from './contest-package';

const known = (id: string) => ['python', 'cpp'].includes(id);

const sample: ContestPackage = {
  contest: {
    id: 'weekly-1',
    name: 'Weekly round',
    description: 'Two problems.',
    startTime: new Date('2026-03-01T09:00:00.000Z'),
    durationSeconds: 5 * 3600,
    freezeSeconds: 3600,
    penaltyMinutes: 20,
    scoring: 'icpc',
    individual: false,
  },
  problems: [
    { id: 'hello', label: 'A', name: 'Sum of Two Numbers', rgb: '#ff0000' },
    { id: 'sum-pair', label: 'B', name: 'Sum pair', rgb: null },
  ],
  organizations: [{ id: 'kth', name: 'KTH', formalName: 'KTH Royal Institute of Technology', country: 'SWE' }],
  teams: [
    { id: 'team-1', name: 'Byte Me', organizationId: 'kth', location: 'Room 2' },
    { id: 'team-2', name: 'Solo', organizationId: null, location: null },
  ],
  accounts: [
    { username: 'alice', name: null, teamId: 'team-1' },
    { username: 'bob', name: null, teamId: 'team-1' },
    { username: 'carol', name: 'Carol', teamId: 'team-2' },
  ],
  submissions: [
    {
      id: '1',
      teamId: 'team-1',
      problemId: 'hello',
      language: 'python',
      time: new Date('2026-03-01T09:10:00.000Z'),
      files: [{ name: 'main.py', content: 'print(1)\n' }],
      entryPoint: null,
      author: 'bob',
    },
  ],
  judgements: [
    {
      submissionId: '1',
      verdict: 'RE',
      score: 40,
      maxScore: 100,
      // What an IOI board adds up, carried in our own judgement fields.
      groups: [
        { name: 'g1', verdict: 'AC', score: 40, maxScore: 40 },
        { name: 'g2', verdict: 'RE', score: 0, maxScore: 60 },
      ],
      maxRunTimeMs: 120,
      endTime: new Date('2026-03-01T09:10:02.000Z'),
    },
  ],
};

/** The written package with the problem packages a real one has. */
function written(pkg: ContestPackage = sample): PackageFiles {
  const files = writeContestPackage(pkg);
  for (const p of pkg.problems) files.set(`problems/${p.id}/${p.id}.zip`, Buffer.from('zip'));
  return files;
}

const text = (files: PackageFiles, name: string) => (files.get(name) as Buffer).toString('utf8');
const first = (files: PackageFiles, name: string) => (JSON.parse(text(files, name)) as unknown[])[0];

describe('relative times', () => {
  it('writes h:mm:ss with milliseconds only when there are some, and reads them back', () => {
    expect(formatRelTime(5 * 3600)).toBe('5:00:00');
    expect(formatRelTime(61.5)).toBe('0:01:01.500');
    expect(formatRelTime(-90)).toBe('-0:01:30');
    expect(parseRelTime('5:00:00')).toBe(18_000);
    expect(parseRelTime('0:01:01.5')).toBe(61.5);
    expect(parseRelTime('-0:01:30')).toBe(-90);
    expect(parseRelTime('5 hours')).toBeNull();
    expect(parseRelTime('1:60:00')).toBeNull();
  });
});

describe('contest packages', () => {
  it('writes the CCS files and DOMjudge teams.tsv, and reads them back as they were', () => {
    const files = written();
    expect(text(files, 'contest.yaml')).toContain('duration: 5:00:00');
    expect(text(files, 'contest.yaml')).toContain('scoreboard_type: pass-fail');
    expect(text(files, 'problemset.yaml')).toContain('short-name: hello');
    // The header line, then number, external id, category, name, institution, short name, country, its id.
    expect(text(files, 'teams.tsv').split('\n').slice(0, 2)).toEqual([
      'teams\t1',
      '1\tteam-1\tparticipants\tByte Me\tKTH Royal Institute of Technology\tKTH\tSWE\tkth',
    ]);
    expect(first(files, 'submissions.json')).toMatchObject({ language_id: 'python3', team_id: 'team-1' });
    expect(first(files, 'judgements.json')).toMatchObject({
      judgement_type_id: 'RTE',
      max_run_time: 0.12,
    });
    expect(text(files, 'submissions/1/files/main.py')).toBe('print(1)\n');
    expect(text(files, 'accounts.json')).not.toContain('password');

    const read = readContestPackage(files, known);
    expect(read.errors).toEqual([]);
    expect(read.pkg).toEqual(sample);
    expect([...read.problemPackages.keys()]).toEqual(['hello', 'sum-pair']);
  });

  it('reads a penalty time in minutes or as a relative time, and 20 minutes when there is none', () => {
    const files = written();
    const penalty = (line: string) => {
      const contest = text(written(), 'contest.yaml').replace(/^penalty_time: .*\n/m, line);
      files.set('contest.yaml', Buffer.from(contest));
      return readContestPackage(files, known).pkg.contest.penaltyMinutes;
    };
    expect(penalty('penalty_time: 30\n')).toBe(30);
    expect(penalty('penalty_time: 0:25:00\n')).toBe(25);
    expect(penalty('')).toBe(20);
  });

  it('reads teams.tsv and problemset.yaml when the JSON and problems.yaml are absent', () => {
    const files = written();
    for (const name of ['teams.json', 'organizations.json', 'problems.yaml']) files.delete(name);
    const read = readContestPackage(files, known);
    expect(read.errors).toEqual([]);
    expect(read.pkg.teams.map((t) => [t.id, t.name, t.organizationId])).toEqual([
      ['team-1', 'Byte Me', 'kth'],
      ['team-2', 'Solo', null],
    ]);
    expect(read.pkg.organizations).toEqual([
      { id: 'kth', name: 'KTH', formalName: 'KTH Royal Institute of Technology', country: 'SWE' },
    ]);
    expect(read.pkg.problems.map((p) => [p.label, p.id, p.rgb])).toEqual([
      ['A', 'hello', '#ff0000'],
      ['B', 'sum-pair', null],
    ]);
  });

  it('lists every problem of a bad package, in every file', () => {
    const files = written();
    files.set('contest.yaml', Buffer.from('name: [unclosed\n'));
    const teams = JSON.parse(text(files, 'teams.json')) as { id: string; organization_id: string | null }[];
    teams[1].organization_id = 'nowhere';
    teams.push({ ...teams[0] });
    files.set('teams.json', Buffer.from(JSON.stringify(teams)));
    const submissions = JSON.parse(text(files, 'submissions.json')) as Record<string, unknown>[];
    submissions.push({ ...submissions[0], id: '2', problem_id: 'Z', language_id: 'cobol' });
    files.set('submissions.json', Buffer.from(JSON.stringify(submissions)));
    files.delete('problems/sum-pair/sum-pair.zip');

    const { errors } = readContestPackage(files, known);
    const messages = errors.map((e) => `${e.file}: ${e.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^contest\.yaml: not readable as YAML/),
        'problems/sum-pair: no package for problem sum-pair: problems/sum-pair/sum-pair.zip or its folder',
        'teams.json: the team id team-1 appears twice',
        'teams.json: team team-2: its organisation nowhere is not in organizations.json',
        'submissions.json: submission 2: no problem has the id Z',
        'submissions.json: submission 2: this judge has no language cobol',
        'judgements.json: submission 2 has no judgement: only judged submissions are imported',
      ]),
    );
  });

  it('refuses an individual contest whose team is not one account', () => {
    const files = written({ ...sample, contest: { ...sample.contest, individual: true } });
    expect(readContestPackage(files, known).errors).toEqual([
      { file: 'teams.json', message: 'team team-1: in an individual contest each team is one account' },
    ]);
  });

  it('takes the latest current judgement, and maps the other systems\u2019 judgement types', () => {
    const files = written();
    const judgements = [
      {
        id: 'a',
        submission_id: '1',
        judgement_type_id: 'WA',
        start_time: '2026-03-01T09:10:01Z',
        end_time: '2026-03-01T09:10:02Z',
      },
      {
        id: 'b',
        submission_id: '1',
        judgement_type_id: 'AC',
        start_time: '2026-03-01T09:20:01Z',
        end_time: '2026-03-01T09:20:02Z',
      },
      { id: 'c', submission_id: '1', judgement_type_id: 'NO', current: false, start_time: '2026-03-01T09:30:01Z' },
    ];
    files.set('judgements.json', Buffer.from(JSON.stringify(judgements)));
    const read = readContestPackage(files, known);
    expect(read.errors).toEqual([]);
    // Without a score, another system's judgement is pass-fail: 1 of 1 when accepted.
    expect(read.pkg.judgements).toMatchObject([
      { submissionId: '1', verdict: 'AC', score: 1, maxScore: 1, groups: [] },
    ]);

    files.set('judgements.json', Buffer.from(JSON.stringify([{ ...judgements[0], judgement_type_id: 'XYZ' }])));
    expect(readContestPackage(files, known).errors.map((e) => e.message)).toContain(
      'submission 1: unknown judgement type XYZ',
    );
  });
});
