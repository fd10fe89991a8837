import type { EntityManager } from 'typeorm';
import type { ScoreAdjustmentView } from '@judge/contract';

/** The latest manual adjustment of each of these submissions that has one (every one is kept; the latest counts). */
export async function latestAdjustments(
  manager: EntityManager,
  submissionIds: string[],
): Promise<Map<string, ScoreAdjustmentView>> {
  if (submissionIds.length === 0) return new Map();
  const rows = await manager.query<
    { submission_id: string; points: number; reason: string; author_id: string; username: string; created_at: Date }[]
  >(
    `SELECT DISTINCT ON (a.submission_id) a.submission_id, a.points, a.reason, a.author_id, u.username, a.created_at
     FROM score_adjustments a JOIN users u ON u.id = a.author_id
     WHERE a.submission_id = ANY($1)
     ORDER BY a.submission_id, a.created_at DESC`,
    [[...new Set(submissionIds)]],
  );
  return new Map(
    rows.map((r) => [
      r.submission_id,
      {
        points: r.points,
        reason: r.reason,
        by: { id: r.author_id, username: r.username },
        at: new Date(r.created_at).toISOString(),
      },
    ]),
  );
}
