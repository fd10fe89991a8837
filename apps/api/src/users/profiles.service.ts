import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UserProfileView } from '@judge/contract';
import { isStaff, type Caller } from '../auth/auth.decorators';
import { notFound } from '../common/app-error';
import { ContestsService } from '../contests/contests.service';
import { ProblemVisibility } from '../problems/problem-visibility';
import { SubmissionsService } from '../submissions/submissions.service';
import { SOLVED_SQL } from '../submissions/verdict-filter';
import { UsersService } from './users.service';

/** How many of a user's latest submissions their page lists. */
export const PROFILE_SUBMISSIONS = 20;

/**
 * A user's page: solved problems, contests taken part in, recent submissions. Each part keeps the rules of the page
 * it comes from, for the viewer: problems hidden from practice are left out (a running contest's, a draft), and so
 * are solutions made in a contest's freeze that is not lifted; invite-only contests only for those who may know of
 * them; submissions only for their author and staff, restricted to the feedback the viewer gets.
 */
@Injectable()
export class ProfilesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly visibility: ProblemVisibility,
    private readonly submissions: SubmissionsService,
    private readonly contests: ContestsService,
  ) {}

  async profile(viewer: Caller, username: string): Promise<UserProfileView> {
    const user = await this.users.findByUsername(username);
    if (!user) throw notFound('user');
    const own = viewer.id === user.id;
    const solved = await this.dataSource.query<{ id: string; slug: string; title: string }[]>(
      `SELECT p.id, p.slug, p.title FROM problems p
        WHERE EXISTS (
          SELECT 1 FROM submissions s
           WHERE s.problem_id = p.id AND s.user_id = $1 AND s.status = 'done' AND ${SOLVED_SQL}
             AND NOT EXISTS (
               SELECT 1 FROM contests c
                WHERE c.id = s.contest_id AND coalesce(s.contest_kind, 'contest') = 'contest'
                 AND NOT c.unfrozen AND c.freeze_minutes > 0
                  AND s.created_at >= c.ends_at - make_interval(mins => c.freeze_minutes)))
        ORDER BY p.title`,
      [user.id],
    );
    // Their own page tells a user nothing new: they see what they solved wherever it was.
    const hidden = own ? new Set<string>() : await this.visibility.hiddenFromPractice(viewer);
    const contests = await this.contests.takenPartIn(viewer, user.id);
    const submissions =
      own || isStaff(viewer)
        ? (await this.submissions.list(viewer, { userId: user.id, page: 1 })).items.slice(0, PROFILE_SUBMISSIONS)
        : null;
    return {
      username: user.username,
      role: user.role,
      joinedAt: user.createdAt.toISOString(),
      solved: solved.filter((p) => !hidden.has(p.id)),
      contests: contests.map((c) => ({
        id: c.id,
        title: c.title,
        startsAt: c.startsAt.toISOString(),
        endsAt: c.endsAt.toISOString(),
      })),
      submissions,
    };
  }
}
