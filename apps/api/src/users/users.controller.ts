import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodPipe } from '../common/zod-body';
import { CurrentActor, Roles, type Actor } from '../auth/auth.decorators';
import { createUserSchema, updateUserSchema } from './users.schemas';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  async create(
    @Body(new ZodPipe(createUserSchema)) body: z.infer<typeof createUserSchema>,
    @CurrentActor() caller: Actor,
  ) {
    const user = await this.users.create(body, caller);
    return { id: user.id };
  }

  @Get()
  list() {
    return this.users.list();
  }

  @Patch(':id')
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(updateUserSchema)) body: z.infer<typeof updateUserSchema>,
    @CurrentActor() caller: Actor,
  ) {
    return this.users.update(id, body, caller);
  }
}
