import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { AuthThrottle, type CounterStore } from './auth/auth-throttle';
import { ErrorFilter } from './common/error.filter';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { ENTITIES } from './database/entities';
import { HealthController } from './health/health.controller';
import { SettingsController } from './health/settings.controller';
import { READINESS_CHECKS, type ReadinessCheck } from './health/readiness';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';
import {
  AdminAccountImportController,
  ContestTeamImportController,
  CourseStudentImportController,
} from './users/account-import.controller';
import { AccountImportService } from './users/account-import.service';
import { ProfilesController } from './users/profiles.controller';
import { ProfilesService } from './users/profiles.service';
import type { LanguageRegistry } from '@judge/judge';
import { LanguagesController } from './languages/languages.controller';
import { ProblemsController } from './problems/problems.controller';
import { ProblemsService } from './problems/problems.service';
import { ProblemVisibility } from './problems/problem-visibility';
import { ProblemSets } from './problems/problem-set';
import { ProblemAuthoringService } from './problems/problem-authoring.service';
import { RunnerPackagesController } from './problems/runner-packages.controller';
import type { FileStores } from './storage/file-stores';
import { Drain } from './health/drain';
import {
  BOARD_CACHE,
  EVENT_BUS,
  JUDGE_QUEUE,
  LANGUAGES,
  PACKAGE_STORE,
  RATE_WINDOWS,
  STATEMENT_FILE_STORE,
} from './tokens';
import { StatementFiles } from './problems/statement-files';
import type { EventBus, JudgeQueue } from '@judge/queue';
import { SubmissionEvents } from './submissions/submission-events';
import { SubmissionsController } from './submissions/submissions.controller';
import { FeedbackPolicy } from './submissions/feedback-policy';
import { SubmissionsService } from './submissions/submissions.service';
import { ClarificationsService } from './contests/clarifications.service';
import { ContestEvents } from './contests/contest-events';
import { ScoreboardStreams } from './contests/scoreboard-streams';
import { SharedScoreboards } from './contests/shared-scoreboards';
import type { BoardCache } from './contests/board-cache';
import type { RateWindows } from './common/rate-windows';
import { ContestsController } from './contests/contests.controller';
import { OrganizationsService } from './teams/organizations.service';
import { OrganizationsController, TeamsController } from './teams/teams.controller';
import { TeamsService } from './teams/teams.service';
import { ContestPackageController } from './contests/package/contest-package.controller';
import { ContestExportService } from './contests/package/contest-export.service';
import { ContestImportService } from './contests/package/contest-import.service';
import { ContestsService } from './contests/contests.service';
import { ContestRevealController } from './contests/reveal.controller';
import { ContestRevealService } from './contests/reveal.service';
import { VirtualController } from './contests/virtual.controller';
import { VirtualParticipations } from './contests/virtual-participations';
import { VirtualService } from './contests/virtual.service';
import { OnsiteController } from './contests/onsite.controller';
import { BalloonsService } from './contests/balloons.service';
import { PrintsService } from './contests/prints.service';
import { AssignmentsService } from './courses/assignments.service';
import { AssignmentsController, CoursesController } from './courses/courses.controller';
import { CoursesService } from './courses/courses.service';
import { GradesService } from './courses/grades.service';
import { ReviewController } from './review/review.controller';
import { ReviewService } from './review/review.service';
import { PlagiarismController } from './plagiarism/plagiarism.controller';
import { PlagiarismService } from './plagiarism/plagiarism.service';
import { SecurityEventsController } from './security-events/security-events.controller';
import { SecurityEventsService } from './security-events/security-events.service';
import { ApiTokensController } from './api-tokens/api-tokens.controller';
import { ApiTokensService } from './api-tokens/api-tokens.service';
import { RunsController } from './runs/runs.controller';
import { RunsService } from './runs/runs.service';
import { PISTON_MODULE } from './execution/piston/piston.module';
import { JUDGE0_MODULE } from './execution/judge0/judge0.module';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';
import { WebhookOutbox } from './webhooks/webhook-outbox';
import { WebhookDeliveryLoop } from './webhooks/webhook-delivery-loop';
import { Metrics } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { RunnerHeartbeatController, RunnersAdminController } from './runners/runners.controller';
import { RunnersService } from './runners/runners.service';
import { AuditController } from './audit/audit.controller';
import { AuditLog } from './audit/audit-log.service';
import { LockdownService } from './lockdown/lockdown.service';
import { CcsController } from './ccs/ccs.controller';
import { CcsEventFeed } from './ccs/ccs-event-feed';
import { CcsFeed } from './ccs/ccs-feed';
import { CcsService } from './ccs/ccs.service';

