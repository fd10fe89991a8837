import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import type {
  AssignmentInput,
  AssignmentView,
  ExtensionView,
  ProblemDetail,
  StudentWindow,
  SubmissionPage,
  SubmissionProgram,
} from '@judge/contract';
import type { Caller } from '../auth/auth.decorators';
import { AppError, badRequest, conflict, forbidden, notFound } from '../common/app-error';
import { isUuid } from '../common/uuid';
import { SubmissionEntity } from '../database/entities';
import { findByRef, ProblemSets, repeatedIn } from '../problems/problem-set';
import { ProblemsService } from '../problems/problems.service';
import type { ServedFile } from '../problems/statement-files';
import { latestAdjustments } from '../review/adjustments';
import { FeedbackPolicy } from '../submissions/feedback-policy';
import { SubmissionsService } from '../submissions/submissions.service';
import { UsersService } from '../users/users.service';
import {
  AssignmentEntity,
  AssignmentExtensionEntity,
  AssignmentProblemEntity,
  CourseMemberEntity,
  ExamStartEntity,
} from './course.entities';
import { assertTeacher, assignmentSummary, CoursesService } from './courses.service';
import { GradesService } from './grades.service';
import { closedAt, studentWindow, windowView, type ComputedWindow } from './window';

/** Rules across fields that a schema of each field cannot see. */
function checkInput(input: AssignmentInput): void {
  const fail = (message: string) => {
    throw badRequest('VALIDATION_FAILED', message);
  };
  const opensAt = new Date(input.opensAt);
  const deadline = new Date(input.deadline);
  if (deadline <= opensAt) fail('deadline: must be after opensAt');
  if (input.lateUntil) {
    if (!input.latePenalty) fail('lateUntil: needs a latePenalty (without one, nothing is taken late)');
    if (new Date(input.lateUntil) <= deadline) fail('lateUntil: must be after the deadline');
  }
  if (input.kind === 'exam') {
    if (!input.durationMinutes) fail('durationMinutes: an exam needs a duration');
    if (input.latePenalty) fail('latePenalty: exams take no late submissions');
  } else if (input.durationMinutes) {
    fail('durationMinutes: only exams have a duration');
  }
  if (input.kind !== 'exam' && ((input.allowedNetworks?.length ?? 0) > 0 || input.oneSession)) {
    fail('allowedNetworks: only exams are locked down');
  }
  const repeated = repeatedIn(input.problems);
  if (repeated === 'label') fail('problems: labels must differ');
  if (repeated === 'problem') fail('problems: a problem is listed twice');
}

@Injectable()
export class AssignmentsService {
  constructor(
    private readonly courses: CoursesService,
    private readonly grades: GradesService,
    private readonly problemsService: ProblemsService,
    private readonly problemSets: ProblemSets,
    private readonly submissionsService: SubmissionsService,
    private readonly users: UsersService,
    @InjectRepository(AssignmentProblemEntity) private readonly assignmentProblems: Repository<AssignmentProblemEntity>,
    @InjectRepository(AssignmentExtensionEntity) private readonly extensions: Repository<AssignmentExtensionEntity>,
    @InjectRepository(ExamStartEntity) private readonly starts: Repository<ExamStartEntity>,
    @InjectRepository(CourseMemberEntity) private readonly members: Repository<CourseMemberEntity>,
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
    private readonly dataSource: DataSource,
    private readonly feedback: FeedbackPolicy,
  ) {}

  private async openAsTeacher(caller: Caller, courseId: string, assignmentId: string): Promise<AssignmentEntity> {
    const [access, assignment] = await this.courses.assignment(caller, courseId, assignmentId);
    assertTeacher(access);
    return assignment;
  }

  async create(caller: Caller, courseId: string, input: AssignmentInput): Promise<{ id: string }> {
    await this.courses.asTeacher(caller, courseId);
    checkInput(input);
    await this.checkProblems(input);
    return this.dataSource.transaction(async (tx) => {
      const assignment = await tx.save(tx.create(AssignmentEntity, { courseId, ...this.fields(input) }));
      await tx.save(this.problemRows(assignment.id, input));
      return { id: assignment.id };
    });
  }

