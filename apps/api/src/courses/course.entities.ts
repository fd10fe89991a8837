import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AssignmentKind, CourseRole, FeedbackLevel, LatePenalty } from '@judge/contract';

@Entity('courses')
export class CourseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') title!: string;
  @Column('text') description!: string;
  @Column('text', { name: 'join_code' }) joinCode!: string;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('course_members')
export class CourseMemberEntity {
  @PrimaryColumn('uuid', { name: 'course_id' }) courseId!: string;
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @Column('text') role!: CourseRole;
  @CreateDateColumn({ name: 'joined_at', type: 'timestamptz' }) joinedAt!: Date;
}

@Entity('assignments')
export class AssignmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'course_id' }) courseId!: string;
  @Column('text') title!: string;
  @Column('text') description!: string;
  @Column('text') kind!: AssignmentKind;
  @Column('timestamptz', { name: 'opens_at' }) opensAt!: Date;
  @Column('timestamptz') deadline!: Date;
  @Column('jsonb', { name: 'late_penalty', nullable: true }) latePenalty!: LatePenalty | null;
  @Column('timestamptz', { name: 'late_until', nullable: true }) lateUntil!: Date | null;
  @Column('integer', { name: 'duration_minutes', nullable: true }) durationMinutes!: number | null;
  /** Overrides the problems' feedback level for this assignment; null: the default (feedback.ts in @judge/contract). */
  @Column('text', { nullable: true }) feedback!: FeedbackLevel | null;
  /** False: the course's students may not make runs (POST /api/runs) while it is open. */
  @Column('boolean', { name: 'runs_enabled' }) runsEnabled!: boolean;
  /** Exams' lock-down (lockdown/): CIDR ranges students must be in while it is open; empty: anywhere. */
  @Column('text', { name: 'allowed_networks', array: true, default: () => "'{}'" }) allowedNetworks!: string[];
  /** Exams' lock-down: a student's log-in while it is open ends their earlier sessions. */
  @Column('boolean', { name: 'one_session', default: false }) oneSession!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('assignment_problems')
export class AssignmentProblemEntity {
  @PrimaryColumn('uuid', { name: 'assignment_id' }) assignmentId!: string;
  @PrimaryColumn('text') label!: string;
  @Column('uuid', { name: 'problem_id' }) problemId!: string;
  @Column('integer') position!: number;
}

/** A later deadline for one student. */
@Entity('assignment_extensions')
export class AssignmentExtensionEntity {
  @PrimaryColumn('uuid', { name: 'assignment_id' }) assignmentId!: string;
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @Column('timestamptz') deadline!: Date;
}

/** When a student started an exam: their time runs from here. */
@Entity('exam_starts')
export class ExamStartEntity {
  @PrimaryColumn('uuid', { name: 'assignment_id' }) assignmentId!: string;
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
}

export const COURSE_ENTITIES = [
  CourseEntity,
  CourseMemberEntity,
  AssignmentEntity,
  AssignmentProblemEntity,
  AssignmentExtensionEntity,
  ExamStartEntity,
];
