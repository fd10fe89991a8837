import {
  type ArgumentsHost,
  type CallHandler,
  Catch,
  Controller,
  type ExceptionFilter,
  type ExecutionContext,
  Get,
  HttpException,
  Injectable,
  Logger,
  type NestInterceptor,
  Param,
  Query,
  Res,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import type { Observable } from 'rxjs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SCOPE_CCS } from '@judge/contract';
import { CurrentUser, Public, RequiresScope, type Caller } from '../auth/auth.decorators';
import { AppError, badRequest, notFound } from '../common/app-error';
import { CcsEventFeed } from './ccs-event-feed';
import { CCS_COLLECTION_TYPES, CcsService, type CcsCollectionType } from './ccs.service';

/** Errors as the specification has them: `{code: <HTTP status>, message}`. */
@Catch()
export class CcsErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ContestApi');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    let code = 500;
    let message = 'internal error';
    if (error instanceof AppError) [code, message] = [error.statusCode, error.message];
    else if (error instanceof HttpException) [code, message] = [error.getStatus(), error.message];
    else this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response.status(code).json({ code, message });
  }
}

/** Browsers' clients (presentations, overlays) may read the API from other origins, as the specification asks. */
@Injectable()
export class CcsCorsHeader implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getResponse<Response>().setHeader('Access-Control-Allow-Origin', '*');
    return next.handle();
  }
}

const isCollection = (type: string): type is CcsCollectionType =>
  (CCS_COLLECTION_TYPES as readonly string[]).includes(type);

/**
 * The ICPC Contest API, version 2026-01, read-only (docs/api.md, "Contest API"). Anyone may read the public view;
 * staff, with a session or an API token of scope `ccs` (also as HTTP basic auth's password), read everything.
 */
@ApiTags('contest-api')
@Controller('ccs')
@UseFilters(CcsErrorFilter)
@UseInterceptors(CcsCorsHeader)
@Public()
@RequiresScope(SCOPE_CCS)
export class CcsController {
  constructor(
    private readonly ccs: CcsService,
    private readonly feed: CcsEventFeed,
  ) {}

  @Get()
  info() {
    return this.ccs.apiInfo();
  }

  @Get('contests')
  contests(@CurrentUser() caller: Caller | undefined) {
    return this.ccs.contestList(caller);
  }

  @Get('contests/:cid')
  async contest(@Param('cid') cid: string, @CurrentUser() caller: Caller | undefined) {
    const ref = await this.ccs.contest(caller, cid);
    return (await this.ccs.snapshot(ref)).contest;
  }

  @Get('contests/:cid/access')
  async access(@Param('cid') cid: string, @CurrentUser() caller: Caller | undefined) {
    return this.ccs.access(await this.ccs.contest(caller, cid));
  }

  @Get('contests/:cid/state')
  async state(@Param('cid') cid: string, @CurrentUser() caller: Caller | undefined) {
    return (await this.ccs.snapshot(await this.ccs.contest(caller, cid))).state;
  }

  @Get('contests/:cid/scoreboard')
  async scoreboard(
    @Param('cid') cid: string,
    @Query('group_id') groupId: string | undefined,
    @CurrentUser() caller: Caller | undefined,
  ) {
    // There are no groups, so no group's board.
    if (groupId !== undefined) throw badRequest('UNKNOWN_GROUP', `no group ${groupId}`);
    return (await this.ccs.snapshot(await this.ccs.contest(caller, cid))).scoreboard;
  }

  /** NDJSON, one event a line, from the start or after `since_token`; `stream=false` ends once caught up. */
  @Get('contests/:cid/event-feed')
  async eventFeed(
    @Param('cid') cid: string,
    @Query() query: Record<string, unknown>,
    @CurrentUser() caller: Caller | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const ref = await this.ccs.contest(caller, cid);
    await this.feed.serve(ref, query, response);
  }

  /** A submission's files, as the zip its `files` reference points to (admins only). */
  @Get('contests/:cid/submissions/:sid/files')
  async submissionFiles(
    @Param('cid') cid: string,
    @Param('sid') sid: string,
    @CurrentUser() caller: Caller | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const zip = await this.ccs.submissionZip(await this.ccs.contest(caller, cid), sid);
    response.setHeader('Content-Type', 'application/zip');
    response.setHeader('Content-Disposition', 'attachment; filename="files.zip"');
    response.end(zip);
  }

  /** A collection, filtered on any `*_id` property given in the query (empty: null), as the specification asks. */
  @Get('contests/:cid/:type')
  async collection(
    @Param('cid') cid: string,
    @Param('type') type: string,
    @Query() query: Record<string, unknown>,
    @CurrentUser() caller: Caller | undefined,
  ) {
    if (!isCollection(type)) throw notFound('endpoint');
    const items = (await this.ccs.snapshot(await this.ccs.contest(caller, cid))).collections[type] as object[];
    const filters = Object.entries(query).filter(
      (entry): entry is [string, string] => entry[0].endsWith('_id') && typeof entry[1] === 'string',
    );
    return items.filter((item) =>
      filters.every(([key, value]) => {
        const property = (item as Record<string, unknown>)[key];
        return (typeof property === 'string' ? property : '') === value;
      }),
    );
  }

  @Get('contests/:cid/:type/:oid')
  async object(
    @Param('cid') cid: string,
    @Param('type') type: string,
    @Param('oid') oid: string,
    @CurrentUser() caller: Caller | undefined,
  ) {
    if (!isCollection(type)) throw notFound('endpoint');
    const items = (await this.ccs.snapshot(await this.ccs.contest(caller, cid))).collections[type] as {
      id: string;
    }[];
    const found = items.find((item) => item.id === oid);
    if (!found) throw notFound(type);
    return found;
  }
}
