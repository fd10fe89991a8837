import { InitialSchema1763683200000 } from './1763683200000-initial-schema';
import { ContestsAndCourses1763942400000 } from './1763942400000-contests-and-courses';
import { DerivedTimeLimits1764633600000 } from './1764633600000-derived-time-limits';
import { MultiFileSubmissions1764720000000 } from './1764720000000-multi-file-submissions';
import { ProblemDrafts1764800300000 } from './1764800300000-problem-drafts';

/** Every migration, oldest first: TypeORM runs the ones a database has not seen yet. */
export const MIGRATIONS = [
  InitialSchema1763683200000,
  ContestsAndCourses1763942400000,
  DerivedTimeLimits1764633600000,
  MultiFileSubmissions1764720000000,
  ProblemDrafts1764800300000,
];
