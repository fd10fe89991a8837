import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';
import { Public } from '../auth/auth.decorators';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  /** 200 once the API, the database and the queue are ready. */
  @Public()
  @Get()
  async health() {
    const database = await this.dataSource
      .query('SELECT 1')
      .then(() => true)
      .catch(() => false);
    const others = await Promise.all(
      this.checks.map(async (c) => [c.name, await c.ready().catch(() => false)] as const),
    );
    const status = { database, ...Object.fromEntries(others) };
    if (Object.values(status).some((ok) => !ok)) {
      throw new AppError(503, 'NOT_READY', `not ready: ${JSON.stringify(status)}`);
    }
    return { status: 'ok', ...status };
  }
}
