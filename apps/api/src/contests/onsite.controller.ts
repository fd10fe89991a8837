import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentActor, CurrentUser, Roles, type Actor, type Caller } from '../auth/auth.decorators';
import { ZodPipe } from '../common/zod-body';
import { BalloonsService } from './balloons.service';
import { balloonsQuery, printSchema } from './onsite.schemas';
import { PrintsService } from './prints.service';

/** Balloons and printing of on-site contests (docs/contests.md, "Balloons and printing"). */
@ApiTags('contests')
@ApiBearerAuth()
@Controller('contests')
export class OnsiteController {
  constructor(
    private readonly balloons: BalloonsService,
    private readonly prints: PrintsService,
  ) {}

  @Roles('setter')
  @Get(':id/balloons')
  balloonList(@Param('id') id: string, @Query(new ZodPipe(balloonsQuery)) query: z.infer<typeof balloonsQuery>) {
    return this.balloons.list(id, query.status);
  }

  @Roles('setter')
  @Post(':id/balloons/:submissionId/done')
  @HttpCode(200)
  balloonDone(@Param('id') id: string, @Param('submissionId') submissionId: string, @CurrentActor() by: Actor) {
    return this.balloons.markDone(id, submissionId, by);
  }

  @Roles('setter')
  @Delete(':id/balloons/:submissionId/done')
  balloonUndo(@Param('id') id: string, @Param('submissionId') submissionId: string, @CurrentActor() by: Actor) {
    return this.balloons.undo(id, submissionId, by);
  }

  @Post(':id/prints')
  print(
    @Param('id') id: string,
    @Body(new ZodPipe(printSchema)) body: z.infer<typeof printSchema>,
    @CurrentUser() caller: Caller,
  ) {
    return this.prints.submit(caller, id, body);
  }

  @Get(':id/prints')
  printList(@Param('id') id: string, @CurrentUser() caller: Caller) {
    return this.prints.list(caller, id);
  }

  /** The file as sent, as plain text (never rendered as HTML). */
  @Get(':id/prints/:printId/content')
  @Header('content-type', 'text/plain; charset=utf-8')
  @Header('x-content-type-options', 'nosniff')
  async printContent(@Param('id') id: string, @Param('printId') printId: string, @CurrentUser() caller: Caller) {
    return (await this.prints.content(caller, id, printId)).content;
  }

  @Roles('setter')
  @Post(':id/prints/:printId/done')
  @HttpCode(200)
  printDone(@Param('id') id: string, @Param('printId') printId: string, @CurrentActor() by: Actor) {
    return this.prints.markDone(id, printId, by);
  }

  @Roles('setter')
  @Post(':id/prints/:printId/print')
  @HttpCode(200)
  printAgain(@Param('id') id: string, @Param('printId') printId: string) {
    return this.prints.reprint(id, printId);
  }
}
