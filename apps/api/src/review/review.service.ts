import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import type { ScoreAdjustmentView, SubmissionCommentView } from '@judge/contract';
import type { Actor, Caller } from '../auth/auth.decorators';
import { AuditLog } from '../audit/audit-log.service';
import { badRequest, forbidden, notFound } from '../common/app-error';
import type { SubmissionEntity } from '../database/entities';
import { SubmissionsService } from '../submissions/submissions.service';
import { latestAdjustments } from './adjustments';
import { ScoreAdjustmentEntity, SubmissionCommentEntity } from './review.entities';

/**
 * Teachers' review of submissions: line comments, which the author reads, and manual scores kept beside
 * the judge's. Who reviews: admins; for a submission made for an assignment, the course's teachers; for
 * any other submission, setters.
 */
@Injectable()
export class ReviewService {
  constructor(
    private readonly submissions: SubmissionsService,
    @InjectRepository(SubmissionCommentEntity) private readonly comments: Repository<SubmissionCommentEntity>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** A submission the caller may review; one they may not even read does not exist for them. */
  private async reviewable(caller: Caller, id: string): Promise<SubmissionEntity> {
    const submission = await this.submissions.visible(caller, id);
    if (caller.role === 'admin') return submission;
    if (submission.assignmentId) {
      const teaches = await this.dataSource.query<unknown[]>(
        `SELECT 1 FROM assignments a JOIN course_members m ON m.course_id = a.course_id
         WHERE a.id = $1 AND m.user_id = $2 AND m.role = 'teacher'`,
        [submission.assignmentId, caller.id],
      );
      if (teaches.length > 0) return submission;
      throw forbidden("only the course's teachers review its submissions");
    }
    if (caller.role === 'setter') return submission;
    throw forbidden('only setters and admins review submissions');
  }

  /** For the submission's author and those who may read it. */
  async listComments(caller: Caller, id: string): Promise<SubmissionCommentView[]> {
    const submission = await this.submissions.visible(caller, id);
    const rows = await this.dataSource.query<
      { id: string; line: number | null; body: string; author_id: string; username: string; created_at: Date }[]
    >(
      `SELECT c.id, c.line, c.body, c.author_id, u.username, c.created_at
       FROM submission_comments c JOIN users u ON u.id = c.author_id
       WHERE c.submission_id = $1 ORDER BY c.created_at, c.id`,
      [submission.id],
    );
    return rows.map((r) => ({
      id: r.id,
      line: r.line,
      body: r.body,
      author: { id: r.author_id, username: r.username },
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  async addComment(
    caller: Caller,
    id: string,
    input: { line?: number | null; body: string },
  ): Promise<SubmissionCommentView> {
    const submission = await this.reviewable(caller, id);
    const line = input.line ?? null;
    const lines = submission.source.split('\n').length;
    if (line !== null && line > lines) {
      throw badRequest('VALIDATION_FAILED', `line: the source has ${lines} lines`);
    }
    const comment = await this.comments.save(
      this.comments.create({ submissionId: submission.id, authorId: caller.id, line, body: input.body }),
    );
    return {
      id: comment.id,
      line: comment.line,
      body: comment.body,
      author: { id: caller.id, username: caller.username },
      createdAt: comment.createdAt.toISOString(),
    };
  }

  /** Its author or an admin removes a comment. */
  async deleteComment(caller: Caller, id: string, commentId: string): Promise<void> {
    const submission = await this.submissions.visible(caller, id);
    const comment = /^[0-9a-f-]{36}$/i.test(commentId)
      ? await this.comments.findOneBy({ id: commentId, submissionId: submission.id })
      : null;
    if (!comment) throw notFound('comment');
    if (comment.authorId !== caller.id && caller.role !== 'admin') {
      throw forbidden('only its author or an admin removes a comment');
    }
    await this.comments.delete({ id: comment.id });
  }

  /** A new manual score; earlier ones are kept, and the judge's score is never touched. */
  /** A manual score, recorded in the audit log (score.adjust) in the same transaction, with the points it replaces. */
  async adjust(caller: Actor, id: string, input: { points: number; reason: string }): Promise<ScoreAdjustmentView> {
    const submission = await this.reviewable(caller, id);
    return this.dataSource.transaction(async (tx) => {
      const previous = (await latestAdjustments(tx, [submission.id])).get(submission.id);
      await tx.save(
        tx.create(ScoreAdjustmentEntity, {
          submissionId: submission.id,
          points: input.points,
          reason: input.reason,
          authorId: caller.id,
        }),
      );
      await this.audit.record(
        {
          actor: caller,
          action: 'score.adjust',
          target: { type: 'submission', id: submission.id },
          details: {
            userId: submission.userId,
            problemId: submission.problemId,
            // Before: the last manual score, else the judged one.
            points: { before: previous ? previous.points : submission.score, after: input.points },
            reason: input.reason,
          },
        },
        tx,
      );
      return (await latestAdjustments(tx, [submission.id])).get(submission.id)!;
    });
  }
}
