import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Caller } from '../auth/auth.decorators';
import { ProfilesService } from './profiles.service';

/** Users' public pages, for every signed-in user (what each viewer sees of them: ProfilesService). */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get(':username/profile')
  profile(@Param('username') username: string, @CurrentUser() caller: Caller) {
    return this.profiles.profile(caller, username);
  }
}
