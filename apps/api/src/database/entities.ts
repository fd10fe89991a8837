import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type {
  FeedbackLevel,
  SubmissionFile,
  SubmissionStatus,
  TestCaseResult,
  TestGroupResult,
  Verdict,
} from '@judge/contract';
import type { ContestSubmissionKind, SecurityEvent } from '@judge/contract';
import { CONTEST_ENTITIES } from '../contests/contest.entities';
import { PrintEntity } from '../contests/print.entity';
import { COURSE_ENTITIES } from '../courses/course.entities';
import { REVIEW_ENTITIES } from '../review/review.entities';
import { API_TOKEN_ENTITIES } from '../api-tokens/api-token.entity';
import { RunEntity } from '../runs/run.entity';
import { RunnerEntity } from '../runners/runner.entity';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { WEBHOOK_ENTITIES } from '../webhooks/webhook.entities';
import type { ProblemVisibilityState } from '@judge/contract';

export type Role = 'admin' | 'setter' | 'teacher' | 'contestant';
export const ROLES: readonly Role[] = ['admin', 'setter', 'teacher', 'contestant'];

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') username!: string;
  /** A name for people, from an import; null when none was given. */
  @Column('text', { name: 'display_name', nullable: true }) displayName!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { name: 'password_hash' }) passwordHash!: string;
  @Column('text') role!: Role;
  @Column('boolean') disabled!: boolean;
  /** Blocked by an admin: may not submit. */
  @Column('boolean', { default: false }) blocked!: boolean;
  /** A submission rate limit of this user's own; null: the judge's SUBMISSIONS_PER_MINUTE. */
  @Column('integer', { name: 'submissions_per_minute', nullable: true }) submissionsPerMinute!: number | null;
  /** Sessions issued before this generation are ended (a log-in under a one-session lock raises it: lockdown/). */
  @Column('integer', { name: 'session_generation', default: 0 }) sessionGeneration!: number;
  /** When the latest session was issued; null: none since lock-down existed. */
  @Column('timestamptz', { name: 'session_issued_at', nullable: true }) sessionIssuedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('problems')
export class ProblemEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') slug!: string;
  @Column('text') title!: string;
  /** A draft is out of practice for all but staff (ProblemVisibility); new problems start as drafts. */
  @Column('text') visibility!: ProblemVisibilityState;
  @Column('integer', { name: 'current_version' }) currentVersion!: number;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  /** How much of a submission's judgement its author sees in practice (docs/security-model.md). */
  @Column('text', { default: 'full' }) feedback!: FeedbackLevel;
}

/** What the API shows of a version without opening its package: never secret test data. */
export interface ProblemSummary {
  title: string;
  statement: string | null;
  type: 'pass-fail' | 'scoring';
  interactive: boolean;
  /** Submit-answer (output-only): submissions are answers (language `answers`). Absent in versions stored before. */
  submitAnswer?: boolean;
  /** Multi-pass: the validator may run the submission again on a test. Absent in versions stored before. */
  multiPass?: boolean;
  /** As the package writes it; null when it writes none (see ProblemVersionEntity.derivedTimeLimitMs). */
  timeLimitMs: number | null;
  /**
   * With no written limit: whether one is derived from the package's accepted submissions (false: the judge's
   * default applies). Absent in versions stored before: shown as still to be derived until it is.
   */
  derivesTimeLimit?: boolean;
  /** problem.yaml `keywords`, shown as tags; absent in versions stored before. */
  keywords?: string[];
  memoryMb: number;
  outputMb: number;
  samples: { name: string; input: string; answer: string }[];
  testCount: number;
  /** Files of the statement's folder, kept by content hash (StatementFiles); absent in versions stored before. */
  statementFiles?: StoredStatementFile[];
  /** The statement as a PDF shipped in the package; absent in versions stored before. */
  statementPdf?: StoredStatementFile | null;
  /** problem.yaml `uuid`: the problem's identity across uploads (ProblemsService.samePackage); absent without one. */
  uuid?: string;
}

/** A file of a package's statement, copied out of the package when the version was stored. */
export interface StoredStatementFile {
  /** Below the statement's folder, `/`-separated; for the PDF, its name in the package. */
  name: string;
  /** sha256 of the bytes: where the statement file store keeps them. */
  hash: string;
  bytes: number;
}

