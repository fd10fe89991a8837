import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodPipe } from '../common/zod-body';
import { credentialsSchema } from '../users/users.schemas';
import { Public } from './auth.decorators';
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

  @Public()
  @Post('register')
  register(@Body(new ZodPipe(credentialsSchema)) body: Credentials) {
    return this.auth.register(body.username, body.password);
  }
}
