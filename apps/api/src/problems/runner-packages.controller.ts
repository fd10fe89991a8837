import { Body, Controller, Get, Headers, Inject, Param, Put, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { DerivedTimeLimitOffer, StoredTimeLimit } from '@judge/contract';
import { checkRunnerToken } from '../runners/runner-token';
import { ZodPipe } from '../common/zod-body';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Public } from '../auth/auth.decorators';
import { ProblemsService } from './problems.service';

const offerSchema = z.object({
  timeLimitMs: z.number().int().positive(),
  slowestAcceptedMs: z.number().int().min(0),
  runnerId: z.string().min(1).max(200),
});

/**
 * Runners download packages by hash with the runner token, not a user's login: a runner holds no
 * database credentials and no user account. They also read and store the time limit derived from a package's
 * accepted submissions here, so that every runner judges a package version with the same one.
 */
@ApiExcludeController()
@Controller('runner/packages')
export class RunnerPackagesController {
  constructor(
    private readonly problems: ProblemsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get(':hash')
  async download(
    @Param('hash') hash: string,
    @Headers('authorization') authorization: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    this.checkToken(authorization);
    const path = await this.problems.packagePath(hash);
    response.type('application/zip');
    response.sendFile(path);
  }

  @Public()
  @Get(':hash/time-limit')
  timeLimit(
    @Param('hash') hash: string,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<StoredTimeLimit> {
    this.checkToken(authorization);
    return this.problems.storedTimeLimit(hash);
  }

  /** The first runner's offer is kept; every offer gets back the one kept. */
  @Public()
  @Put(':hash/time-limit')
  offerTimeLimit(
    @Param('hash') hash: string,
    @Headers('authorization') authorization: string | undefined,
    @Body() body: unknown,
  ): Promise<StoredTimeLimit> {
    this.checkToken(authorization);
    const offer: DerivedTimeLimitOffer = new ZodPipe(offerSchema).transform(body);
    return this.problems.offerTimeLimit(hash, offer);
  }

  private checkToken(authorization: string | undefined): void {
    checkRunnerToken(this.config.RUNNER_TOKEN, authorization);
  }
}
