import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';
import { Public } from '../auth/auth.decorators';
import { Drain } from './drain';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    private readonly drain: Drain,
  ) {}

  /** 200 once the API, the database and the queue are ready (as GET /api/health/ready). */
  @Public()
  @Get()
  health() {
    return this.readiness();
  }

  /**
   * For the load balancer: 200 while this process takes traffic (the database and the queue reachable), 503 once
   * it is stopping (SIGTERM) or cannot serve.
   */
  @Public()
  @Get('ready')
  ready() {
    return this.readiness();
  }

  /** For the orchestrator's liveness probe: 200 as long as the process answers, stopping or not. */
  @Public()
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  private async readiness() {
    if (!this.drain.isReady) throw new AppError(503, 'NOT_READY', 'not ready: this server is stopping');
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
