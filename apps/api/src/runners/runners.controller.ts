import { Body, Controller, Get, Headers, HttpCode, Inject, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { QueueView, RunnerHeartbeat, RunnerList } from '@judge/contract';
import { Public, Roles } from '../auth/auth.decorators';
import { ZodPipe } from '../common/zod-body';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { checkRunnerToken } from './runner-token';
import { RunnersService } from './runners.service';

const heartbeatSchema = z.object({
  runnerId: z.string().min(1).max(200),
  host: z.string().min(1).max(255),
  engine: z.string().min(1).max(50),
  languages: z.array(z.string().min(1).max(100)).max(500),
  concurrency: z.number().int().min(1).max(1024),
  jobsDone: z.number().int().min(0),
});

/** The runners page's routes, for admins: the runners, the queue, and pausing judging. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin')
export class RunnersAdminController {
  constructor(private readonly runners: RunnersService) {}

  @Get('runners')
  list(): Promise<RunnerList> {
    return this.runners.list();
  }

  @Get('queue')
  queue(): Promise<QueueView> {
    return this.runners.queueView();
  }

  /** Runners take no new job until resumed; the running ones finish, and submissions are accepted and wait. */
  @Post('queue/pause')
  @HttpCode(200)
  pause(): Promise<QueueView> {
    return this.runners.pause();
  }

  @Post('queue/resume')
  @HttpCode(200)
  resume(): Promise<QueueView> {
    return this.runners.resume();
  }
}

/** Runners' heartbeats, with the runner token (as package downloads): a runner has no user account. */
@Controller('runner/heartbeat')
export class RunnerHeartbeatController {
  constructor(
    private readonly runners: RunnersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @ApiExcludeEndpoint()
  @Put()
  @HttpCode(204)
  async heartbeat(@Headers('authorization') authorization: string | undefined, @Body() body: unknown): Promise<void> {
    checkRunnerToken(this.config.RUNNER_TOKEN, authorization);
    const beat: RunnerHeartbeat = new ZodPipe(heartbeatSchema).transform(body);
    await this.runners.heartbeat(beat);
  }
}