  /** Replaces every field and the problem list; submissions already made stay with the assignment. */
  async update(
    caller: Caller,
    courseId: string,
    assignmentId: string,
    input: AssignmentInput,
  ): Promise<AssignmentView> {
    const assignment = await this.openAsTeacher(caller, courseId, assignmentId);
    checkInput(input);
    await this.checkProblems(input);
    await this.dataSource.transaction(async (tx) => {
      await tx.update(AssignmentEntity, { id: assignment.id }, this.fields(input));
      await tx.delete(AssignmentProblemEntity, { assignmentId: assignment.id });
      await tx.save(this.problemRows(assignment.id, input));
    });
    return this.get(caller, courseId, assignmentId);
  }

  private fields(input: AssignmentInput): Partial<AssignmentEntity> {
    return {
      title: input.title,
      description: input.description ?? '',
      kind: input.kind,
      opensAt: new Date(input.opensAt),
      deadline: new Date(input.deadline),
      latePenalty: input.latePenalty ?? null,
      lateUntil: input.lateUntil ? new Date(input.lateUntil) : null,
      durationMinutes: input.kind === 'exam' ? (input.durationMinutes ?? null) : null,
      feedback: input.feedback ?? null,
      runsEnabled: input.runsEnabled ?? true,
      allowedNetworks: input.kind === 'exam' ? (input.allowedNetworks ?? []) : [],
      oneSession: input.kind === 'exam' && (input.oneSession ?? false),
    };
  }

  private problemRows(assignmentId: string, input: AssignmentInput): AssignmentProblemEntity[] {
    return input.problems.map((p, position) =>
      this.assignmentProblems.create({ assignmentId, problemId: p.problemId, label: p.label, position }),
    );
  }

  private async checkProblems(input: AssignmentInput): Promise<void> {
    const missing = await this.problemSets.firstMissing(input.problems);
    if (missing) throw badRequest('VALIDATION_FAILED', `problems: no problem ${missing.problemId}`);
  }

  /** A student's window now, with their extension and exam start. */
  async windowOf(assignment: AssignmentEntity, userId: string, now = new Date()): Promise<ComputedWindow> {
    const [extension, start] = await Promise.all([
      this.extensions.findOneBy({ assignmentId: assignment.id, userId }),
      assignment.kind === 'exam' ? this.starts.findOneBy({ assignmentId: assignment.id, userId }) : null,
    ]);
    return studentWindow(
      assignment,
      { extension: extension?.deadline ?? null, startedAt: start?.startedAt ?? null },
      now,
    );
  }

  /**
   * Whether a student sees the problems: once it opens; for an exam once they start it, or once it has
   * closed for everyone (no one can still be sitting it).
   */
  private async problemsShown(assignment: AssignmentEntity, window: ComputedWindow): Promise<boolean> {
    if (window.state === 'not-open') return false;
    if (assignment.kind !== 'exam' || window.startedAt) return true;
    const latest = await this.dataSource.query<{ last: Date | null }[]>(
      'SELECT max(deadline) AS last FROM assignment_extensions WHERE assignment_id = $1',
      [assignment.id],
    );
    const last = latest[0]?.last ? new Date(latest[0].last) : null;
    const closesAt = last && last > assignment.deadline ? last : assignment.deadline;
    return new Date() >= closesAt;
  }

