import { Body, Controller, Get, HttpCode, Param, Post, Query, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { z } from 'zod';
import { ZodPipe } from '../common/zod-body';
import { SCOPE_READ, SCOPE_SUBMISSIONS } from '@judge/contract';
import { CurrentActor, CurrentUser, RequiresScope, Roles, type Actor, type Caller } from '../auth/auth.decorators';
import { restrictEvent } from './feedback';
import { FeedbackPolicy } from './feedback-policy';
import { SubmissionEvents } from './submission-events';
import { submissionSchema, submissionsQuery } from './submission.schemas';
import { SubmissionsService } from './submissions.service';

@ApiTags('submissions')
@ApiBearerAuth()
@Controller()
export class SubmissionsController {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly events: SubmissionEvents,
    private readonly feedback: FeedbackPolicy,
  ) {}

  @RequiresScope(SCOPE_SUBMISSIONS)
  @Post('submissions')
  create(@Body(new ZodPipe(submissionSchema)) body: z.infer<typeof submissionSchema>, @CurrentUser() caller: Caller) {
    return this.submissions.create(caller, body);
  }

  @RequiresScope(SCOPE_READ)
  @Get('submissions')
  list(@Query(new ZodPipe(submissionsQuery)) query: z.infer<typeof submissionsQuery>, @CurrentUser() caller: Caller) {
    return this.submissions.list(caller, query);
  }

  @RequiresScope(SCOPE_READ)
  @Get('submissions/:id')
  get(@Param('id') id: string, @CurrentUser() caller: Caller) {
    return this.submissions.get(caller, id);
  }

  /** Server-sent events: one per test as it finishes, then the final result; ends after it. */
  @RequiresScope(SCOPE_READ)
  @Sse('submissions/:id/events')
  async stream(@Param('id') id: string, @CurrentUser() caller: Caller): Promise<Observable<MessageEvent>> {
    const submission = await this.submissions.visible(caller, id);
    // Events are sent to every stream as they happen: each stream keeps what its caller's level shows.
    const level = await this.feedback.level(caller, submission);
    const samples = level === 'full' ? new Set<string>() : await this.feedback.sampleNames(submission.problemVersionId);
    return new Observable<MessageEvent>((subscriber) => {
      const unsubscribe = this.events.subscribe(id, (full) => {
        const event = restrictEvent(full, level, samples);
        if (event) subscriber.next({ type: event.type, data: event });
        if (full.type === 'done') subscriber.complete();
      });
      // Subscribed first, then read: a result stored in between is not missed.
      void this.submissions.get(caller, id).then((current) => {
        if (current.status === 'done') {
          subscriber.next({ type: 'done', data: { type: 'done', submission: current } });
          subscriber.complete();
        }
      });
      return unsubscribe;
    });
  }

  @Roles('setter')
  @Post('submissions/:id/rejudge')
  @HttpCode(202)
  rejudge(@Param('id') id: string, @CurrentActor() caller: Actor) {
    return this.submissions.rejudge(id, caller);
  }

  @Roles('setter')
  @Post('problems/:id/rejudge')
  @HttpCode(202)
  rejudgeProblem(@Param('id') id: string, @CurrentActor() caller: Actor) {
    return this.submissions.rejudgeProblem(id, caller);
  }
}
