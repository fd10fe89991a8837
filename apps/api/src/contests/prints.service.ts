import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, MoreThan, type Repository } from 'typeorm';
import { PRINT_MAX_BYTES, type PrintInput, type PrintView } from '@judge/contract';
import { isStaff, type Actor, type Caller } from '../auth/auth.decorators';
import { AuditLog } from '../audit/audit-log.service';
import { AppError, badRequest, conflict, notFound, tooMany } from '../common/app-error';
import { isUuid } from '../common/uuid';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TeamMemberEntity } from './contest.entities';
import { ContestsService } from './contests.service';
import { PrintEntity } from './print.entity';
import { runPrintCommand, type PrintValues } from './print-command';

/** Prints one account may send to a contest in PRINT_WINDOW_MS; more are refused (429) until older ones age out. */
export const PRINTS_PER_WINDOW = 10;
const PRINT_WINDOW_MS = 10 * 60_000;

/**
 * The print queue of an on-site contest: participants send text files while it runs; staff see the queue, read a
 * file, hand printouts out and print again. With PRINT_COMMAND set, every new print is given to that command (the
 * organiser's, run without a shell, the text on stdin), one at a time, and its outcome kept.
 */
@Injectable()
export class PrintsService implements OnModuleDestroy {
  private readonly logger = new Logger('Prints');
  /** Prints run one after another, as a printer takes them; this is the last one queued. */
  private printing: Promise<void> = Promise.resolve();

