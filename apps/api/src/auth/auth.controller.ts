import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import type { MeView } from '@judge/contract';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodPipe } from '../common/zod-body';
import { credentialsSchema } from '../users/users.schemas';
import { CurrentUser, Public, type Caller } from './auth.decorators';
import { AuthService } from './auth.service';

type Credentials = z.infer<typeof credentialsSchema>;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body(new ZodPipe(credentialsSchema)) body: Credentials) {
    return this.auth.login(body.username, body.password);
  }

  @Get('me')
  me(@CurrentUser() caller: Caller): MeView {
    return { id: caller.id, username: caller.username, role: caller.role };
  }

  @Public()
  @Post('register')
  register(@Body(new ZodPipe(credentialsSchema)) body: Credentials) {
    return this.auth.register(body.username, body.password);
  }
}
