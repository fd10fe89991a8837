import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, In, type Repository } from 'typeorm';
import type {
  AssignmentSummary,
  CourseInput,
  CourseMemberView,
  CourseRole,
  CourseSummary,
  CourseView,
} from '@judge/contract';
import { canTeach, type Caller } from '../auth/auth.decorators';
import { badRequest, conflict, forbidden, notFound } from '../common/app-error';
import { isUuid } from '../common/uuid';
import { UserEntity } from '../database/entities';
import { AssignmentEntity, CourseEntity, CourseMemberEntity } from './course.entities';

/** What the caller may do in a course: teachers (and admins) run it, students take part. */
export interface CourseAccess {
  course: CourseEntity;
  /** The caller's membership; null for an admin from outside, who has a teacher's powers. */
  role: CourseRole | null;
  teacher: boolean;
}

/** Teachers only: a student gets 403 (an outsider has had their 404 from the access check). */
export function assertTeacher(access: CourseAccess, refusal = "only the course's teachers may do this"): void {
  if (!access.teacher) throw forbidden(refusal);
}

// No 0/O or 1/I/L: codes are read aloud and copied from slides.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function joinCode(): string {
  return Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

export function assignmentSummary(a: AssignmentEntity): AssignmentSummary {
  return {
    id: a.id,
    courseId: a.courseId,
    title: a.title,
    kind: a.kind,
    opensAt: a.opensAt.toISOString(),
    deadline: a.deadline.toISOString(),
    durationMinutes: a.durationMinutes,
  };
}

@Injectable()
export class CoursesService {
  constructor(
    @InjectRepository(CourseEntity) private readonly courses: Repository<CourseEntity>,
    @InjectRepository(CourseMemberEntity) private readonly members: Repository<CourseMemberEntity>,
    @InjectRepository(AssignmentEntity) private readonly assignments: Repository<AssignmentEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly dataSource: DataSource,
  ) {}

  /** A course the caller belongs to (admins: any); to anyone else it does not exist. */
  async access(caller: Caller, courseId: string): Promise<CourseAccess> {
    const course = isUuid(courseId) ? await this.courses.findOneBy({ id: courseId }) : null;
    if (!course) throw notFound('course');
    const member = await this.members.findOneBy({ courseId, userId: caller.id });
    if (!member && caller.role !== 'admin') throw notFound('course');
    const role = member?.role ?? null;
    return { course, role, teacher: role === 'teacher' || caller.role === 'admin' };
  }

  /** Teachers only: a student gets 403, an outsider 404. */
  async asTeacher(caller: Caller, courseId: string): Promise<CourseAccess> {
    const access = await this.access(caller, courseId);
    assertTeacher(access);
    return access;
  }

  /** The caller's access to the course, and the assignment, which must belong to it. */
  async assignment(caller: Caller, courseId: string, assignmentId: string): Promise<[CourseAccess, AssignmentEntity]> {
    const access = await this.access(caller, courseId);
    const assignment = isUuid(assignmentId) ? await this.assignments.findOneBy({ id: assignmentId, courseId }) : null;
    if (!assignment) throw notFound('assignment');
    return [access, assignment];
  }

  async create(caller: Caller, input: CourseInput): Promise<{ id: string; joinCode: string }> {
    return this.dataSource.transaction(async (tx) => {
      const course = await tx.save(
        tx.create(CourseEntity, {
          title: input.title,
          description: input.description ?? '',
          joinCode: await this.freshCode(),
          createdBy: caller.id,
        }),
      );
      await tx.save(tx.create(CourseMemberEntity, { courseId: course.id, userId: caller.id, role: 'teacher' }));
      return { id: course.id, joinCode: course.joinCode };
    });
  }

  private async freshCode(): Promise<string> {
    for (;;) {
      const code = joinCode();
      if (!(await this.courses.existsBy({ joinCode: code }))) return code;
    }
  }

  /** The caller's courses; admins see every course. */
  async list(caller: Caller): Promise<CourseSummary[]> {
    const mine = await this.members.findBy({ userId: caller.id });
    const roles = new Map(mine.map((m) => [m.courseId, m.role]));
    const courses =
      caller.role === 'admin'
        ? await this.courses.find({ order: { createdAt: 'DESC' } })
        : await this.courses.find({ where: { id: In([...roles.keys()]) }, order: { createdAt: 'DESC' } });
    const counts = await this.studentCounts(courses.map((c) => c.id));
    return courses.map((c) => ({
      id: c.id,
      title: c.title,
      role: roles.get(c.id) ?? null,
      students: counts.get(c.id) ?? 0,
    }));
  }

