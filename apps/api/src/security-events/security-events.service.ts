import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  Role,
  SecurityEventKind,
  SecurityEventSort,
  SecurityEventsReport,
  SecurityEventSubmissionRow,
  SecurityEventUserRow,
  Verdict,
} from '@judge/contract';

/**
 * The admin's view of who probes the sandbox: users and submissions by their number of security events. Both read
 * only the submissions that have events (the partial index `submissions_security_events_idx`), however many
 * submissions the judge holds.
 */
@Injectable()
export class SecurityEventsService {
  constructor(private readonly db: DataSource) {}

  async report(sort: SecurityEventSort, limit: number): Promise<SecurityEventsReport> {
    const [users, submissions] = await Promise.all([this.users(sort, limit), this.submissions(sort, limit)]);
    return { sort, users, submissions };
  }

  private async users(sort: SecurityEventSort, limit: number): Promise<SecurityEventUserRow[]> {
    const order = sort === 'count' ? 'e.events DESC, e.last DESC' : 'e.last DESC, e.events DESC';
    const rows = await this.db.query<
      {
        user_id: string;
        username: string;
        role: Role;
        blocked: boolean;
        submissions_per_minute: number | null;
        events: string;
        submissions: string;
        last: Date;
      }[]
    >(
      `SELECT e.user_id, u.username, u.role, u.blocked, u.submissions_per_minute, e.events, e.submissions, e.last
         FROM (SELECT user_id, SUM(security_event_count) AS events, COUNT(*) AS submissions,
                      MAX(COALESCE(judged_at, created_at)) AS last
                 FROM submissions WHERE security_event_count > 0 GROUP BY user_id) e
         JOIN users u ON u.id = e.user_id
        ORDER BY ${order}, u.username
        LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      username: r.username,
      role: r.role,
      blocked: r.blocked,
      submissionsPerMinute: r.submissions_per_minute,
      events: Number(r.events),
      submissions: Number(r.submissions),
      lastEventAt: r.last.toISOString(),
    }));
  }

  private async submissions(sort: SecurityEventSort, limit: number): Promise<SecurityEventSubmissionRow[]> {
    const order =
      sort === 'count' ? 's.security_event_count DESC, judged DESC' : 'judged DESC, s.security_event_count DESC';
    const rows = await this.db.query<
      {
        id: string;
        user_id: string;
        username: string;
        problem_id: string;
        title: string;
        verdict: Verdict | null;
        events: number;
        kinds: SecurityEventKind[];
        judged: Date;
      }[]
    >(
      `SELECT s.id, s.user_id, u.username, s.problem_id, p.title, s.verdict, s.security_event_count AS events,
              ARRAY(SELECT DISTINCT e->>'kind' FROM jsonb_array_elements(s.security_events) e ORDER BY 1) AS kinds,
              COALESCE(s.judged_at, s.created_at) AS judged
         FROM submissions s
         JOIN users u ON u.id = s.user_id
         JOIN problems p ON p.id = s.problem_id
        WHERE s.security_event_count > 0
        ORDER BY ${order}, s.id
        LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      submissionId: r.id,
      userId: r.user_id,
      username: r.username,
      problemId: r.problem_id,
      problemTitle: r.title,
      verdict: r.verdict,
      events: r.events,
      kinds: r.kinds,
      judgedAt: r.judged.toISOString(),
    }));
  }
}
