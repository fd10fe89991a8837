import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentUser, Public, Roles, type Actor, type Caller } from '../auth/auth.decorators';
import { ZodPipe } from '../common/zod-body';
import { OrganizationsService } from './organizations.service';
import {
  organizationInputSchema,
  teamInputSchema,
  type OrganizationInputBody,
  type TeamInputBody,
} from './teams.schemas';
import { TeamsService } from './teams.service';

/** Organisations: anyone signed in lists them (the board shows them anyway); admins keep them. */
@ApiTags('teams')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  list() {
    return this.organizations.list();
  }

  @Roles('admin')
  @Post()
  create(@Body(new ZodPipe(organizationInputSchema)) body: OrganizationInputBody, @CurrentActor() by: Actor) {
    return this.organizations.create(by, body);
  }

  @Roles('admin')
  @Put(':id')
  update(
    @Param('id') id: string,
    @Body(new ZodPipe(organizationInputSchema)) body: OrganizationInputBody,
    @CurrentActor() by: Actor,
  ) {
    return this.organizations.update(by, id, body);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @CurrentActor() by: Actor): Promise<void> {
    await this.organizations.remove(by, id);
  }
}

/** A contest's teams: listed to whoever may see the contest, kept by staff (the CSV import: account-import). */
@ApiTags('teams')
@ApiBearerAuth()
@Controller('contests/:id/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Public()
  @Get()
  list(@Param('id') id: string, @CurrentUser() caller: Caller | undefined) {
    return this.teams.list(caller, id);
  }

  @Roles('setter')
  @Post()
  create(@Param('id') id: string, @Body(new ZodPipe(teamInputSchema)) body: TeamInputBody, @CurrentActor() by: Actor) {
    return this.teams.create(by, id, body);
  }

  @Roles('setter')
  @Put(':teamId')
  update(
    @Param('id') id: string,
    @Param('teamId') teamId: string,
    @Body(new ZodPipe(teamInputSchema)) body: TeamInputBody,
    @CurrentActor() by: Actor,
  ) {
    return this.teams.update(by, id, teamId, body);
  }

  @Roles('setter')
  @Delete(':teamId')
  @HttpCode(204)
  async remove(@Param('id') id: string, @Param('teamId') teamId: string, @CurrentActor() by: Actor): Promise<void> {
    await this.teams.remove(by, id, teamId);
  }
}
