import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ExecutionApi, RunCaller, type RunOwner } from '../../auth/auth.decorators';
import type { PistonResult } from './piston-result';
import type { PistonRuntime } from './piston-runtimes';
import { PistonService } from './piston.service';

/**
 * Piston's API v2 at its own paths (/api/v2/runtimes, /api/v2/execute), so that a Piston client given this
 * server's address works unchanged. The body is JSON whatever its content type (PISTON_JSON_PATHS).
 */
@ApiTags('piston')
@ApiBearerAuth()
@Controller('v2')
export class PistonController {
  constructor(private readonly piston: PistonService) {}

  @Get('runtimes')
  @ExecutionApi()
  runtimes(): Promise<PistonRuntime[]> {
    return this.piston.list();
  }

  /** Piston answers 200 with the result, and 400 `{message}` for a request it cannot run. */
  @Post('execute')
  @HttpCode(200)
  @ExecutionApi()
  execute(@Body() body: unknown, @RunCaller() owner: RunOwner): Promise<PistonResult> {
    return this.piston.execute(owner, body);
  }
}
