import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlagiarismReport } from '@judge/contract';
import { createUsers, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

/** A+B three ways: an original, a disguised copy of it, and a solution written independently. */
const ORIGINAL = `import sys


def read_numbers():
    line = sys.stdin.readline()
    parts = line.split()
    first = int(parts[0])
    second = int(parts[1])
    return first, second


def main():
    a, b = read_numbers()
    result = a + b
    sys.stdout.write(str(result) + "\\n")


if __name__ == "__main__":
    main()
`;

const DISGUISED_COPY = `import sys

# read both numbers from the input
def get_input():
  text = sys.stdin.readline()
  pieces = text.split()
  x = int(pieces[0]); y = int(pieces[1])
  return x, y

def solve():
  p, q = get_input()
  total = p + q   # the sum
  sys.stdout.write(str(total) + '\\n')

if __name__ == '__main__':
  solve()
`;

const INDEPENDENT = `values = [int(token) for token in input().split()]
total = 0
for v in values:
    total += v
print(total)
`;

let api: TestApi;
let admin: string;
const tokens: Record<string, string> = {};
let problemId: string;
const submissionOf: Record<string, string> = {};

const judged = (id: string) => untilJudged<{ status: string; verdict: string }>(api, admin, id);

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('admin', 'admin-password');
  const users = { alice: 'contestant', bob: 'contestant', carol: 'contestant', tina: 'contestant' } as const;
  Object.assign(tokens, (await createUsers(api, admin, users)).tokens);
  problemId = await uploadExample(api, admin, 'hello');

  const sources: Record<string, string> = { alice: ORIGINAL, bob: DISGUISED_COPY, carol: INDEPENDENT };
  for (const [name, source] of Object.entries(sources)) {
    const response = await api.call('POST', '/api/submissions', {
      token: tokens[name],
      json: { problemId, language: 'python', source },
    });
    expect(response.status).toBe(201);
    submissionOf[name] = ((await response.json()) as { id: string }).id;
  }
  for (const id of Object.values(submissionOf)) expect((await judged(id)).verdict).toBe('AC');
});

afterAll(async () => {
  await api?.dispose();
});

const pairOf = (report: PlagiarismReport, x: string, y: string) =>
  report.pairs.find((p) => [p.a.username, p.b.username].sort().join() === [x, y].sort().join());

