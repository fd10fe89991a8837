import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCOPE_RUNS, type RunView } from '@judge/contract';
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
}
