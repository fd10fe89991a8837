import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  Param,
  Post,
  Put,
  Res,
  UploadedFile,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FileFieldsInterceptor, FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { diskStorage } from 'multer';
import { z } from 'zod';
import { FEEDBACK_LEVELS, MiB, SCOPE_READ, type ProblemVisibilityState } from '@judge/contract';
import { ZodPipe } from '../common/zod-body';
import { ProblemAuthoringService, type TestInput } from './problem-authoring.service';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { badRequest, notFound } from '../common/app-error';
import { CurrentActor, CurrentUser, RequiresScope, Roles, type Actor, type Caller } from '../auth/auth.decorators';
import { ProblemsService } from './problems.service';
import { ProblemVisibility } from './problem-visibility';
import { sendStatementFile } from './statement-files';

/** Largest package upload (the engine's own archive limit is the same). */
export const MAX_PACKAGE_BYTES = 256 * MiB;

/**
 * Written to a file as it comes (multer's disk storage), never held whole in memory: in a folder of its own made
 * for the upload (0700, as a package holds the secret answers), removed with it after (withUpload).
 */
const packageUpload = FileInterceptor('package', {
  storage: diskStorage({
    destination: (_request, _file, done) => {
      mkdtemp(join(tmpdir(), 'judge-package-upload-')).then(
        (dir) => done(null, dir),
        (error: Error) => done(error, ''),
      );
    },
  }),
  limits: { fileSize: MAX_PACKAGE_BYTES, files: 1 },
});

const packageBody = {
  schema: {
    type: 'object',
    properties: {
      package: { type: 'string', format: 'binary' },
      visibility: { type: 'string', enum: ['draft', 'public'] },
    },
    required: ['package'],
  },
};

/** Draft (the default: out of practice until published) or public. */
const visibilitySchema = z.enum(['draft', 'public']);

/** The optional `visibility` field beside an uploaded package. */
const uploadFieldsSchema = z.object({ visibility: visibilitySchema.optional() });

const testUpload = FileFieldsInterceptor(
  [
    { name: 'input', maxCount: 1 },
    { name: 'answer', maxCount: 1 },
  ],
  { limits: { fileSize: 64 * MiB } },
);

type TestFiles = { input?: Express.Multer.File[]; answer?: Express.Multer.File[] };

const authoredSchema = z.object({
  title: z.string().min(1).max(200),
  visibility: visibilitySchema.optional(),
  statement: z.string().max(1_000_000),
  timeLimitMs: z.number().int().min(100).max(60_000),
  memoryMb: z.number().int().min(16).max(4096),
  checker: z.object({
    type: z.enum(['default', 'float', 'custom']),
    flags: z.string().max(200).optional(),
    source: z
      .string()
      .max(512 * 1024)
      .optional(),
    language: z.enum(['c', 'cpp', 'python']).optional(),
  }),
});

const feedbackSchema = z.object({ feedback: z.enum(FEEDBACK_LEVELS) });

const testJsonSchema = z.object({
  input: z.string(),
  answer: z.string(),
  sample: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false),
  group: z.string().optional(),
});

/** A problem written in the browser, with the tests of its first version. */
const newAuthoredSchema = authoredSchema.extend({ tests: z.array(testJsonSchema).max(500).optional() });

/** The browser's edit of a problem: a new version with these settings. */
const editSchema = authoredSchema
  .omit({ visibility: true })
  .extend({ statement: z.string().max(1_000_000).nullable() });

/** Test files from multipart fields `input` and `answer`, or text from a JSON body. */
function testInput(files: TestFiles | undefined, body: unknown): TestInput {
  const input = files?.input?.[0];
  const answer = files?.answer?.[0];
  if (input || answer) {
    if (!input || !answer) throw badRequest('VALIDATION_FAILED', 'both files "input" and "answer" are needed');
    const fields = new ZodPipe(testJsonSchema.omit({ input: true, answer: true })).transform(body ?? {});
    return { input: input.buffer, answer: answer.buffer, sample: fields.sample, group: fields.group };
  }
  return new ZodPipe(testJsonSchema).transform(body);
}

/** A version number in a path; anything else is an unknown version. */
function versionNumber(text: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(text)) throw notFound('problem version');
  return Number(text);
}

/** Handles an uploaded package (PACKAGE_MISSING without one), then removes its temporary file whatever happened. */
async function withUpload<T>(
  file: Express.Multer.File | undefined,
  use: (upload: Express.Multer.File) => Promise<T>,
): Promise<T> {
  if (!file) throw badRequest('PACKAGE_MISSING', 'multipart field "package" with a problem package zip is required');
  try {
    return await use(file);
  } finally {
    await rm(dirname(file.path), { recursive: true, force: true });
  }
}

@ApiTags('problems')
@ApiBearerAuth()
@Controller('problems')
export class ProblemsController {
  constructor(
    private readonly problems: ProblemsService,
    private readonly authoring: ProblemAuthoringService,
    private readonly visibility: ProblemVisibility,
  ) {}

  /** A package zip (multipart field `package`), or a problem written in JSON as a teacher would. */
  @Roles('setter')
  @Post()
  @UseInterceptors(packageUpload)
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(packageBody)
  create(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @CurrentActor() caller: Actor,
  ) {
    if (contentType?.startsWith('application/json')) {
      const { tests, ...problem } = new ZodPipe(newAuthoredSchema).transform(body);
      return this.authoring.create(problem, caller, tests);
    }
    return withUpload(file, (upload) => {
      const { visibility } = new ZodPipe(uploadFieldsSchema).transform(body ?? {});
      return this.problems.createFromZip(upload, upload.originalname, caller, visibility);
    });
  }

