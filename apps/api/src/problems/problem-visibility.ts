import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isStaff, type Caller } from '../auth/auth.decorators';
import { notFound } from '../common/app-error';

// Problem ids hidden from non-staff now (PostgreSQL's greatest() skips nulls).
const HIDDEN_SQL = `
  SELECT p.id AS problem_id FROM problems p WHERE p.visibility = 'draft'
  UNION
  SELECT cp.problem_id FROM contest_problems cp JOIN contests c ON c.id = cp.contest_id
  WHERE c.ends_at > now() OR NOT c.practice_after
  UNION
  SELECT ap.problem_id FROM assignment_problems ap JOIN assignments a ON a.id = ap.assignment_id
  WHERE a.kind = 'exam'
    AND greatest(
      a.deadline,
      a.late_until,
      (SELECT max(e.deadline) FROM assignment_extensions e WHERE e.assignment_id = a.id)
    ) > now()`;

/**
 * Which problems are hidden from practice (the problem list, a problem's page, practice submissions):
 * - drafts, until published (new problems start as drafts), also after a contest with `practice_after` that held
 *   them: publishing is the author's choice alone;
 * - a contest's problems while the contest has not ended, and after it unless it has `practice_after`;
 * - an exam's problems until the exam closes: the latest of its deadline, its late_until and any student's
 *   extension, so that no one still sitting it can find its problems elsewhere.
 * Setters and admins see everything. Contest and course routes show their own problems by their own rules.
 */
@Injectable()
export class ProblemVisibility {
  constructor(private readonly dataSource: DataSource) {}

  /** Ids of the problems this caller may not see in practice now. */
  async hiddenFromPractice(caller: Caller): Promise<Set<string>> {
    if (isStaff(caller)) return new Set();
    const rows = await this.dataSource.query<{ problem_id: string }[]>(HIDDEN_SQL);
    return new Set(rows.map((r) => r.problem_id));
  }

  async isHiddenFromPractice(caller: Caller, problemId: string): Promise<boolean> {
    if (isStaff(caller)) return false;
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM (${HIDDEN_SQL}) hidden WHERE problem_id::text = $1 LIMIT 1`,
      [problemId],
    );
    return rows.length > 0;
  }

  /** A hidden problem does not exist for the caller: 404, as for an unknown id. */
  async assertPracticeVisible(caller: Caller, problemId: string): Promise<void> {
    if (await this.isHiddenFromPractice(caller, problemId)) throw notFound('problem');
  }
}
