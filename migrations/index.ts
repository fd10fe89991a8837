import { InitialSchema1763683200000 } from './1763683200000-initial-schema';
import { ContestsAndCourses1763942400000 } from './1763942400000-contests-and-courses';
import { DerivedTimeLimits1764633600000 } from './1764633600000-derived-time-limits';
import { MultiFileSubmissions1764720000000 } from './1764720000000-multi-file-submissions';
import { FeedbackLevels1764800100000 } from './1764800100000-feedback-levels';
import { SecurityEvents1764800200000 } from './1764800200000-security-events';
import { ProblemDrafts1764800300000 } from './1764800300000-problem-drafts';
import { JudgingAttempts1764800400000 } from './1764800400000-judging-attempts';
import { AuthThrottles1764800500000 } from './1764800500000-auth-throttles';
import { TeacherRole1764800800000 } from './1764800800000-teacher-role';
import { ApiTokens1764801000000 } from './1764801000000-api-tokens';
import { Runs1764801100000 } from './1764801100000-runs';
import { RunsSwitch1764801300000 } from './1764801300000-runs-switch';

/** Every migration, oldest first: TypeORM runs the ones a database has not seen yet. */
import { AnonymousRuns1764801200000 } from './1764801200000-anonymous-runs';
import { Webhooks1764801400000 } from './1764801400000-webhooks';
import { Judge0Runs1764801500000 } from './1764801500000-judge0-runs';
import { AuditLog1764801600000 } from './1764801600000-audit-log';
import { AccountDetails1764801700000 } from './1764801700000-account-details';
import { Runners1764801800000 } from './1764801800000-runners';
import { Teams1764801900000 } from './1764801900000-teams';
import { VirtualParticipation1764802300000 } from './1764802300000-virtual-participation';
import { ContestMedals1764802400000 } from './1764802400000-contest-medals';
import { BalloonsAndPrints1764802500000 } from './1764802500000-balloons-and-prints';
import { Lockdown1764802200000 } from './1764802200000-lockdown';
import { CcsEvents1764802100000 } from './1764802100000-ccs-events';
import { StoredFiles1764802700000 } from './1764802700000-stored-files';

export const MIGRATIONS = [
  InitialSchema1763683200000,
  ContestsAndCourses1763942400000,
  DerivedTimeLimits1764633600000,
  MultiFileSubmissions1764720000000,
  FeedbackLevels1764800100000,
  SecurityEvents1764800200000,
  ProblemDrafts1764800300000,
  JudgingAttempts1764800400000,
  AuthThrottles1764800500000,
  TeacherRole1764800800000,
  ApiTokens1764801000000,
  Runs1764801100000,
  AnonymousRuns1764801200000,
  RunsSwitch1764801300000,
  Webhooks1764801400000,
  Judge0Runs1764801500000,
  AuditLog1764801600000,
  AccountDetails1764801700000,
  Runners1764801800000,
  Teams1764801900000,
  CcsEvents1764802100000,
  Lockdown1764802200000,
  VirtualParticipation1764802300000,
  ContestMedals1764802400000,
  BalloonsAndPrints1764802500000,
  StoredFiles1764802700000,
];
