import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { feedbackLevelFor, type FeedbackLevel, type FeedbackPlace, type SubmissionView } from '@judge/contract';
import { isStaff, type Caller } from '../auth/auth.decorators';
import { restrictSubmission } from './feedback';

/** What the policy reads of a submission: which problem, and where it was made. */
export interface FeedbackSubject {
  id: string;
  problemId: string;
  contestId: string | null;
  assignmentId: string | null;
}

/**
 * Which feedback level each submission shows to a caller (docs/security-model.md, "Feedback levels"). Staff see
 * everything: admins and setters (who run contests and see every submission), the problem's author, and the
 * teachers of the course a submission was made for. Anyone else (a submission's author) sees the level of the
 * place it was made in, as feedbackLevelFor in @judge/contract decides it.
 */
@Injectable()
export class FeedbackPolicy {
  constructor(private readonly dataSource: DataSource) {}

  /** The level of each submission for this caller, by submission id; a few queries for a whole page. */
  async levels(caller: Caller, subjects: readonly FeedbackSubject[]): Promise<Map<string, FeedbackLevel>> {
    const levels = new Map<string, FeedbackLevel>();
    if (isStaff(caller) || subjects.length === 0) {
      for (const s of subjects) levels.set(s.id, 'full');
      return levels;
    }
    const ids = (pick: (s: FeedbackSubject) => string | null) => [
      ...new Set(subjects.map(pick).filter((id): id is string => id !== null)),
    ];
    const [problems, contests, assignments] = await Promise.all([
      this.dataSource.query<{ id: string; feedback: FeedbackLevel; created_by: string | null }[]>(
        'SELECT id, feedback, created_by FROM problems WHERE id = ANY($1::uuid[])',
        [ids((s) => s.problemId)],
      ),
      this.dataSource.query<{ id: string; feedback: FeedbackLevel | null }[]>(
        'SELECT id, feedback FROM contests WHERE id = ANY($1::uuid[])',
        [ids((s) => s.contestId)],
      ),
      this.dataSource.query<{ id: string; feedback: FeedbackLevel | null; kind: string; teaches: boolean }[]>(
        `SELECT a.id, a.feedback, a.kind, EXISTS (
           SELECT 1 FROM course_members m WHERE m.course_id = a.course_id AND m.user_id = $2 AND m.role = 'teacher'
         ) AS teaches
         FROM assignments a WHERE a.id = ANY($1::uuid[])`,
        [ids((s) => s.assignmentId), caller.id],
      ),
    ]);
    const problem = new Map(problems.map((p) => [p.id, p]));
    const contest = new Map(contests.map((c) => [c.id, c]));
    const assignment = new Map(assignments.map((a) => [a.id, a]));
    for (const s of subjects) {
      const p = problem.get(s.problemId);
      const a = s.assignmentId ? assignment.get(s.assignmentId) : undefined;
      if (p?.created_by === caller.id || a?.teaches) {
        levels.set(s.id, 'full');
        continue;
      }
      const place: FeedbackPlace = s.contestId
        ? { kind: 'contest', level: contest.get(s.contestId)?.feedback ?? null }
        : s.assignmentId
          ? // An assignment gone from under its submissions: the strictest default, as for an exam.
            { kind: 'assignment', exam: a?.kind !== 'assignment', level: a?.feedback ?? null }
          : { kind: 'practice' };
      levels.set(s.id, feedbackLevelFor(p?.feedback ?? null, place));
    }
    return levels;
  }

  /** Names of the sample tests of a problem version: what the event stream may show below `full`. */
  async sampleNames(problemVersionId: string): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ name: string }[]>(
      `SELECT jsonb_array_elements(summary->'samples')->>'name' AS name FROM problem_versions WHERE id = $1`,
      [problemVersionId],
    );
    return new Set(rows.map((r) => r.name));
  }

  async level(caller: Caller, subject: FeedbackSubject): Promise<FeedbackLevel> {
    return (await this.levels(caller, [subject])).get(subject.id) ?? 'verdict-only';
  }

  /** Views of submissions as this caller may see them; `views[i]` is the full view of `subjects[i]`. */
  async restrict(
    caller: Caller,
    subjects: readonly FeedbackSubject[],
    views: SubmissionView[],
  ): Promise<SubmissionView[]> {
    const levels = await this.levels(caller, subjects);
    return views.map((view, i) => restrictSubmission(view, levels.get(subjects[i].id) ?? 'verdict-only'));
  }
}
