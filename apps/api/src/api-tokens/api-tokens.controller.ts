import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { API_TOKEN_SCOPES, type ApiTokenView, type CreatedApiToken } from '@judge/contract';
import { CurrentActor, CurrentUser, type Actor, type Caller } from '../auth/auth.decorators';
import { forbidden } from '../common/app-error';
import { ZodPipe } from '../common/zod-body';
import { ApiTokensService } from './api-tokens.service';

const createSchema = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(API_TOKEN_SCOPES)).min(1),
});

const listQuery = z.object({ all: z.enum(['true', 'false']).optional() });

/**
 * A user's API tokens. These routes declare no scope: they take a signed-in session, never a token (a leaked
 * token cannot make more tokens or keep itself alive).
 */
@ApiTags('tokens')
@ApiBearerAuth()
@Controller('tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  /** Makes a token; the answer holds the secret, shown this once. */
  @Post()
  create(
    @CurrentUser() caller: Caller,
    @Body(new ZodPipe(createSchema)) body: z.infer<typeof createSchema>,
  ): Promise<CreatedApiToken> {
    return this.tokens.create(caller.id, body.name, body.scopes);
  }

  /** The caller's tokens; `?all=true`: everyone's, for admins. */
  @Get()
  list(
    @CurrentUser() caller: Caller,
    @Query(new ZodPipe(listQuery)) query: z.infer<typeof listQuery>,
  ): Promise<ApiTokenView[]> {
    if (query.all !== 'true') return this.tokens.listOwn(caller.id);
    if (caller.role !== 'admin') throw forbidden('only admins list everyone’s tokens');
    return this.tokens.listAll();
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@CurrentActor() caller: Actor, @Param('id') id: string): Promise<void> {
    return this.tokens.revoke(caller, id);
  }
}
