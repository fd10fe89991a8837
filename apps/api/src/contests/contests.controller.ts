import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, Sse, type MessageEvent } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { CurrentActor, CurrentUser, Public, Roles, type Actor, type Caller } from '../auth/auth.decorators';
import { ZodPipe } from '../common/zod-body';
import { labelledSubmissionSchema, labelledSubmissionsQuery } from '../submissions/submission.schemas';
import { ClarificationsService } from './clarifications.service';
import {
  announceSchema,
  answerSchema,
  askSchema,
  contestInputSchema,
  registerSchema,
  type ContestInputBody,
} from './contests.schemas';
import { ScoreboardStreams, STREAMS_FULL_RETRY_AFTER_S, StreamsFullError } from './scoreboard-streams';
import { SharedScoreboards } from './shared-scoreboards';
import { ContestsService, viewerOf } from './contests.service';
import { sendStatementFile } from '../problems/statement-files';
import type { z } from 'zod';

@ApiTags('contests')
@ApiBearerAuth()
@Controller('contests')
export class ContestsController {
  constructor(
    private readonly contests: ContestsService,
    private readonly clarifications: ClarificationsService,
    private readonly streams: ScoreboardStreams,
    private readonly boards: SharedScoreboards,
  ) {}

  @Roles('setter')
  @Post()
  create(@Body(new ZodPipe(contestInputSchema)) body: ContestInputBody, @CurrentActor() caller: Actor) {
    return this.contests.create(caller, body);
  }

  @Roles('setter')
  @Put(':id')
  update(
    @Param('id') id: string,
    @Body(new ZodPipe(contestInputSchema)) body: ContestInputBody,
    @CurrentActor() caller: Actor,
  ) {
    return this.contests.update(id, body, caller);
  }

  @Public()
  @Get()
  list(@CurrentUser() caller: Caller | undefined) {
    return this.contests.list(caller);
  }

  @Public()
  @Get(':id')
  view(@Param('id') id: string, @CurrentUser() caller: Caller | undefined) {
    return this.contests.view(caller, id);
  }

  @Post(':id/register')
  @HttpCode(200)
  register(
    @Param('id') id: string,
    @Body(new ZodPipe(registerSchema)) body: z.infer<typeof registerSchema>,
    @CurrentUser() caller: Caller,
  ) {
    return this.contests.register(caller, id, body.code);
  }

  @Get(':id/problems/:label')
  problem(@Param('id') id: string, @Param('label') label: string, @CurrentUser() caller: Caller) {
    return this.contests.problem(caller, id, label);
  }

  /** A file of a contest problem's statement folder, by the same rules as the problem. */
  @Get(':id/problems/:label/statement/:name')
  async statementFile(
    @Param('id') id: string,
    @Param('label') label: string,
    @Param('name') name: string,
    @CurrentUser() caller: Caller,
    @Res() response: Response,
  ): Promise<void> {
    await sendStatementFile(response, await this.contests.statementFile(caller, id, label, name));
  }

  /** A contest problem's statement PDF, by the same rules as the problem. */
  @Get(':id/problems/:label/statement.pdf')
  async statementPdf(
    @Param('id') id: string,
    @Param('label') label: string,
    @CurrentUser() caller: Caller,
    @Res() response: Response,
  ): Promise<void> {
    await sendStatementFile(response, await this.contests.statementFile(caller, id, label, null));
  }

  @Post(':id/submissions')
  submit(
    @Param('id') id: string,
    @Body(new ZodPipe(labelledSubmissionSchema)) body: z.infer<typeof labelledSubmissionSchema>,
    @CurrentUser() caller: Caller,
  ) {
    return this.contests.submit(caller, id, body);
  }

  @Get(':id/submissions')
  submissions(
    @Param('id') id: string,
    @Query(new ZodPipe(labelledSubmissionsQuery)) query: z.infer<typeof labelledSubmissionsQuery>,
    @CurrentUser() caller: Caller,
  ) {
    return this.contests.submissionList(caller, id, query);
  }

  /**
   * Public once the contest has started; the caller decides what a frozen board shows. The board kept for the
   * deployment (SharedScoreboards) is sent as it is kept, already JSON.
   */
  @Public()
  @Get(':id/scoreboard')
  async scoreboard(
    @Param('id') id: string,
    @CurrentUser() caller: Caller | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    await this.contests.assertScoreboardOpen(caller, id);
    response.type('application/json');
    return this.boards.board(id, viewerOf(caller));
  }

  /**
   * Server-sent `scoreboard` events: this viewer's board at once, then after every change (computed once per change
   * and view for the deployment: SharedScoreboards). With `?patches=1`, a change that only changed rows comes as a
   * `scoreboard-patch` event (ScoreboardPatch) instead. Without an account, refused with 503 and Retry-After when the
   * anonymous streams are all taken.
   */
  @Public()
  @Sse(':id/scoreboard/events')
  async scoreboardEvents(
    @Param('id') id: string,
    @Query('patches') patches: string | undefined,
    @CurrentUser() caller: Caller | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Observable<MessageEvent>> {
    // Refused (hidden, not started, unknown, full) as an ordinary error before the stream opens.
    await this.contests.assertScoreboardOpen(caller, id);
    try {
      return this.streams.stream(id, caller, { patches: patches === '1' || patches === 'true' });
    } catch (error) {
      if (error instanceof StreamsFullError) response.setHeader('Retry-After', String(STREAMS_FULL_RETRY_AFTER_S));
      throw error;
    }
  }

  @Roles('setter')
  @Post(':id/unfreeze')
  @HttpCode(200)
  unfreeze(@Param('id') id: string, @CurrentActor() caller: Actor) {
    return this.contests.unfreeze(id, caller);
  }

  @Get(':id/clarifications')
  clarificationList(@Param('id') id: string, @CurrentUser() caller: Caller) {
    return this.clarifications.list(caller, id);
  }

  @Post(':id/clarifications')
  ask(
    @Param('id') id: string,
    @Body(new ZodPipe(askSchema)) body: z.infer<typeof askSchema>,
    @CurrentUser() caller: Caller,
  ) {
    return this.clarifications.ask(caller, id, body);
  }

  @Roles('setter')
  @Post(':id/clarifications/:cid/answer')
  @HttpCode(200)
  answer(
    @Param('id') id: string,
    @Param('cid') cid: string,
    @Body(new ZodPipe(answerSchema)) body: z.infer<typeof answerSchema>,
    @CurrentUser() caller: Caller,
  ) {
    return this.clarifications.answer(caller, id, cid, body);
  }

  @Roles('setter')
  @Post(':id/announcements')
  announce(
    @Param('id') id: string,
    @Body(new ZodPipe(announceSchema)) body: z.infer<typeof announceSchema>,
    @CurrentUser() caller: Caller,
  ) {
    return this.clarifications.announce(caller, id, body.text);
  }
}
