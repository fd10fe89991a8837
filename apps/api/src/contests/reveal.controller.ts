import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type Caller } from '../auth/auth.decorators';
import { ContestRevealService } from './reveal.service';

/** The closing ceremony's routes: awards and the reveal (docs/api.md, "Contests"). */
@ApiTags('contests')
@ApiBearerAuth()
@Controller('contests')
export class ContestRevealController {
  constructor(private readonly reveal: ContestRevealService) {}

  /** Staff at any time; anyone who may see the contest once it has ended and its board is unfrozen. */
  @Public()
  @Get(':id/awards')
  awards(@Param('id') id: string, @CurrentUser() caller: Caller | undefined) {
    return this.reveal.awards(caller, id);
  }

  @Roles('setter')
  @Get(':id/reveal')
  revealData(@Param('id') id: string) {
    return this.reveal.reveal(id);
  }
}
