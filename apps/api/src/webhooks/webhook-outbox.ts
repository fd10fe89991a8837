import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  EVENT_RUN_FINISHED,
  EVENT_SUBMISSION_JUDGED,
  type RunFinishedData,
  type SubmissionJudgedData,
  type WebhookDeliveryEvent,
} from '@judge/contract';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** Who a delivery loop in this process wakes when a delivery is written (others find it when they poll). */
export type Wake = () => void;

/**
 * Writes deliveries of an event for the hooks that want it, in the caller's transaction: the event and its
 * deliveries are stored together or not at all (the outbox). The delivery loop sends them.
 */
@Injectable()
export class WebhookOutbox {
  private readonly wakes = new Set<Wake>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onWritten(wake: Wake): () => void {
    this.wakes.add(wake);
    return () => this.wakes.delete(wake);
  }

  /** Tells this process's delivery loop that deliveries are due (call once the transaction committed). */
  written(): void {
    for (const wake of this.wakes) wake();
  }

  /**
   * A submission got its final verdict: deliveries for site hooks, the hooks of its contest, and those of the
   * course of its assignment. Answers how many were written.
   */
  async submissionJudged(manager: EntityManager, submissionId: string): Promise<number> {
    const [row] = await manager.query<SubmissionRow[]>(
      `SELECT s.id, s.user_id, u.username, s.problem_id, s.language, s.verdict, s.score, s.max_score, s.time_ms,
              s.memory_kb, s.contest_id, s.assignment_id, a.course_id, s.judge_attempt, s.created_at, s.judged_at
         FROM submissions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN assignments a ON a.id = s.assignment_id
        WHERE s.id = $1`,
      [submissionId],
    );
    if (!row) return 0;
    const data: SubmissionJudgedData = {
      submission: {
        id: row.id,
        userId: row.user_id,
        username: row.username,
        problemId: row.problem_id,
        language: row.language,
        verdict: row.verdict,
        score: row.score,
        maxScore: row.max_score,
        timeMs: row.time_ms,
        memoryKb: row.memory_kb,
        contestId: row.contest_id,
        assignmentId: row.assignment_id,
        courseId: row.course_id,
        attempt: row.judge_attempt,
        createdAt: row.created_at.toISOString(),
        judgedAt: row.judged_at?.toISOString() ?? null,
      },
    };
    return this.write(manager, EVENT_SUBMISSION_JUDGED, data, { courseId: row.course_id, contestId: row.contest_id });
  }

  /** A run finished: deliveries for site hooks only (a run belongs to no course or contest). */
  async runFinished(manager: EntityManager, runId: string): Promise<number> {
    const [row] = await manager.query<RunRow[]>(
      `SELECT id, user_id, language, result, created_at, finished_at FROM runs WHERE id = $1 AND status = 'done'`,
      [runId],
    );
    if (!row?.result) return 0;
    const data: RunFinishedData = {
      run: {
        id: row.id,
        userId: row.user_id,
        language: row.language,
        verdict: row.result.verdict,
        exitCode: row.result.exitCode ?? null,
        timeMs: row.result.timeMs ?? null,
        memoryKb: row.result.memoryKb ?? null,
        createdAt: row.created_at.toISOString(),
        finishedAt: row.finished_at?.toISOString() ?? null,
      },
    };
    return this.write(manager, EVENT_RUN_FINISHED, data, { courseId: null, contestId: null });
  }

  /** One delivery per enabled hook that wants the event: site hooks, and those of the event's course or contest. */
  private async write(
    manager: EntityManager,
    event: WebhookDeliveryEvent,
    data: unknown,
    where: { courseId: string | null; contestId: string | null },
  ): Promise<number> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO webhook_deliveries (webhook_id, event, data, event_at, give_up_at)
       SELECT w.id, $1, $2::jsonb, now(), now() + make_interval(secs => $5)
         FROM webhooks w
        WHERE w.enabled AND $1 = ANY (w.events)
          AND ((w.course_id IS NULL AND w.contest_id IS NULL) OR w.course_id = $3 OR w.contest_id = $4)
       RETURNING id`,
      [event, JSON.stringify(data), where.courseId, where.contestId, this.config.WEBHOOK_RETRY_HOURS * 3600],
    );
    return rows.length;
  }
}

interface SubmissionRow {
  id: string;
  user_id: string;
  username: string;
  problem_id: string;
  language: string;
  verdict: string | null;
  score: number | null;
  max_score: number | null;
  time_ms: number | null;
  memory_kb: number | null;
  contest_id: string | null;
  assignment_id: string | null;
  course_id: string | null;
  judge_attempt: number;
  created_at: Date;
  judged_at: Date | null;
}

interface RunRow {
  id: string;
  user_id: string | null;
  language: string;
  result: { verdict: string; exitCode?: number | null; timeMs?: number; memoryKb?: number } | null;
  created_at: Date;
  finished_at: Date | null;
}