  constructor(
    @InjectRepository(PrintEntity) private readonly prints: Repository<PrintEntity>,
    @InjectRepository(TeamMemberEntity) private readonly members: Repository<TeamMemberEntity>,
    private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleDestroy(): Promise<void> {
    // The command has a time limit, so this ends; a print cut off here stays queued, to be printed again.
    await this.printing;
  }

  /** A participant's file, while the contest runs. */
  async submit(caller: Caller, contestId: string, input: PrintInput): Promise<PrintView> {
    const contest = await this.contests.findVisible(caller, contestId);
    await this.contests.assertParticipant(caller, contest);
    const now = Date.now();
    if (now < contest.startsAt.getTime()) throw conflict('CONTEST_NOT_STARTED', 'the contest has not started yet');
    if (now >= contest.endsAt.getTime()) throw conflict('CONTEST_ENDED', 'the contest has ended');
    const bytes = Buffer.byteLength(input.content, 'utf8');
    if (bytes > PRINT_MAX_BYTES) {
      throw new AppError(413, 'PRINT_TOO_LARGE', `a file to print is at most ${PRINT_MAX_BYTES / 1024} KiB`);
    }
    if (input.content.includes('\u0000')) throw badRequest('NOT_TEXT', 'only text files can be printed');
    const recent = await this.prints.countBy({
      contestId,
      userId: caller.id,
      createdAt: MoreThan(new Date(now - PRINT_WINDOW_MS)),
    });
    if (recent >= PRINTS_PER_WINDOW) {
      throw tooMany(`at most ${PRINTS_PER_WINDOW} prints in ${PRINT_WINDOW_MS / 60_000} minutes: wait a little`);
    }
    const member = contest.teams ? await this.members.findOneBy({ contestId, userId: caller.id }) : null;
    const saved = await this.prints.save(
      this.prints.create({
        contestId,
        userId: caller.id,
        teamId: member?.teamId ?? null,
        fileName: input.fileName,
        language: input.language ?? null,
        content: input.content,
        bytes,
        status: 'queued',
        error: null,
      }),
    );
    // Read before it is given to the command, so that the answer is the print as sent: queued.
    const view = await this.one(saved.id);
    if (this.config.PRINT_COMMAND) this.schedule(saved.id);
    return view;
  }

  /** Staff: every print of the contest; a participant: their own and their team's. Newest first. */
  async list(caller: Caller, contestId: string): Promise<PrintView[]> {
    const contest = await this.contests.findVisible(caller, contestId);
    if (isStaff(caller)) return this.views('p.contest_id = $1', [contestId]);
    await this.contests.assertParticipant(caller, contest);
    const member = await this.members.findOneBy({ contestId, userId: caller.id });
    return this.views('p.contest_id = $1 AND (p.user_id = $2 OR p.team_id = $3)', [
      contestId,
      caller.id,
      member?.teamId ?? null,
    ]);
  }

  /** The text of a print: to staff, and to whoever sent it (or their team). */
  async content(caller: Caller, contestId: string, printId: string): Promise<{ fileName: string; content: string }> {
    const row = await this.find(contestId, printId);
    if (!isStaff(caller) && row.userId !== caller.id) {
      const member = await this.members.findOneBy({ contestId, userId: caller.id });
      if (!row.teamId || member?.teamId !== row.teamId) throw notFound('print');
    }
    return { fileName: row.fileName, content: row.content };
  }

  /** The printout was handed out. */
  async markDone(contestId: string, printId: string, by: Actor): Promise<PrintView> {
    const row = await this.find(contestId, printId);
    if (row.status !== 'done') {
      await this.dataSource.transaction(async (tx) => {
        await tx.update(PrintEntity, { id: row.id }, { status: 'done', doneAt: new Date(), doneBy: by.id });
        await this.audit.record(
          {
            actor: by,
            action: 'print.done',
            target: { type: 'contest', id: contestId },
            details: { printId: row.id, fileName: row.fileName },
          },
          tx,
        );
      });
    }
    return this.one(row.id);
  }

  /** Gives a print to the print command again (a jam, an empty tray). */
  async reprint(contestId: string, printId: string): Promise<PrintView> {
    const row = await this.find(contestId, printId);
    if (!this.config.PRINT_COMMAND) {
      throw conflict('PRINTING_NOT_CONFIGURED', 'no print command is set (PRINT_COMMAND): prints are only queued');
    }
    await this.prints.update({ id: row.id }, { status: 'queued', error: null, doneAt: null, doneBy: null });
    const view = await this.one(row.id);
    this.schedule(row.id);
    return view;
  }

  /** Resolves once every print queued so far has been tried (tests wait on it). */
  idle(): Promise<void> {
    return this.printing;
  }

  private schedule(printId: string): void {
    this.printing = this.printing.then(() =>
      this.print(printId).catch((error: unknown) => this.logger.error(`print ${printId}: ${String(error)}`)),
    );
  }

  private async print(printId: string): Promise<void> {
    const command = this.config.PRINT_COMMAND;
    const row = await this.prints.findOneBy({ id: printId });
    if (!command || !row || row.status !== 'queued') return;
    const [values] = await this.dataSource.query<PrintValues[]>(
      `SELECT u.username AS user, COALESCE(t.name, u.username) AS team, COALESCE(t.location, '') AS location,
              c.title AS contest
         FROM prints p JOIN users u ON u.id = p.user_id JOIN contests c ON c.id = p.contest_id
         LEFT JOIN teams t ON t.id = p.team_id
        WHERE p.id = $1`,
      [printId],
    );
    const outcome = await runPrintCommand(
      command,
      { ...values, file: row.fileName, language: row.language ?? '' },
      row.content,
      this.config.PRINT_TIMEOUT_SECONDS * 1000,
    );
    // Marked done by staff meanwhile: it stays done.
    await this.prints.update(
      { id: printId, status: 'queued' },
      outcome.ok
        ? { status: 'printed', error: null, printedAt: new Date() }
        : { status: 'failed', error: outcome.error },
    );
  }

  private async find(contestId: string, printId: string): Promise<PrintEntity> {
    await this.contests.find(contestId);
    const row = isUuid(printId) ? await this.prints.findOneBy({ id: printId, contestId }) : null;
    if (!row) throw notFound('print');
    return row;
  }

  private async one(printId: string): Promise<PrintView> {
    const [found] = await this.views('p.id = $1', [printId]);
    if (!found) throw notFound('print');
    return found;
  }

  private async views(where: string, parameters: unknown[]): Promise<PrintView[]> {
    const rows = await this.dataSource.query<(Omit<PrintView, 'createdAt' | 'printedAt' | 'doneAt'> & Dates)[]>(
      `SELECT p.id, p.user_id AS "userId", u.username, p.team_id AS "teamId", t.name AS "teamName", t.location,
              p.file_name AS "fileName", p.language, p.bytes, p.status, p.error, p.created_at AS "createdAt",
              p.printed_at AS "printedAt", p.done_at AS "doneAt", d.username AS "doneBy"
         FROM prints p JOIN users u ON u.id = p.user_id
         LEFT JOIN teams t ON t.id = p.team_id
         LEFT JOIN users d ON d.id = p.done_by
        WHERE ${where}
        ORDER BY p.created_at DESC, p.id`,
      parameters,
    );
    return rows.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      printedAt: r.printedAt?.toISOString() ?? null,
      doneAt: r.doneAt?.toISOString() ?? null,
    }));
  }
}

interface Dates {
  createdAt: Date;
  printedAt: Date | null;
  doneAt: Date | null;
}
