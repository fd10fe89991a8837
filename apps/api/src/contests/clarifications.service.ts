import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { ClarificationView } from '@judge/contract';
import { isStaff, type Caller } from '../auth/auth.decorators';
import { badRequest, conflict, notFound } from '../common/app-error';
import { UsersService } from '../users/users.service';
import { ClarificationEntity, ContestProblemEntity } from './contest.entities';
import { ContestsService } from './contests.service';

/**
 * Questions of participants and judges' answers and announcements. A participant sees their own
 * questions (in a team contest, their team's), answers made public and announcements; judges (setters and admins)
 * see everything.
 */
@Injectable()
export class ClarificationsService {
  constructor(
    @InjectRepository(ClarificationEntity) private readonly clarifications: Repository<ClarificationEntity>,
    @InjectRepository(ContestProblemEntity) private readonly contestProblems: Repository<ContestProblemEntity>,
    private readonly users: UsersService,
    private readonly contests: ContestsService,
  ) {}

  async list(caller: Caller, contestId: string): Promise<ClarificationView[]> {
    const contest = await this.contests.findVisible(caller, contestId);
    const staff = isStaff(caller);
    const team = contest.teams && !staff ? await this.contests.teamOf(contestId, caller.id) : null;
    const rows = await this.clarifications.find({ where: { contestId }, order: { createdAt: 'ASC' } });
    const own = (c: ClarificationEntity) => c.askedBy === caller.id || (team !== null && c.teamId === team);
    const visible = rows.filter((c) => staff || c.public || own(c));
    const askers = visible.filter((c) => c.question !== null && c.askedBy !== null).map((c) => c.askedBy as string);
    const names = await this.users.usernames(askers);
    return visible.map((c) => this.view(c, staff || own(c) ? names : null));
  }

  async ask(
    caller: Caller,
    contestId: string,
    body: { problemLabel?: string; question: string },
  ): Promise<ClarificationView> {
    const contest = await this.contests.findVisible(caller, contestId);
    const teamId = await this.contests.actingTeam(caller, contest);
    await this.contests.assertParticipant(caller, contest);
    if (Date.now() >= contest.endsAt.getTime()) throw conflict('CONTEST_ENDED', 'the contest has ended');
    if (body.problemLabel && !(await this.contestProblems.existsBy({ contestId, label: body.problemLabel }))) {
      throw badRequest('UNKNOWN_PROBLEM', `this contest has no problem ${body.problemLabel}`);
    }
    const saved = await this.clarifications.save(
      this.clarifications.create({
        contestId,
        askedBy: caller.id,
        teamId,
        problemLabel: body.problemLabel ?? null,
        question: body.question,
        answer: null,
        public: false,
      }),
    );
    return this.view(saved, new Map([[caller.id, caller.username]]));
  }

  /** An answer to the asker only, or to everyone (`public`); answering again replaces it. */
  async answer(
    caller: Caller,
    contestId: string,
    id: string,
    body: { answer: string; public: boolean },
  ): Promise<ClarificationView> {
    await this.contests.find(contestId);
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.clarifications.findOneBy({ id, contestId }) : null;
    if (!row || row.question === null) throw notFound('clarification');
    Object.assign(row, { answer: body.answer, public: body.public, answeredBy: caller.id, answeredAt: new Date() });
    await this.clarifications.save(row);
    return this.view(row, await this.users.usernames(row.askedBy ? [row.askedBy] : []));
  }

  async announce(caller: Caller, contestId: string, text: string): Promise<ClarificationView> {
    await this.contests.find(contestId);
    const saved = await this.clarifications.save(
      this.clarifications.create({
        contestId,
        askedBy: null,
        problemLabel: null,
        question: null,
        answer: text,
        public: true,
        answeredBy: caller.id,
        answeredAt: new Date(),
      }),
    );
    return this.view(saved, null);
  }

  /** `names`: the askers this viewer may see by name (null: none). */
  private view(c: ClarificationEntity, names: ReadonlyMap<string, string> | null): ClarificationView {
    const asker = c.askedBy ? names?.get(c.askedBy) : undefined;
    return {
      id: c.id,
      kind: c.question === null ? 'announcement' : 'question',
      problemLabel: c.problemLabel,
      question: c.question,
      answer: c.answer,
      public: c.public,
      ...(asker && c.askedBy ? { askedBy: { id: c.askedBy, username: asker } } : {}),
      createdAt: c.createdAt.toISOString(),
      answeredAt: c.answeredAt?.toISOString() ?? null,
    };
  }
}
