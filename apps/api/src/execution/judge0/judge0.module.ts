import { Judge0Controller } from './judge0.controller';
import { Judge0Service } from './judge0.service';

/**
 * The Judge0-compatible face: its controller and service, registered in AppModule beside the runs they are built
 * on (RunsService, the languages, the settings live there).
 */
export const JUDGE0_MODULE = {
  controllers: [Judge0Controller],
  providers: [Judge0Service],
} as const;

/** Paths outside the API's global /api prefix: a Judge0 client's base URL is http://host/judge0. */
export const JUDGE0_ROOT = 'judge0';
