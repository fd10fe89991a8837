import { Body, Controller, Get, Param, Post, Query, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { z } from 'zod';
import { SCOPE_RUNS, type RunEvent, type RunView } from '@judge/contract';
import { ZodPipe } from '../common/zod-body';
import { CurrentUser, RequiresScope, type Caller } from '../auth/auth.decorators';
import { runSchema, runWaitQuery, type RunBody } from './run.schemas';
import { RunsService } from './runs.service';

/** Runs: one program, one input, no problem; signed-in users, and API tokens with the `runs` scope. */
@ApiTags('runs')
@ApiBearerAuth()
@ApiSecurity('X-Auth-Token')
@Controller('runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  /** `{id}`; with `?wait=true`, the run's view once it is done, or as it stands after RUN_WAIT_SECONDS. */
  @Post()
  @RequiresScope(SCOPE_RUNS)
  async create(
    @Body(new ZodPipe(runSchema)) body: RunBody,
    @Query(new ZodPipe(runWaitQuery)) query: z.infer<typeof runWaitQuery>,
    @CurrentUser() caller: Caller,
  ): Promise<{ id: string } | RunView> {
    const { id } = await this.runs.create({ user: caller }, body);
    return query.wait === 'true' ? this.runs.waitFor({ user: caller }, id) : { id };
  }

  @Get(':id')
  @RequiresScope(SCOPE_RUNS)
  get(@Param('id') id: string, @CurrentUser() caller: Caller): Promise<RunView> {
    return this.runs.get({ user: caller }, id);
  }

  /**
   * Server-sent events: the run's status at once (`status` queued or running, or `done`), each change, then `done`
   * with the whole run; ends after it. A browser's EventSource may pass the session as `?access_token=`.
   */
  @Sse(':id/events')
  @RequiresScope(SCOPE_RUNS)
  async stream(@Param('id') id: string, @CurrentUser() caller: Caller): Promise<Observable<MessageEvent>> {
    // A run the caller may not see is a 404 before the stream opens.
    await this.runs.get({ user: caller }, id);
    return new Observable<MessageEvent>((subscriber) => {
      let told = false;
      const send = (event: RunEvent) => {
        told = true;
        subscriber.next({ type: event.type, data: event });
        if (event.type === 'done') subscriber.complete();
      };
      const unsubscribe = this.runs.subscribe(id, send);
      // Subscribed first, then read: a change stored in between is not missed, and an event that came meanwhile
      // is newer than the read.
      this.runs.get({ user: caller }, id).then(
        (run) => {
          if (run.status === 'done') send({ type: 'done', run });
          else if (!told) send({ type: 'status', status: run.status });
        },
        (error: unknown) => subscriber.error(error),
      );
      return unsubscribe;
    });
  }
}
