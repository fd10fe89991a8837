import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { SCOPE_READ, type MeView } from '@judge/contract';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodPipe } from '../common/zod-body';
import { credentialsSchema, loginSchema } from '../users/users.schemas';
import { CurrentUser, Public, RequiresScope, type Caller } from './auth.decorators';
import { AuthService } from './auth.service';

type Credentials = z.infer<typeof credentialsSchema>;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body(new ZodPipe(loginSchema)) body: z.infer<typeof loginSchema>, @Ip() address: string) {
    return this.auth.login(body.username, body.password, address);
  }

  /** Also with an API token of scope `read`: a program checks whose token it holds. */
  @RequiresScope(SCOPE_READ)
  @Get('me')
  me(@CurrentUser() caller: Caller): MeView {
    return { id: caller.id, username: caller.username, role: caller.role };
  }

  @Public()
  @Post('register')
  register(@Body(new ZodPipe(credentialsSchema)) body: Credentials, @Ip() address: string) {
    return this.auth.register(body.username, body.password, address);
  }
}
