import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { SettingsView } from '@judge/contract';
import { Public } from '../auth/auth.decorators';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** What a client may know of this judge's settings (the UI offers registration only when it is open). */
@ApiTags('health')
@Controller('settings')
export class SettingsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Get()
  settings(): SettingsView {
    return {
      registrationOpen: this.config.REGISTRATION_OPEN,
      submissionsPerMinute: this.config.SUBMISSIONS_PER_MINUTE,
    };
  }
}
