import { InitialSchema1763683200000 } from './1763683200000-initial-schema';
import { ContestsAndCourses1763942400000 } from './1763942400000-contests-and-courses';
import { DerivedTimeLimits1764633600000 } from './1764633600000-derived-time-limits';
import { MultiFileSubmissions1764720000000 } from './1764720000000-multi-file-submissions';
import { JudgingAttempts1764800400000 } from './1764800400000-judging-attempts';

/** Every migration, oldest first: TypeORM runs the ones a database has not seen yet. */
export const MIGRATIONS = [
  InitialSchema1763683200000,
  ContestsAndCourses1763942400000,
  DerivedTimeLimits1764633600000,
  MultiFileSubmissions1764720000000,
  JudgingAttempts1764800400000,
];