  async get(caller: Caller, courseId: string, assignmentId: string): Promise<AssignmentView> {
    const [access, assignment] = await this.courses.assignment(caller, courseId, assignmentId);
    const student = access.role === 'student';
    const window = student ? await this.windowOf(assignment, caller.id) : null;
    const shown = !window || (await this.problemsShown(assignment, window));
    const rows = shown
      ? await this.assignmentProblems.find({ where: { assignmentId: assignment.id }, order: { position: 'ASC' } })
      : [];
    const problems = await this.problemSets.describe(rows);
    const mine = student ? (await this.grades.cells(assignment, [caller.id])).get(caller.id) : undefined;
    return {
      ...assignmentSummary(assignment),
      description: assignment.description,
      latePenalty: assignment.latePenalty,
      lateUntil: assignment.lateUntil?.toISOString() ?? null,
      feedback: assignment.feedback,
      runsEnabled: assignment.runsEnabled,
      allowedNetworks: assignment.allowedNetworks,
      oneSession: assignment.oneSession,
      problems: problems.map((p) => ({
        label: p.label,
        problemId: p.problemId,
        title: p.title,
        type: p.type,
        ...(student ? { points: mine?.get(p.label)?.points ?? null } : {}),
      })),
      window: window ? windowView(window) : null,
      ...(access.teacher ? { extensions: await this.extensionList(assignment.id) } : {}),
    };
  }

  private async extensionList(assignmentId: string): Promise<ExtensionView[]> {
    const rows = await this.dataSource.query<{ user_id: string; username: string; deadline: Date }[]>(
      `SELECT e.user_id, u.username, e.deadline FROM assignment_extensions e JOIN users u ON u.id = e.user_id
       WHERE e.assignment_id = $1 ORDER BY u.username`,
      [assignmentId],
    );
    return rows.map((r) => ({ userId: r.user_id, username: r.username, deadline: new Date(r.deadline).toISOString() }));
  }

  async setExtension(
    caller: Caller,
    courseId: string,
    assignmentId: string,
    userId: string,
    deadline: string,
  ): Promise<ExtensionView> {
    const assignment = await this.openAsTeacher(caller, courseId, assignmentId);
    const member = isUuid(userId) ? await this.members.findOneBy({ courseId, userId, role: 'student' }) : null;
    if (!member) throw notFound('student in this course');
    const at = new Date(deadline);
    if (at <= assignment.opensAt) throw badRequest('VALIDATION_FAILED', 'deadline: must be after the assignment opens');
    await this.extensions.upsert({ assignmentId: assignment.id, userId, deadline: at }, ['assignmentId', 'userId']);
    return (await this.extensionList(assignment.id)).find((e) => e.userId === userId)!;
  }

  async deleteExtension(caller: Caller, courseId: string, assignmentId: string, userId: string): Promise<void> {
    const assignment = await this.openAsTeacher(caller, courseId, assignmentId);
    if (!isUuid(userId)) throw notFound('extension');
    const result = await this.extensions.delete({ assignmentId: assignment.id, userId });
    if (!result.affected) throw notFound('extension');
  }

  /** A student starts their exam time; starting again changes nothing. */
  async start(caller: Caller, courseId: string, assignmentId: string): Promise<StudentWindow> {
    const [access, assignment] = await this.courses.assignment(caller, courseId, assignmentId);
    if (assignment.kind !== 'exam') throw badRequest('NOT_AN_EXAM', 'only exams are started');
    if (access.role !== 'student') throw forbidden('only students of the course sit its exams');
    const window = await this.windowOf(assignment, caller.id);
    if (window.startedAt) return windowView(window);
    if (window.state === 'not-open') throw notOpen(window);
    if (window.state === 'closed') throw windowClosed(window);
    // Two starts at once keep the first.
    await this.dataSource.query(
      'INSERT INTO exam_starts (assignment_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [assignment.id, caller.id],
    );
    return windowView(await this.windowOf(assignment, caller.id));
  }

  private async problemByRef(assignmentId: string, ref: string): Promise<AssignmentProblemEntity> {
    const row = await findByRef(ref, (match) => this.assignmentProblems.findOneBy({ assignmentId, ...match }));
    if (!row) throw notFound(`problem ${ref} in this assignment`);
    return row;
  }

