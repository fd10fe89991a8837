import { InitialSchema1763683200000 } from './1763683200000-initial-schema';

/** Every migration, oldest first: TypeORM runs the ones a database has not seen yet. */
export const MIGRATIONS = [InitialSchema1763683200000];