  /** What the browser's editor shows of the current version (ProblemAuthoringView). */
  @Roles('setter')
  @Get(':id/authoring')
  authoringView(@Param('id') id: string) {
    return this.authoring.authoringView(id);
  }

  /** Title, Markdown statement, limits and checker edited in the browser: a new version, as a re-upload makes. */
  @Roles('setter')
  @Put(':id/authoring')
  edit(
    @Param('id') id: string,
    @Body(new ZodPipe(editSchema)) body: z.infer<typeof editSchema>,
    @CurrentActor() caller: Actor,
  ) {
    return this.authoring.edit(id, body, caller);
  }

  /** Publishes a draft (`public`) or takes a problem back out of practice (`draft`). */
  @Roles('setter')
  @Put(':id/visibility')
  setVisibility(
    @Param('id') id: string,
    @Body(new ZodPipe(z.object({ visibility: visibilitySchema })))
    body: {
      visibility: ProblemVisibilityState;
    },
    @CurrentActor() caller: Actor,
  ) {
    return this.problems.setVisibility(id, body.visibility, caller);
  }

  @Roles('setter')
  @Post(':id/tests')
  @UseInterceptors(testUpload)
  @ApiConsumes('multipart/form-data', 'application/json')
  addTest(
    @Param('id') id: string,
    @UploadedFiles() files: TestFiles | undefined,
    @Body() body: unknown,
    @CurrentActor() caller: Actor,
  ) {
    return this.authoring.addTest(id, testInput(files, body), caller);
  }

  @Roles('setter')
  @Put(':id/tests/:testId')
  @UseInterceptors(testUpload)
  replaceTest(
    @Param('id') id: string,
    @Param('testId') testId: string,
    @UploadedFiles() files: TestFiles | undefined,
    @Body() body: unknown,
    @CurrentActor() caller: Actor,
  ) {
    return this.authoring.replaceTest(id, testId, testInput(files, body), caller);
  }

  @Roles('setter')
  @Delete(':id/tests/:testId')
  deleteTest(@Param('id') id: string, @Param('testId') testId: string, @CurrentActor() caller: Actor) {
    return this.authoring.deleteTest(id, testId, caller);
  }

  /** The problem's feedback level in practice (contests and assignments may override it). */
  @Roles('setter')
  @Put(':id/feedback')
  setFeedback(
    @Param('id') id: string,
    @Body(new ZodPipe(feedbackSchema)) body: z.infer<typeof feedbackSchema>,
    @CurrentActor() caller: Actor,
  ) {
    return this.problems.setFeedback(id, body.feedback, caller);
  }

  /** The current version as an ICPC package zip, as `judge run` reads it. */
  @Roles('setter')
  @Get(':id/package')
  async exportPackage(@Param('id') id: string, @Res() response: Response): Promise<void> {
    const { path, fileName } = await this.authoring.exportPath(id);
    response.download(path, fileName);
  }

  /** Drafts and problems of running contests and open exams are left out for contestants (ProblemVisibility). */
  @RequiresScope(SCOPE_READ)
  @Get()
  async list(@CurrentUser() caller: Caller) {
    const hidden = await this.visibility.hiddenFromPractice(caller);
    return (await this.problems.list(caller.id)).filter((p) => !hidden.has(p.id));
  }

  @Roles('setter')
  @Get(':id/tests')
  tests(@Param('id') id: string) {
    return this.problems.tests(id);
  }

  @RequiresScope(SCOPE_READ)
  @Get(':id')
  async get(@Param('id') id: string, @CurrentUser() caller: Caller) {
    await this.visibility.assertPracticeVisible(caller, id);
    return this.problems.practice(id);
  }

  /** A file of a version's statement folder (an image it shows, an attachment), as visible as the problem. */
  @RequiresScope(SCOPE_READ)
  @Get(':id/versions/:version/statement/:name')
  async statementFile(
    @Param('id') id: string,
    @Param('version') version: string,
    @Param('name') name: string,
    @CurrentUser() caller: Caller,
    @Res() response: Response,
  ): Promise<void> {
    await this.visibility.assertPracticeVisible(caller, id);
    await sendStatementFile(response, await this.problems.statementFile(id, versionNumber(version), name));
  }

  /** The statement PDF the version's package ships, as visible as the problem. */
  @RequiresScope(SCOPE_READ)
  @Get(':id/versions/:version/statement.pdf')
  async statementPdf(
    @Param('id') id: string,
    @Param('version') version: string,
    @CurrentUser() caller: Caller,
    @Res() response: Response,
  ): Promise<void> {
    await this.visibility.assertPracticeVisible(caller, id);
    await sendStatementFile(response, await this.problems.statementPdf(id, versionNumber(version)));
  }

  @Roles('setter')
  @Put(':id')
  @UseInterceptors(packageUpload)
  @ApiConsumes('multipart/form-data')
  @ApiBody(packageBody)
  update(
    @Param('id') id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentActor() caller: Actor,
  ) {
    return withUpload(file, (upload) => this.problems.newVersionFromZip(id, upload, upload.originalname, caller));
  }
}
