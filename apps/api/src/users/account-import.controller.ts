import {
  applyDecorators,
  Body,
  Controller,
  Headers,
  HttpCode,
  Param,
  Post,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ACCOUNT_IMPORT_MAX_BYTES } from '@judge/contract';
import { CurrentActor, CurrentUser, Roles, type Actor, type Caller } from '../auth/auth.decorators';
import { badRequest } from '../common/app-error';
import { ZodPipe } from '../common/zod-body';
import { AccountImportService, type AccountImportInput } from './account-import.service';

const existingSchema = z.enum(['refuse', 'enrol']).optional();
const contestIdSchema = z.string().uuid().optional();
const jsonSchema = z.object({
  csv: z.string().max(ACCOUNT_IMPORT_MAX_BYTES),
  existing: existingSchema,
  contestId: contestIdSchema,
});
const fieldsSchema = z.object({ existing: existingSchema, contestId: contestIdSchema });

const importBody = {
  schema: {
    type: 'object',
    properties: {
      file: { type: 'string', format: 'binary' },
      existing: { type: 'string', enum: ['refuse', 'enrol'] },
      contestId: { type: 'string', format: 'uuid', description: "admins' import only: the team contest" },
    },
    required: ['file'],
  },
};

/** `POST …/import`: a CSV file upload (multipart field `file`) or JSON `{csv}`, answered 201. */
const ImportRoute = () =>
  applyDecorators(
    Post('import'),
    HttpCode(201),
    UseInterceptors(FileInterceptor('file', { limits: { fileSize: ACCOUNT_IMPORT_MAX_BYTES, files: 1 } })),
    ApiConsumes('multipart/form-data', 'application/json'),
    ApiBody(importBody),
  );

/** The CSV from multipart field `file`, or JSON `{csv}`; `existing` and `contestId` beside either. */
function importInput(
  file: Express.Multer.File | undefined,
  body: unknown,
  contentType: string | undefined,
): AccountImportInput {
  if (contentType?.startsWith('application/json')) return new ZodPipe(jsonSchema).transform(body);
  if (!file) throw badRequest('FILE_MISSING', 'multipart field "file" with a CSV file (or JSON {csv}) is required');
  const { existing, contestId } = new ZodPipe(fieldsSchema).transform(body ?? {});
  return { csv: file.buffer.toString('utf8'), existing, contestId };
}

/** Admins import accounts, each enrolled into the course its line names, if any (with `contestId`, its team). */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/users')
export class AdminAccountImportController {
  constructor(private readonly imports: AccountImportService) {}

  @ImportRoute()
  import(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @CurrentActor() actor: Actor,
  ) {
    return this.imports.importAccounts(actor, importInput(file, body, contentType));
  }
}

/** A course's teachers (and admins) import its students: every account is enrolled into this course. */
@ApiTags('courses')
@ApiBearerAuth()
@Controller('courses/:id/students')
export class CourseStudentImportController {
  constructor(private readonly imports: AccountImportService) {}

  @ImportRoute()
  import(
    @Param('id') id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @CurrentUser() caller: Caller,
  ) {
    const { csv, existing } = importInput(file, body, contentType);
    return this.imports.importStudents(caller, id, { csv, existing });
  }
}

/** Staff import a team contest's teams, a member per line (docs/contests.md, "Teams"). */
@ApiTags('teams')
@ApiBearerAuth()
@Roles('setter')
@Controller('contests/:id/teams')
export class ContestTeamImportController {
  constructor(private readonly imports: AccountImportService) {}

  @ImportRoute()
  import(
    @Param('id') id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @CurrentActor() actor: Actor,
  ) {
    const { csv, existing } = importInput(file, body, contentType);
    return this.imports.importTeams(actor, id, { csv, existing });
  }
}
