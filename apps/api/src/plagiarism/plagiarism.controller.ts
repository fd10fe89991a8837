import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles, type Caller } from '../auth/auth.decorators';
import { ZodPipe } from '../common/zod-body';
import { PlagiarismService } from './plagiarism.service';

const reportSchema = z.object({
  minSimilarity: z.coerce.number().min(0).max(1).default(0.3),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

@ApiTags('plagiarism')
@ApiBearerAuth()
@Controller()
export class PlagiarismController {
  constructor(private readonly plagiarism: PlagiarismService) {}

  @Roles('setter')
  @Get('problems/:id/plagiarism')
  forProblem(@Param('id') id: string, @Query(new ZodPipe(reportSchema)) query: z.infer<typeof reportSchema>) {
    return this.plagiarism.forProblem(id, query);
  }

  /** The course's teachers (checked in the service), setters and admins. */
  @Get('courses/:id/assignments/:aid/plagiarism')
  forAssignment(
    @Param('id') id: string,
    @Param('aid') aid: string,
    @Query(new ZodPipe(reportSchema)) query: z.infer<typeof reportSchema>,
    @CurrentUser() caller: Caller,
  ) {
    return this.plagiarism.forAssignment(caller, id, aid, query);
  }
}
