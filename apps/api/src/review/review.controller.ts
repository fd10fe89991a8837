import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentActor, CurrentUser, type Actor, type Caller } from '../auth/auth.decorators';
import { ZodPipe } from '../common/zod-body';
import { ReviewService } from './review.service';

const commentSchema = z.object({
  line: z.number().int().min(1).nullish(),
  body: z.string().trim().min(1).max(10_000),
});

const adjustmentSchema = z.object({
  points: z.number().min(0).max(100),
  reason: z.string().trim().min(1).max(2_000),
});

@ApiTags('review')
@ApiBearerAuth()
@Controller('submissions/:id')
export class ReviewController {
  constructor(private readonly review: ReviewService) {}

  @Get('comments')
  comments(@Param('id') id: string, @CurrentUser() caller: Caller) {
    return this.review.listComments(caller, id);
  }

  @Post('comments')
  comment(
    @Param('id') id: string,
    @Body(new ZodPipe(commentSchema)) body: z.infer<typeof commentSchema>,
    @CurrentUser() caller: Caller,
  ) {
    return this.review.addComment(caller, id, body);
  }

  @Delete('comments/:cid')
  @HttpCode(204)
  async deleteComment(@Param('id') id: string, @Param('cid') cid: string, @CurrentUser() caller: Caller) {
    await this.review.deleteComment(caller, id, cid);
  }

  @Post('adjustment')
  adjust(
    @Param('id') id: string,
    @Body(new ZodPipe(adjustmentSchema)) body: z.infer<typeof adjustmentSchema>,
    @CurrentActor() caller: Actor,
  ) {
    return this.review.adjust(caller, id, body);
  }
}