@Entity('problem_versions')
export class ProblemVersionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'problem_id' }) problemId!: string;
  @Column('integer') version!: number;
  @Column('text', { name: 'package_hash' }) packageHash!: string;
  @Column('jsonb') summary!: ProblemSummary;
  /**
   * When the package writes no time limit: the one derived from its accepted submissions by the first runner that
   * needed it (stored through the API by package hash), used by every runner since. Null until then.
   */
  @Column('integer', { name: 'derived_time_limit_ms', nullable: true }) derivedTimeLimitMs!: number | null;
  @Column('integer', { name: 'slowest_accepted_ms', nullable: true }) slowestAcceptedMs!: number | null;
  @Column('text', { name: 'time_limit_derived_by', nullable: true }) timeLimitDerivedBy!: string | null;
  @Column('timestamptz', { name: 'time_limit_derived_at', nullable: true }) timeLimitDerivedAt!: Date | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('submissions')
export class SubmissionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('uuid', { name: 'problem_id' }) problemId!: string;
  @Column('uuid', { name: 'problem_version_id' }) problemVersionId!: string;
  @Column('text') language!: string;
  @Column('text', { name: 'file_name' }) fileName!: string;
  /** The one source, or the joined text of `files` (what plagiarism reports compare and comments count lines in). */
  @Column('text') source!: string;
  /** A submission of several files: each file as sent; null for a single source. */
  @Column('jsonb', { nullable: true }) files!: SubmissionFile[] | null;
  @Column('text', { name: 'entry_point', nullable: true }) entryPoint!: string | null;
  @Column('text') status!: SubmissionStatus;
  @Column('text', { nullable: true }) verdict!: Verdict | null;
  @Column('double precision', { nullable: true }) score!: number | null;
  @Column('double precision', { name: 'max_score', nullable: true }) maxScore!: number | null;
  @Column('integer', { name: 'time_ms', nullable: true }) timeMs!: number | null;
  @Column('integer', { name: 'memory_kb', nullable: true }) memoryKb!: number | null;
  @Column('text', { name: 'compile_output', nullable: true }) compileOutput!: string | null;
  @Column('text', { name: 'judge_error', nullable: true }) judgeError!: string | null;
  @Column('jsonb') tests!: TestCaseResult[];
  @Column('jsonb') groups!: TestGroupResult[];
  /** What the runs of the stored result did that probes the sandbox (for staff), and how many events that is. */
  @Column('jsonb', { name: 'security_events', default: () => "'[]'" }) securityEvents!: SecurityEvent[];
  @Column('integer', { name: 'security_event_count', default: 0 }) securityEventCount!: number;
  @Column('text', { name: 'judged_by', nullable: true }) judgedBy!: string | null;
  /** Which judging is the current one: 1, then one more for each rejudge (JudgeJobPayload.attempt). */
  @Column('integer', { name: 'judge_attempt', default: 1 }) attempt!: number;
  /** Set when made in a contest, or for a course's assignment. */
  @Column('uuid', { name: 'contest_id', nullable: true }) contestId!: string | null;
  /** What a contest submission was made as: in the window, virtual, or upsolving (null outside contests). */
  @Column('text', { name: 'contest_kind', nullable: true }) contestKind!: ContestSubmissionKind | null;
  /** In a team contest: the team it was made for (its board row), kept if the author changes team later. */
  @Column('uuid', { name: 'team_id', nullable: true }) teamId!: string | null;
  @Column('uuid', { name: 'assignment_id', nullable: true }) assignmentId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'judged_at', nullable: true }) judgedAt!: Date | null;
}

export const ENTITIES = [
  UserEntity,
  ProblemEntity,
  ProblemVersionEntity,
  SubmissionEntity,
  ...CONTEST_ENTITIES,
  ...COURSE_ENTITIES,
  ...REVIEW_ENTITIES,
  ...API_TOKEN_ENTITIES,
  RunEntity,
  ...WEBHOOK_ENTITIES,
  RunnerEntity,
  AuditEntryEntity,
  PrintEntity,
];
