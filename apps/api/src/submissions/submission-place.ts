import type { EntityManager } from 'typeorm';
import type { SubmissionNeighbours, SubmissionPlace } from '@judge/contract';

/** What the place of a submission is read from. */
export interface Placed {
  id: string;
  problemId: string;
  contestId: string | null;
  assignmentId: string | null;
  createdAt: Date;
}

/**
 * Where a submission was made, as its page names it: the contest and the problem's label there, or the course,
 * the assignment and the label; null for practice, or when the contest or assignment is gone.
 */
export async function submissionPlace(manager: EntityManager, s: Placed): Promise<SubmissionPlace | null> {
  return (await submissionPlaces(manager, [s])).get(s.id) ?? null;
}

/** The places of a page of submissions by id, in two queries whatever its length (practice ones left out). */
export async function submissionPlaces(
  manager: EntityManager,
  rows: readonly Placed[],
): Promise<Map<string, SubmissionPlace>> {
  const ids = (pick: (s: Placed) => string | null) => [
    ...new Set(rows.map(pick).filter((id): id is string => id !== null)),
  ];
  const contestIds = ids((s) => s.contestId);
  const assignmentIds = ids((s) => s.assignmentId);
  const [contests, assignments] = await Promise.all([
    contestIds.length === 0
      ? []
      : manager.query<{ id: string; title: string; problem_id: string | null; label: string | null }[]>(
          `SELECT c.id, c.title, cp.problem_id, cp.label FROM contests c
           LEFT JOIN contest_problems cp ON cp.contest_id = c.id
           WHERE c.id = ANY($1::uuid[])`,
          [contestIds],
        ),
    assignmentIds.length === 0
      ? []
      : manager.query<
          {
            id: string;
            title: string;
            course_id: string;
            course_title: string;
            problem_id: string | null;
            label: string | null;
          }[]
        >(
          `SELECT a.id, a.title, a.course_id, c.title AS course_title, ap.problem_id, ap.label FROM assignments a
           JOIN courses c ON c.id = a.course_id
           LEFT JOIN assignment_problems ap ON ap.assignment_id = a.id
           WHERE a.id = ANY($1::uuid[])`,
          [assignmentIds],
        ),
  ]);
  const places = new Map<string, SubmissionPlace>();
  for (const s of rows) {
    if (s.contestId) {
      const here = contests.filter((c) => c.id === s.contestId);
      if (here.length === 0) continue;
      const label = here.find((c) => c.problem_id === s.problemId)?.label ?? null;
      places.set(s.id, { kind: 'contest', contestId: here[0].id, contestTitle: here[0].title, problemLabel: label });
    } else if (s.assignmentId) {
      const here = assignments.filter((a) => a.id === s.assignmentId);
      if (here.length === 0) continue;
      places.set(s.id, {
        kind: 'assignment',
        courseId: here[0].course_id,
        courseTitle: here[0].course_title,
        assignmentId: here[0].id,
        assignmentTitle: here[0].title,
        problemLabel: here.find((a) => a.problem_id === s.problemId)?.label ?? null,
      });
    }
  }
  return places;
}

/** Whether the user teaches the course an assignment belongs to. */
export async function teachesAssignment(manager: EntityManager, userId: string, assignmentId: string) {
  const rows = await manager.query<unknown[]>(
    `SELECT 1 FROM assignments a JOIN course_members m ON m.course_id = a.course_id
     WHERE a.id = $1 AND m.user_id = $2 AND m.role = 'teacher'`,
    [assignmentId, userId],
  );
  return rows.length > 0;
}

/**
 * The submissions before and after this one among those of its assignment or contest, oldest first (by time, then
 * id): a teacher goes through a class's submissions one after another. Null for practice.
 */
export async function submissionNeighbours(manager: EntityManager, s: Placed): Promise<SubmissionNeighbours | null> {
  const column = s.contestId ? 'contest_id' : s.assignmentId ? 'assignment_id' : null;
  if (!column) return null;
  const [row] = await manager.query<
    { previous: string | null; next: string | null; position: number; total: number }[]
  >(
    `WITH ordered AS (
       SELECT id, lag(id) OVER w AS previous, lead(id) OVER w AS next,
              row_number() OVER w AS position, count(*) OVER () AS total
       FROM submissions WHERE ${column} = $1
       WINDOW w AS (ORDER BY created_at, id)
     )
     SELECT previous, next, position::int, total::int FROM ordered WHERE id = $2`,
    [s.contestId ?? s.assignmentId, s.id],
  );
  return row ? { previous: row.previous, next: row.next, position: row.position, total: row.total } : null;
}