  /** A student sees a problem by the same rules as the list; teachers always. */
  async problem(caller: Caller, courseId: string, assignmentId: string, label: string): Promise<ProblemDetail> {
    const problemId = await this.visibleProblemId(caller, courseId, assignmentId, label);
    const route = `/api/courses/${courseId}/assignments/${assignmentId}/problems/${encodeURIComponent(label)}`;
    return this.problemsService.get(problemId, route);
  }

  /** A file of an assignment problem's statement (null: its PDF), by the same rules as the problem. */
  async statementFile(
    caller: Caller,
    courseId: string,
    assignmentId: string,
    label: string,
    name: string | null,
  ): Promise<ServedFile> {
    const problemId = await this.visibleProblemId(caller, courseId, assignmentId, label);
    return name === null
      ? this.problemsService.statementPdf(problemId, null)
      : this.problemsService.statementFile(problemId, null, name);
  }

  private async visibleProblemId(caller: Caller, courseId: string, assignmentId: string, label: string) {
    const [access, assignment] = await this.courses.assignment(caller, courseId, assignmentId);
    if (!access.teacher) {
      const window = await this.windowOf(assignment, caller.id);
      if (!(await this.problemsShown(assignment, window))) {
        if (window.state === 'not-open') throw notOpen(window);
        throw new AppError(409, 'EXAM_NOT_STARTED', 'start the exam to see its problems');
      }
    }
    return (await this.problemByRef(assignment.id, label)).problemId;
  }

  /** Teachers may submit at any time (to try the problems); students within their window. */
  async submit(
    caller: Caller,
    courseId: string,
    assignmentId: string,
    body: SubmissionProgram & { problem: string },
  ): Promise<{ id: string }> {
    const [access, assignment] = await this.courses.assignment(caller, courseId, assignmentId);
    if (!access.teacher) {
      const window = await this.windowOf(assignment, caller.id);
      if (window.state === 'not-open') throw notOpen(window);
      if (window.state === 'not-started') {
        throw conflict('EXAM_NOT_STARTED', 'start the exam (POST .../start) before submitting');
      }
      if (window.state === 'closed') throw windowClosed(window);
    }
    const row = await this.problemByRef(assignment.id, body.problem);
    return this.submissionsService.create(
      caller,
      {
        problemId: row.problemId,
        language: body.language,
        source: body.source,
        files: body.files,
        entryPoint: body.entryPoint,
      },
      { assignmentId: assignment.id },
    );
  }

  /** Students see their own; teachers everyone's, or one student's with `userId`. */
  async submissionList(
    caller: Caller,
    courseId: string,
    assignmentId: string,
    filter: { userId?: string; page: number },
  ): Promise<SubmissionPage> {
    const [access, assignment] = await this.courses.assignment(caller, courseId, assignmentId);
    const userId = access.teacher ? filter.userId : caller.id;
    const pageSize = 50;
    const rows = await this.submissions.find({
      where: { assignmentId: assignment.id, ...(userId ? { userId } : {}) },
      order: { createdAt: 'DESC' },
      skip: (filter.page - 1) * pageSize,
      take: pageSize,
    });
    const [users, titles, adjustments] = await Promise.all([
      this.users.usernames(rows.map((r) => r.userId)),
      this.problemsService.titles(rows.map((r) => r.problemId)),
      latestAdjustments(
        this.dataSource.manager,
        rows.map((r) => r.id),
      ),
    ]);
    const views = rows.map((s) => ({
      ...this.submissionsService.view(s, null, false),
      username: users.get(s.userId),
      problemTitle: titles.get(s.problemId),
      adjustment: adjustments.get(s.id) ?? null,
    }));
    return { items: await this.feedback.restrict(caller, rows, views), page: filter.page };
  }
}

function notOpen(window: ComputedWindow): AppError {
  return conflict('NOT_OPEN', `not open yet: it opens at ${window.opensAt.toISOString()}`);
}

function windowClosed(window: ComputedWindow): AppError {
  const what = window.startedAt ? 'your exam time ended' : 'submissions closed';
  return conflict('WINDOW_CLOSED', `${what} at ${closedAt(window).toISOString()}`);
}
