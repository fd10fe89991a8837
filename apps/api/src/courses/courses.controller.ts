import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentUser, Roles, type Caller } from '../auth/auth.decorators';
import { ZodPipe } from '../common/zod-body';
import { AssignmentsService } from './assignments.service';
import { sendStatementFile } from '../problems/statement-files';
import { labelledSubmissionSchema, labelledSubmissionsQuery } from '../submissions/submission.schemas';
import { assignmentSchema, courseSchema, extensionSchema, joinSchema, teacherSchema } from './course.schemas';
import { CoursesService } from './courses.service';
import { GradesService } from './grades.service';

@ApiTags('courses')
@ApiBearerAuth()
@Controller('courses')
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  /** Teachers run courses; setters (who made courses before the teacher role existed) still may. */
  @Roles('teacher', 'setter')
  @Post()
  create(@Body(new ZodPipe(courseSchema)) body: z.infer<typeof courseSchema>, @CurrentUser() caller: Caller) {
    return this.courses.create(caller, body);
  }

  @Get()
  list(@CurrentUser() caller: Caller) {
    return this.courses.list(caller);
  }

  @Post('join')
  @HttpCode(200)
  join(@Body(new ZodPipe(joinSchema)) body: z.infer<typeof joinSchema>, @CurrentUser() caller: Caller) {
    return this.courses.join(caller, body.code);
  }

  @Get(':id')
  get(@Param('id') id: string, @CurrentUser() caller: Caller) {
    return this.courses.get(caller, id);
  }

  @Get(':id/members')
  members(@Param('id') id: string, @CurrentUser() caller: Caller) {
    return this.courses.memberList(caller, id);
  }

  @Post(':id/teachers')
  addTeacher(
    @Param('id') id: string,
    @Body(new ZodPipe(teacherSchema)) body: z.infer<typeof teacherSchema>,
    @CurrentUser() caller: Caller,
  ) {
    return this.courses.addTeacher(caller, id, body.username);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  async removeMember(@Param('id') id: string, @Param('userId') userId: string, @CurrentUser() caller: Caller) {
    await this.courses.removeMember(caller, id, userId);
  }
}

@ApiTags('courses')
@ApiBearerAuth()
@Controller('courses/:id/assignments')
export class AssignmentsController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly grades: GradesService,
  ) {}

  @Post()
  create(
    @Param('id') id: string,
    @Body(new ZodPipe(assignmentSchema)) body: z.infer<typeof assignmentSchema>,
    @CurrentUser() caller: Caller,
  ) {
    return this.assignments.create(caller, id, body);
  }

  @Put(':aid')
  update(
    @Param('id') id: string,
    @Param('aid') aid: string,
    @Body(new ZodPipe(assignmentSchema)) body: z.infer<typeof assignmentSchema>,
    @CurrentUser() caller: Caller,
  ) {
    return this.assignments.update(caller, id, aid, body);
  }

  @Get(':aid')
  get(@Param('id') id: string, @Param('aid') aid: string, @CurrentUser() caller: Caller) {
    return this.assignments.get(caller, id, aid);
  }

  @Put(':aid/extensions/:userId')
  setExtension(
    @Param('id') id: string,
    @Param('aid') aid: string,
    @Param('userId') userId: string,
    @Body(new ZodPipe(extensionSchema)) body: z.infer<typeof extensionSchema>,
    @CurrentUser() caller: Caller,
  ) {
    return this.assignments.setExtension(caller, id, aid, userId, body.deadline);
  }

  @Delete(':aid/extensions/:userId')
  @HttpCode(204)
  async deleteExtension(
    @Param('id') id: string,
    @Param('aid') aid: string,
    @Param('userId') userId: string,
    @CurrentUser() caller: Caller,
  ) {
    await this.assignments.deleteExtension(caller, id, aid, userId);
  }

  @Post(':aid/start')
  @HttpCode(200)
  start(@Param('id') id: string, @Param('aid') aid: string, @CurrentUser() caller: Caller) {
    return this.assignments.start(caller, id, aid);
  }

  @Get(':aid/problems/:label')
  problem(
    @Param('id') id: string,
    @Param('aid') aid: string,
    @Param('label') label: string,
    @CurrentUser() caller: Caller,
  ) {
    return this.assignments.problem(caller, id, aid, label);
  }

  /** A file of an assignment problem's statement folder, by the same rules as the problem. */
  @Get(':aid/problems/:label/statement/:name')
  async statementFile(
    @Param('id') id: string,
    @Param('aid') aid: string,
    @Param('label') label: string,
    @Param('name') name: string,
    @CurrentUser() caller: Caller,
    @Res() response: Response,
  ): Promise<void> {
    await sendStatementFile(response, await this.assignments.statementFile(caller, id, aid, label, name));
  }

  /** An assignment problem's statement PDF, by the same rules as the problem. */
  @Get(':aid/problems/:label/statement.pdf')
  async statementPdf(
    @Param('id') id: string,
    @Param('aid') aid: string,
    @Param('label') label: string,
    @CurrentUser() caller: Caller,
    @Res() response: Response,
  ): Promise<void> {
    await sendStatementFile(response, await this.assignments.statementFile(caller, id, aid, label, null));
  }

  @Post(':aid/submissions')
  submit(
    @Param('id') id: string,
    @Param('aid') aid: string,
    @Body(new ZodPipe(labelledSubmissionSchema)) body: z.infer<typeof labelledSubmissionSchema>,
    @CurrentUser() caller: Caller,
  ) {
    return this.assignments.submit(caller, id, aid, body);
  }

  @Get(':aid/submissions')
  submissions(
    @Param('id') id: string,
    @Param('aid') aid: string,
    @Query(new ZodPipe(labelledSubmissionsQuery)) query: z.infer<typeof labelledSubmissionsQuery>,
    @CurrentUser() caller: Caller,
  ) {
    return this.assignments.submissionList(caller, id, aid, query);
  }

  @Get(':aid/grades')
  grid(@Param('id') id: string, @Param('aid') aid: string, @CurrentUser() caller: Caller) {
    return this.grades.grid(caller, id, aid);
  }

  @Get(':aid/grades.csv')
  async csv(
    @Param('id') id: string,
    @Param('aid') aid: string,
    @CurrentUser() caller: Caller,
    @Res() response: Response,
  ): Promise<void> {
    const { fileName, body } = await this.grades.csv(caller, id, aid);
    response.type('text/csv; charset=utf-8').attachment(fileName).send(body);
  }
}
