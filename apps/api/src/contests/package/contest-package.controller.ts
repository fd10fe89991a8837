import { Body, Controller, Get, HttpCode, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CONTEST_PACKAGE_MAX_BYTES } from '@judge/contract';
import { CurrentActor, Roles, type Actor } from '../../auth/auth.decorators';
import { badRequest } from '../../common/app-error';
import { ZodPipe } from '../../common/zod-body';
import { ContestExportService } from './contest-export.service';
import { ContestImportService } from './contest-import.service';

/** Beside the upload: `rejudge=true` queues every imported submission to be judged again. */
const fieldsSchema = z.object({ rejudge: z.enum(['true', 'false']).optional() });

/** Contests as CCS contest packages (the layout DOMjudge reads and writes): export for staff, import for admins. */
@ApiTags('contests')
@ApiBearerAuth()
@Controller('contests')
export class ContestPackageController {
  constructor(
    private readonly exporter: ContestExportService,
    private readonly importer: ContestImportService,
  ) {}

  @Roles('admin')
  @Post('import')
  @HttpCode(201)
  @UseInterceptors(FileInterceptor('package', { limits: { fileSize: CONTEST_PACKAGE_MAX_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        package: { type: 'string', format: 'binary' },
        rejudge: { type: 'string', enum: ['true', 'false'] },
      },
      required: ['package'],
    },
  })
  import(@UploadedFile() file: Express.Multer.File | undefined, @Body() body: unknown, @CurrentActor() caller: Actor) {
    if (!file) throw badRequest('PACKAGE_MISSING', 'multipart field "package" with a contest package zip is required');
    const { rejudge } = new ZodPipe(fieldsSchema).transform(body ?? {});
    return this.importer.import(file.buffer, caller, { rejudge: rejudge === 'true' });
  }

  @Roles('setter')
  @Get(':id/export')
  async export(@Param('id') id: string, @Res() response: Response): Promise<void> {
    const { zip, fileName } = await this.exporter.export(id);
    response.setHeader('content-type', 'application/zip');
    response.setHeader('content-disposition', `attachment; filename="${fileName}"`);
    response.send(zip);
  }
}