  private async studentCounts(courseIds: string[]): Promise<Map<string, number>> {
    if (courseIds.length === 0) return new Map();
    const rows = await this.dataSource.query<{ course_id: string; n: number }[]>(
      `SELECT course_id, count(*)::int AS n FROM course_members WHERE role = 'student' AND course_id = ANY($1)
       GROUP BY course_id`,
      [courseIds],
    );
    return new Map(rows.map((r) => [r.course_id, r.n]));
  }

  async get(caller: Caller, courseId: string): Promise<CourseView> {
    const { course, role, teacher } = await this.access(caller, courseId);
    const teachers = await this.dataSource.query<{ id: string; username: string }[]>(
      `SELECT u.id, u.username FROM course_members m JOIN users u ON u.id = m.user_id
       WHERE m.course_id = $1 AND m.role = 'teacher' ORDER BY m.joined_at`,
      [courseId],
    );
    const assignments = await this.assignments.find({
      where: { courseId },
      order: { opensAt: 'ASC', createdAt: 'ASC' },
    });
    return {
      id: course.id,
      title: course.title,
      description: course.description,
      role,
      students: (await this.studentCounts([courseId])).get(courseId) ?? 0,
      ...(teacher ? { joinCode: course.joinCode } : {}),
      teachers,
      assignments: assignments.map(assignmentSummary),
    };
  }

  /** Joining twice is harmless; a teacher joining with the code stays a teacher. */
  async join(caller: Caller, code: string): Promise<{ id: string }> {
    const course = await this.courses.findOneBy({ joinCode: code.trim().toUpperCase() });
    if (!course) throw notFound('course with this join code');
    await this.dataSource.query(
      `INSERT INTO course_members (course_id, user_id, role) VALUES ($1, $2, 'student') ON CONFLICT DO NOTHING`,
      [course.id, caller.id],
    );
    return { id: course.id };
  }

  async memberList(caller: Caller, courseId: string): Promise<CourseMemberView[]> {
    await this.asTeacher(caller, courseId);
    const rows = await this.dataSource.query<
      { user_id: string; username: string; display_name: string | null; role: CourseRole; joined_at: Date }[]
    >(
      `SELECT m.user_id, u.username, u.display_name, m.role, m.joined_at FROM course_members m JOIN users u ON u.id = m.user_id
       WHERE m.course_id = $1 ORDER BY m.role DESC, u.username`,
      [courseId],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      joinedAt: new Date(r.joined_at).toISOString(),
    }));
  }

  /** Co-teachers are teachers, setters or admins; a student of the course becomes a teacher. */
  async addTeacher(caller: Caller, courseId: string, username: string): Promise<CourseMemberView> {
    await this.asTeacher(caller, courseId);
    const user = await this.users.findOneBy({ username });
    if (!user) throw notFound(`user ${username}`);
    if (!canTeach(user.role)) {
      throw badRequest(
        'NOT_A_SETTER',
        `${username} is not a teacher: only teachers, setters and admins teach a course`,
      );
    }
    await this.dataSource.query(
      `INSERT INTO course_members (course_id, user_id, role) VALUES ($1, $2, 'teacher')
       ON CONFLICT (course_id, user_id) DO UPDATE SET role = 'teacher'`,
      [courseId, user.id],
    );
    const member = await this.members.findOneByOrFail({ courseId, userId: user.id });
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: 'teacher',
      joinedAt: member.joinedAt.toISOString(),
    };
  }

  /** A course keeps at least one teacher. */
  async removeMember(caller: Caller, courseId: string, userId: string): Promise<void> {
    await this.asTeacher(caller, courseId);
    const member = isUuid(userId) ? await this.members.findOneBy({ courseId, userId }) : null;
    if (!member) throw notFound('member');
    if (member.role === 'teacher' && (await this.members.countBy({ courseId, role: 'teacher' })) === 1) {
      throw conflict('LAST_TEACHER', 'a course needs a teacher: add another before removing this one');
    }
    await this.members.delete({ courseId, userId });
  }
}
