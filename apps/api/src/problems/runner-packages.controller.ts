import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { unauthorized } from '../common/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Public } from '../auth/auth.decorators';
import { ProblemsService } from './problems.service';

/**
 * Runners download packages by hash with the runner token, not a user's login: a runner holds no
 * database credentials and no user account.
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
    const given = Buffer.from(authorization?.startsWith('Bearer ') ? authorization.slice(7) : '');
    const expected = Buffer.from(this.config.RUNNER_TOKEN);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw unauthorized('runner token required');
    const path = await this.problems.packagePath(hash);
    response.type('application/zip');
    response.sendFile(path);
  }
}
