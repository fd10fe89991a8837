import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, type Caller } from '../auth/auth.decorators';
import { VirtualService } from './virtual.service';

/** Virtual participation and upsolving of an ended contest (docs/contests.md); its submissions go by the contest's. */
@ApiTags('contests')
@ApiBearerAuth()
@Controller('contests')
export class VirtualController {
  constructor(private readonly virtual: VirtualService) {}

  @Post(':id/virtual')
  start(@Param('id') id: string, @CurrentUser() caller: Caller) {
    return this.virtual.start(caller, id);
  }

  @Get(':id/virtual')
  state(@Param('id') id: string, @CurrentUser() caller: Caller) {
    return this.virtual.state(caller, id);
  }

  @Get(':id/virtual/scoreboard')
  scoreboard(@Param('id') id: string, @CurrentUser() caller: Caller) {
    return this.virtual.scoreboard(caller, id);
  }

  @Public()
  @Get(':id/upsolving')
  upsolving(@Param('id') id: string, @CurrentUser() caller: Caller | undefined) {
    return this.virtual.upsolving(caller, id);
  }
}