describe('plagiarism reports over HTTP', () => {
  it("a problem's report ranks the disguised copy first, with its regions; the independent pair is low or absent", async () => {
    const response = await api.call('GET', `/api/problems/${problemId}/plagiarism?minSimilarity=0`, { token: admin });
    expect(response.status).toBe(200);
    const report = (await response.json()) as PlagiarismReport;
    expect(report.submissions).toBe(3);
    const top = report.pairs[0];
    expect([top.a.username, top.b.username].sort()).toEqual(['alice', 'bob']);
    // The earlier submission is `a`.
    expect(top.a.submissionId).toBe(submissionOf.alice);
    expect(top.b).toMatchObject({ submissionId: submissionOf.bob, language: 'python', problemId });
    expect(top.similarity).toBeGreaterThanOrEqual(0.8);
    expect(top.regions.length).toBeGreaterThan(0);
    // The copied lines: from the helper function to the call of main (original 4–19, copy 4–16).
    const coversA = (line: number) => top.regions.some((r) => r.a.startLine <= line && line <= r.a.endLine);
    const coversB = (line: number) => top.regions.some((r) => r.b.startLine <= line && line <= r.b.endLine);
    for (const line of [5, 8, 13, 15]) expect(coversA(line)).toBe(true);
    for (const line of [5, 7, 11, 13]) expect(coversB(line)).toBe(true);
    for (const other of [pairOf(report, 'alice', 'carol'), pairOf(report, 'bob', 'carol')]) {
      expect(other?.similarity ?? 0).toBeLessThanOrEqual(0.3);
      expect(top.similarity - (other?.similarity ?? 0)).toBeGreaterThanOrEqual(0.5);
    }

    // The default threshold leaves the independent solution out.
    const defaults = (await (
      await api.call('GET', `/api/problems/${problemId}/plagiarism`, { token: admin })
    ).json()) as PlagiarismReport;
    expect(defaults.pairs.map((p) => [p.a.username, p.b.username].sort().join())).toEqual(['alice,bob']);
  });

  it('takes the latest accepted submission of each user, and never pairs a user with themselves', async () => {
    // Bob submits the original verbatim, but it is wrong: his accepted copy still counts.
    const wrong = ORIGINAL.replace('a + b', 'a - b');
    const response = await api.call('POST', '/api/submissions', {
      token: tokens.bob,
      json: { problemId, language: 'python', source: wrong },
    });
    const id = ((await response.json()) as { id: string }).id;
    expect((await judged(id)).verdict).toBe('WA');
    const report = (await (
      await api.call('GET', `/api/problems/${problemId}/plagiarism?minSimilarity=0&limit=1`, { token: admin })
    ).json()) as PlagiarismReport;
    expect(report.submissions).toBe(3);
    expect(report.pairs).toHaveLength(1);
    expect(report.pairs[0].b.submissionId).toBe(submissionOf.bob);
  });

  it('contestants get 403; bad queries 400; unknown problems 404', async () => {
    const forbidden = await api.call('GET', `/api/problems/${problemId}/plagiarism`, { token: tokens.alice });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { code: string }).code).toBe('FORBIDDEN');
    const bad = await api.call('GET', `/api/problems/${problemId}/plagiarism?minSimilarity=2`, { token: admin });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    const unknown = await api.call('GET', '/api/problems/00000000-0000-0000-0000-000000000000/plagiarism', {
      token: admin,
    });
    expect(unknown.status).toBe(404);
  });

  it("an assignment's report, for the course's teachers only", async () => {
    // The admin's verbatim copy, made in practice, is not part of the assignment.
    const practice = await api.call('POST', '/api/submissions', {
      token: admin,
      json: { problemId, language: 'python', source: ORIGINAL },
    });
    expect((await judged(((await practice.json()) as { id: string }).id)).verdict).toBe('AC');

    // The course, its assignment and the submissions made for it, written straight to the tables.
    const db = new Client({ connectionString: api.config.DATABASE_URL });
    await db.connect();
    let courseId: string;
    let assignmentId: string;
    try {
      courseId = (
        (await db.query("INSERT INTO courses (title, join_code) VALUES ('Algorithms', 'PLAG01') RETURNING id"))
          .rows[0] as { id: string }
      ).id;
      await db.query(
        `INSERT INTO course_members (course_id, user_id, role)
         SELECT $1, id, CASE WHEN username = 'tina' THEN 'teacher' ELSE 'student' END FROM users
         WHERE username IN ('tina', 'alice', 'bob', 'carol')`,
        [courseId],
      );
      assignmentId = (
        (
          await db.query(
            `INSERT INTO assignments (course_id, title, kind, opens_at, deadline)
             VALUES ($1, 'Week 1', 'assignment', now() - interval '1 day', now() + interval '1 day') RETURNING id`,
            [courseId],
          )
        ).rows[0] as { id: string }
      ).id;
      await db.query(
        `INSERT INTO assignment_problems (assignment_id, problem_id, label, position) VALUES ($1, $2, 'A', 0)`,
        [assignmentId, problemId],
      );
      // The three students' accepted solutions were made for the assignment.
      await db.query('UPDATE submissions SET assignment_id = $1 WHERE id = ANY($2)', [
        assignmentId,
        [submissionOf.alice, submissionOf.bob, submissionOf.carol],
      ]);
    } finally {
      await db.end();
    }
    const path = `/api/courses/${courseId}/assignments/${assignmentId}/plagiarism?minSimilarity=0`;

    const teacher = await api.call('GET', path, { token: tokens.tina });
    expect(teacher.status).toBe(200);
    const report = (await teacher.json()) as PlagiarismReport;
    expect(report.submissions).toBe(3);
    expect([report.pairs[0].a.username, report.pairs[0].b.username]).toEqual(['alice', 'bob']);
    expect(report.pairs[0].similarity).toBeGreaterThanOrEqual(0.8);
    expect(report.pairs.some((p) => p.a.username === 'admin' || p.b.username === 'admin')).toBe(false);
    expect((pairOf(report, 'alice', 'carol')?.similarity ?? 0) <= 0.3).toBe(true);

    expect((await api.call('GET', path, { token: admin })).status).toBe(200);
    expect((await api.call('GET', path, { token: tokens.carol })).status).toBe(403);
    const elsewhere = await api.call(
      'GET',
      `/api/courses/00000000-0000-0000-0000-000000000000/assignments/${assignmentId}/plagiarism`,
      { token: tokens.tina },
    );
    expect(elsewhere.status).toBe(404);
  });

  it('compares programs within the family their language definitions name: C with C++, never with Python', async () => {
    // Valid C and C++ alike; languages.yaml gives both `plagiarism: c`.
    const sum = `#include <stdio.h>
int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    long long sum = a + b;
    printf("%lld\\n", sum);
    return 0;
}
`;
    const { tokens: more } = await createUsers(api, admin, { dave: 'contestant', erin: 'contestant' });
    for (const [name, language] of [
      ['dave', 'c'],
      ['erin', 'cpp'],
    ]) {
      const response = await api.call('POST', '/api/submissions', {
        token: more[name],
        json: { problemId, language, source: sum },
      });
      expect((await judged(((await response.json()) as { id: string }).id)).verdict).toBe('AC');
    }
    const report = (await (
      await api.call('GET', `/api/problems/${problemId}/plagiarism?minSimilarity=0&limit=100`, { token: admin })
    ).json()) as PlagiarismReport;
    const cross = pairOf(report, 'dave', 'erin');
    expect([cross?.a.language, cross?.b.language]).toEqual(['c', 'cpp']);
    expect(cross?.similarity).toBe(1);
    for (const other of ['alice', 'bob', 'carol']) {
      expect(pairOf(report, 'dave', other)).toBeUndefined();
      expect(pairOf(report, 'erin', other)).toBeUndefined();
    }
  });
});
