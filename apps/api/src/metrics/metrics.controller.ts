import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { notFound, unauthorized } from '../common/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Public } from '../auth/auth.decorators';
import { Metrics } from './metrics';

/**
 * GET /metrics (outside /api: where Prometheus looks by default). With METRICS_TOKEN set, it takes that bearer
 * token from anywhere; unset, it answers only a scraper on this host, and 404 to everyone else, as if there were
 * no such route. "This host" is the connection's own address, never X-Forwarded-For, and a request that came
 * through a proxy (it carries a forwarding header) is not local even when the proxy runs here.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  async scrape(@Req() request: Request, @Res() response: Response): Promise<void> {
    this.authorize(request);
    const { contentType, body } = await this.metrics.text();
    response.type(contentType).send(body);
  }

  private authorize(request: Request): void {
    const token = this.config.METRICS_TOKEN;
    if (token !== undefined) {
      const header = request.headers.authorization ?? '';
      const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
      const expected = Buffer.from(token);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw unauthorized('metrics token required');
      return;
    }
    if (!fromThisHost(request)) throw notFound('metrics');
  }
}

function fromThisHost(request: Request): boolean {
  const forwarded = ['forwarded', 'x-forwarded-for', 'x-real-ip'].some((h) => request.headers[h] !== undefined);
  const address = request.socket.remoteAddress;
  // process(): an IPv4 client of a dual-stack socket shows as ::ffff:127.0.0.1.
  return (
    !forwarded && address !== undefined && ipaddr.isValid(address) && ipaddr.process(address).range() === 'loopback'
  );
}
