import { Controller, Get, Param, Post, Put, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { badRequest } from '../common/app-error';
import { CurrentUser, Roles, type Caller } from '../auth/auth.decorators';
import { ProblemsService } from './problems.service';

/** Largest package upload (the engine's own archive limit is the same). */
export const MAX_PACKAGE_BYTES = 256 * 1024 * 1024;

const packageUpload = FileInterceptor('package', { limits: { fileSize: MAX_PACKAGE_BYTES, files: 1 } });

const packageBody = {
  schema: { type: 'object', properties: { package: { type: 'string', format: 'binary' } }, required: ['package'] },
};

function requireFile(file: Express.Multer.File | undefined): Express.Multer.File {
  if (!file) throw badRequest('PACKAGE_MISSING', 'multipart field "package" with a problem package zip is required');
  return file;
}

@ApiTags('problems')
@ApiBearerAuth()
@Controller('problems')
export class ProblemsController {
  constructor(private readonly problems: ProblemsService) {}

  @Roles('setter')
  @Post()
  @UseInterceptors(packageUpload)
  @ApiConsumes('multipart/form-data')
  @ApiBody(packageBody)
  create(@UploadedFile() file: Express.Multer.File | undefined, @CurrentUser() caller: Caller) {
    const upload = requireFile(file);
    return this.problems.createFromZip(upload.buffer, upload.originalname, caller.id);
  }

  @Get()
  list() {
    return this.problems.list();
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.problems.get(id);
  }

  @Roles('setter')
  @Put(':id')
  @UseInterceptors(packageUpload)
  @ApiConsumes('multipart/form-data')
  @ApiBody(packageBody)
  update(
    @Param('id') id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentUser() caller: Caller,
  ) {
    const upload = requireFile(file);
    return this.problems.newVersionFromZip(id, upload.buffer, upload.originalname, caller.id);
  }
}
