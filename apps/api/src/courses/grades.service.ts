import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { DataSource, In, type Repository } from 'typeorm';
import type { GradeCell, GradeGrid } from '@judge/contract';
import type { Caller } from '../auth/auth.decorators';
import { SubmissionEntity } from '../database/entities';
import { latestAdjustments } from '../review/adjustments';
import { roundPoints, submissionPoints } from '../submissions/points';
import {
  AssignmentEntity,
  AssignmentExtensionEntity,
  AssignmentProblemEntity,
  ExamStartEntity,
} from './course.entities';
import { assertTeacher, CoursesService } from './courses.service';
import { afterLatePenalty, bestOf } from './grading';
import { studentWindow } from './window';

/**
 * Grades of an assignment. Each judged submission is worth its points after the late penalty (measured
 * from the student's own deadline), or its latest manual adjustment when it has one; a student's cell
 * for a problem is their submission worth the most, the earliest on ties. Pending submissions don't count.
 */
@Injectable()
export class GradesService {
  constructor(
    private readonly courses: CoursesService,
    @InjectRepository(AssignmentEntity) private readonly assignments: Repository<AssignmentEntity>,
    @InjectRepository(AssignmentProblemEntity) private readonly assignmentProblems: Repository<AssignmentProblemEntity>,
    @InjectRepository(AssignmentExtensionEntity) private readonly extensions: Repository<AssignmentExtensionEntity>,
    @InjectRepository(ExamStartEntity) private readonly starts: Repository<ExamStartEntity>,
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
    private readonly dataSource: DataSource,
  ) {}

  /** Cells by user, then by label; a problem without a judged submission has no cell. */
  async cells(assignment: AssignmentEntity, userIds: string[]): Promise<Map<string, Map<string, GradeCell>>> {
    const result = new Map(userIds.map((id) => [id, new Map<string, GradeCell>()]));
    if (userIds.length === 0) return result;
    const [problems, extensions, starts, submissions] = await Promise.all([
      this.assignmentProblems.findBy({ assignmentId: assignment.id }),
      this.extensions.findBy({ assignmentId: assignment.id, userId: In(userIds) }),
      this.starts.findBy({ assignmentId: assignment.id, userId: In(userIds) }),
      this.submissions.findBy({ assignmentId: assignment.id, status: 'done', userId: In(userIds) }),
    ]);
    const labels = new Map(problems.map((p) => [p.problemId, p.label]));
    const extension = new Map(extensions.map((e) => [e.userId, e.deadline]));
    const started = new Map(starts.map((s) => [s.userId, s.startedAt]));
    const adjustments = await latestAdjustments(
      this.dataSource.manager,
      submissions.map((s) => s.id),
    );
    // The deadline a student's submissions are measured against does not depend on when we look.
    const deadlines = new Map(
      userIds.map((id) => [
        id,
        studentWindow(
          assignment,
          { extension: extension.get(id) ?? null, startedAt: started.get(id) ?? null },
          new Date(0),
        ).deadline,
      ]),
    );
    const candidates = new Map<string, (GradeCell & { id: string; createdAt: Date })[]>();
    for (const s of submissions) {
      const label = labels.get(s.problemId);
      if (!label) continue;
      const deadline = deadlines.get(s.userId)!;
      const autoPoints = submissionPoints(s);
      const adjustment = adjustments.get(s.id);
      const key = `${s.userId}\u0000${label}`;
      const list = candidates.get(key) ?? [];
      list.push({
        id: s.id,
        createdAt: s.createdAt,
        points: adjustment
          ? adjustment.points
          : afterLatePenalty(autoPoints, assignment.latePenalty, deadline, s.createdAt),
        autoPoints,
        submissionId: s.id,
        submittedAt: s.createdAt.toISOString(),
        late: s.createdAt > deadline,
        adjusted: adjustment !== undefined,
      });
      candidates.set(key, list);
    }
    for (const [key, list] of candidates) {
      const [userId, label] = key.split('\u0000');
      const best = bestOf(list)!;
      result.get(userId)!.set(label, {
        points: best.points,
        autoPoints: best.autoPoints,
        submissionId: best.submissionId,
        submittedAt: best.submittedAt,
        late: best.late,
        adjusted: best.adjusted,
      });
    }
    return result;
  }

  /** Every student of the course × every problem of the assignment. */
  async grid(caller: Caller, courseId: string, assignmentId: string): Promise<GradeGrid> {
    const [access, assignment] = await this.courses.assignment(caller, courseId, assignmentId);
    assertTeacher(access, "only the course's teachers see the grades");
    const problems = await this.dataSource.query<{ label: string; title: string }[]>(
      `SELECT ap.label, p.title FROM assignment_problems ap JOIN problems p ON p.id = ap.problem_id
       WHERE ap.assignment_id = $1 ORDER BY ap.position`,
      [assignment.id],
    );
    const students = await this.dataSource.query<{ id: string; username: string }[]>(
      `SELECT u.id, u.username FROM course_members m JOIN users u ON u.id = m.user_id
       WHERE m.course_id = $1 AND m.role = 'student' ORDER BY u.username`,
      [courseId],
    );
    const cells = await this.cells(
      assignment,
      students.map((s) => s.id),
    );
    return {
      problems,
      rows: students.map((s) => {
        const mine = cells.get(s.id)!;
        const row = Object.fromEntries(problems.map((p) => [p.label, mine.get(p.label) ?? null]));
        const total = roundPoints([...mine.values()].reduce((sum, c) => sum + c.points, 0));
        return { userId: s.id, username: s.username, total, cells: row };
      }),
    };
  }

  /** The grid as CSV: username, each label's points, each label's best-submission time, total. */
  async csv(caller: Caller, courseId: string, assignmentId: string): Promise<{ fileName: string; body: string }> {
    const grid = await this.grid(caller, courseId, assignmentId);
    const assignment = await this.assignments.findOneByOrFail({ id: assignmentId });
    const labels = grid.problems.map((p) => p.label);
    const header = ['username', ...labels, ...labels.map((l) => `${l} time`), 'total'];
    const rows = grid.rows.map((r) => [
      r.username,
      ...labels.map((l) => r.cells[l]?.points ?? ''),
      ...labels.map((l) => r.cells[l]?.submittedAt ?? ''),
      r.total,
    ]);
    const slug =
      assignment.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'assignment';
    return { fileName: `${slug}-grades.csv`, body: stringify([header, ...rows]) };
  }
}
