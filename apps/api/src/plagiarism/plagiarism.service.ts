import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PlagiarismPair, PlagiarismReport, PlagiarismSubmissionRef } from '@judge/contract';
import type { LanguageRegistry } from '@judge/judge';
import { comparePrograms } from '@judge/plagiarism';
import { isStaff, type Caller } from '../auth/auth.decorators';
import { forbidden, notFound } from '../common/app-error';
import { LANGUAGES } from '../tokens';

export interface ReportQuery {
  /** Pairs below this similarity are left out. */
  minSimilarity: number;
  /** At most this many pairs, the most similar. */
  limit: number;
}

interface CandidateRow {
  id: string;
  user_id: string;
  username: string;
  problem_id: string;
  language: string;
  source: string;
  created_at: Date;
}

/**
 * Each user's latest accepted submission per problem, else their latest judged one, oldest first (so that in
 * every pair `a` is the earlier submission). `%s` narrows the submissions.
 */
const CANDIDATES_SQL = `
  SELECT * FROM (
    SELECT DISTINCT ON (s.user_id, s.problem_id)
      s.id, s.user_id, u.username, s.problem_id, s.language, s.source, s.created_at
    FROM submissions s JOIN users u ON u.id = s.user_id
    WHERE s.status = 'done' AND %s
    ORDER BY s.user_id, s.problem_id, (s.verdict = 'AC') DESC NULLS LAST, s.created_at DESC
  ) latest
  ORDER BY created_at, id`;

/** Plagiarism reports over the submissions of a problem or of an assignment (docs/plagiarism.md). */
@Injectable()
export class PlagiarismService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(LANGUAGES) private readonly languages: LanguageRegistry,
  ) {}

  /** Every submission to the problem, wherever it was made (practice, contests, assignments). */
  async forProblem(problemId: string, query: ReportQuery): Promise<PlagiarismReport> {
    const found = await this.dataSource.query<unknown[]>('SELECT 1 FROM problems WHERE id::text = $1', [problemId]);
    if (found.length === 0) throw notFound('problem');
    const rows = await this.dataSource.query<CandidateRow[]>(CANDIDATES_SQL.replace('%s', 's.problem_id::text = $1'), [
      problemId,
    ]);
    return this.report(rows, query);
  }

  /** The submissions made for the assignment, problem by problem; for the course's teachers, setters and admins. */
  async forAssignment(
    caller: Caller,
    courseId: string,
    assignmentId: string,
    query: ReportQuery,
  ): Promise<PlagiarismReport> {
    const found = await this.dataSource.query<unknown[]>(
      'SELECT 1 FROM assignments WHERE id::text = $1 AND course_id::text = $2',
      [assignmentId, courseId],
    );
    if (found.length === 0) throw notFound('assignment');
    if (!isStaff(caller)) {
      const teacher = await this.dataSource.query<unknown[]>(
        "SELECT 1 FROM course_members WHERE course_id::text = $1 AND user_id = $2 AND role = 'teacher'",
        [courseId, caller.id],
      );
      if (teacher.length === 0) throw forbidden('only the course’s teachers see its plagiarism reports');
    }
    const rows = await this.dataSource.query<CandidateRow[]>(
      CANDIDATES_SQL.replace(
        '%s',
        's.assignment_id::text = $1 AND s.problem_id IN (SELECT problem_id FROM assignment_problems WHERE assignment_id::text = $1)',
      ),
      [assignmentId],
    );
    return this.report(rows, query);
  }

  /**
   * Compares the submissions of each problem with each other, only within a language family: the one the
   * language's definition names (a language no longer defined is compared only with itself).
   */
  private report(rows: CandidateRow[], query: ReportQuery): PlagiarismReport {
    const byProblem = new Map<string, CandidateRow[]>();
    for (const row of rows) byProblem.set(row.problem_id, [...(byProblem.get(row.problem_id) ?? []), row]);
    const refs = new Map<string, PlagiarismSubmissionRef>(rows.map((row) => [row.id, refOf(row)]));
    const pairs: PlagiarismPair[] = [];
    for (const submissions of byProblem.values()) {
      const matches = comparePrograms(
        submissions.map((s) => ({
          id: s.id,
          userId: s.user_id,
          language: s.language,
          family: this.languages.find(s.language)?.plagiarism,
          source: s.source,
        })),
        { minSimilarity: query.minSimilarity },
      );
      for (const match of matches) {
        pairs.push({
          a: refs.get(match.a)!,
          b: refs.get(match.b)!,
          similarity: Math.round(match.similarity * 1000) / 1000,
          regions: match.regions,
        });
      }
    }
    pairs.sort((x, y) => y.similarity - x.similarity);
    return { submissions: rows.length, pairs: pairs.slice(0, query.limit) };
  }
}

function refOf(row: CandidateRow): PlagiarismSubmissionRef {
  return {
    submissionId: row.id,
    userId: row.user_id,
    username: row.username,
    problemId: row.problem_id,
    language: row.language,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
