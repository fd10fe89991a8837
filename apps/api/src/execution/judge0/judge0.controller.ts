import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ExecutionApi, RunCaller, type RunOwner } from '../../auth/auth.decorators';
import { Judge0Service, type Judge0Reply } from './judge0.service';

type Judge0Query = { base64_encoded?: string; wait?: string; fields?: string; tokens?: string };

/**
 * Judge0 CE's API under /judge0 (outside /api): a Judge0 client's base URL is http://host/judge0. API tokens with
 * the `runs` scope (X-Auth-Token, as Judge0's, or Bearer) or a session; none under EXECUTION_API_AUTH=none.
 */
@ApiTags('judge0')
@ApiSecurity('X-Auth-Token')
@ApiBearerAuth()
@Controller('judge0')
export class Judge0Controller {
  constructor(private readonly judge0: Judge0Service) {}

  @Post('submissions')
  @ExecutionApi()
  async create(
    @Body() body: unknown,
    @Query() query: Judge0Query,
    @RunCaller() owner: RunOwner,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const reply = await this.judge0.create(owner, body, {
      base64: query.base64_encoded === 'true',
      wait: query.wait === 'true',
      fields: query.fields,
    });
    return send(res, reply);
  }

  @Post('submissions/batch')
  @ExecutionApi()
  async createBatch(
    @Body() body: unknown,
    @Query() query: Judge0Query,
    @RunCaller() owner: RunOwner,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    return send(res, await this.judge0.createBatch(owner, body, query.base64_encoded === 'true'));
  }

  @Get('submissions/batch')
  @ExecutionApi()
  async getBatch(
    @Query() query: Judge0Query,
    @RunCaller() owner: RunOwner,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const reply = await this.judge0.getBatch(owner, query.tokens, {
      base64: query.base64_encoded === 'true',
      fields: query.fields,
    });
    return send(res, reply);
  }

  @Get('submissions/:token')
  @ExecutionApi()
  async get(
    @Param('token') token: string,
    @Query() query: Judge0Query,
    @RunCaller() owner: RunOwner,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const reply = await this.judge0.get(owner, token, {
      base64: query.base64_encoded === 'true',
      fields: query.fields,
    });
    return send(res, reply);
  }

  @Get('languages')
  @ExecutionApi()
  languages(): Promise<{ id: number; name: string }[]> {
    return this.judge0.listLanguages();
  }

  @Get('languages/:id')
  @ExecutionApi()
  async language(@Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<unknown> {
    return send(res, await this.judge0.language(id));
  }

  @Get('statuses')
  @ExecutionApi()
  statuses(): readonly { id: number; description: string }[] {
    return this.judge0.statuses();
  }

  @Get('about')
  @ExecutionApi()
  about(): Record<string, string> {
    return this.judge0.about();
  }

  @Get('config_info')
  @ExecutionApi()
  @HttpCode(200)
  configInfo(): Record<string, unknown> {
    return this.judge0.configInfo();
  }
}

function send(res: Response, reply: Judge0Reply): unknown {
  res.status(reply.status);
  return reply.body;
}