export interface AppDependencies {
  config: AppConfig;
  /** Signs access tokens: JWT_SECRET, or the key kept in DATA_DIR (auth/signing-secret.ts). */
  jwtSecret: string;
  languages: LanguageRegistry;
  /** Problem packages and statement files (FILE_STORE). */
  stores: FileStores;
  queue: JudgeQueue;
  /** What every API process of the deployment hears (Redis with REDIS_URL). */
  bus: EventBus;
  /** Where scoreboards are kept once computed (Redis with REDIS_URL, else this process). */
  boards: BoardCache;
  /** Where submissions and runs per minute are counted: Redis with REDIS_URL, else null (their rows are counted). */
  rates: RateWindows | null;
  /** Where login and registration attempts are counted (Redis with REDIS_URL, else PostgreSQL). */
  throttles: CounterStore;
  /** Already connected and migrated. */
  dataSource: DataSource;
  readinessChecks: ReadinessCheck[];
  /** The graceful stop of this process; made first, as its HTTP middleware comes before every route. */
  drain: Drain;
  /** This process's Prometheus metrics; made first, as the HTTP middleware counts with them too. */
  metrics: Metrics;
}

/** The API's modules, wired from infrastructure made before Nest starts (database, queue). */
@Module({})
export class AppModule {
  static register(deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ type: 'postgres', entities: ENTITIES }),
          dataSourceFactory: () => Promise.resolve(deps.dataSource),
        }),
        TypeOrmModule.forFeature(ENTITIES),
        JwtModule.register({
          secret: deps.jwtSecret,
          signOptions: { expiresIn: deps.config.JWT_TTL_SECONDS },
        }),
      ],
      controllers: [
        AuthController,
        UsersController,
        AdminAccountImportController,
        ProfilesController,
        HealthController,
        ProblemsController,
        RunnerPackagesController,
        LanguagesController,
        SubmissionsController,
        SettingsController,
        ContestPackageController,
        ContestsController,
        OrganizationsController,
        TeamsController,
        ContestTeamImportController,
        ContestRevealController,
        VirtualController,
        OnsiteController,
        CoursesController,
        CourseStudentImportController,
        AssignmentsController,
        ReviewController,
        PlagiarismController,
        SecurityEventsController,
        ApiTokensController,
        RunsController,
        ...JUDGE0_MODULE.controllers,
        ...PISTON_MODULE.controllers,
        WebhooksController,
        MetricsController,
        RunnersAdminController,
        RunnerHeartbeatController,
        AuditController,
        CcsController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: READINESS_CHECKS, useValue: deps.readinessChecks },
        { provide: LANGUAGES, useValue: deps.languages },
        { provide: PACKAGE_STORE, useValue: deps.stores.packages },
        // Images and PDFs of statements, copied out of the packages (ProblemSummary.statementFiles).
        { provide: STATEMENT_FILE_STORE, useValue: deps.stores.statementFiles },
        { provide: JUDGE_QUEUE, useValue: deps.queue },
        { provide: EVENT_BUS, useValue: deps.bus },
        { provide: BOARD_CACHE, useValue: deps.boards },
        { provide: RATE_WINDOWS, useValue: deps.rates },
        { provide: APP_GUARD, useClass: AuthGuard },
        {
          provide: AuthThrottle,
          useValue: new AuthThrottle(deps.throttles, {
            loginFailuresPerName: deps.config.LOGIN_FAILURES_PER_NAME,
            loginFailuresPerAddress: deps.config.LOGIN_FAILURES_PER_ADDRESS,
            loginWindowSeconds: deps.config.LOGIN_THROTTLE_MINUTES * 60,
            registrationsPerAddress: deps.config.REGISTRATIONS_PER_ADDRESS,
          }),
        },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: Metrics, useValue: deps.metrics },
        { provide: Drain, useValue: deps.drain },
        RunnersService,
        AuthService,
        UsersService,
        ProfilesService,
        ProblemsService,
        ProblemVisibility,
        ProblemSets,
        ProblemAuthoringService,
        StatementFiles,
        SubmissionsService,
        SubmissionEvents,
        FeedbackPolicy,
        ContestsService,
        ContestRevealService,
        VirtualParticipations,
        VirtualService,
        ContestExportService,
        ContestImportService,
        ClarificationsService,
        OrganizationsService,
        TeamsService,
        ContestEvents,
        ScoreboardStreams,
        SharedScoreboards,
        BalloonsService,
        PrintsService,
        CoursesService,
        AccountImportService,
        AssignmentsService,
        GradesService,
        ReviewService,
        PlagiarismService,
        SecurityEventsService,
        ApiTokensService,
        RunsService,
        ...JUDGE0_MODULE.providers,
        ...PISTON_MODULE.providers,
        WebhooksService,
        WebhookOutbox,
        WebhookDeliveryLoop,
        AuditLog,
        LockdownService,
        CcsService,
        CcsFeed,
        CcsEventFeed,
      ],
    };
  }
}
