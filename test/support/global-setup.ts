import type { TestProject } from 'vitest/node' with { 'resolution-mode': 'import' };
import {
  checkPostgres,
  checkRedis,
  shown,
  startEmbeddedPostgres,
  startRedisServer,
  type TestService,
} from './services';

/*
 * The integration tests' global set-up (vitest.config.mts). With nothing given, the suite needs nothing
 * running: it starts an embedded PostgreSQL and a redis-server of its own on free ports, and stops them at the
 * end. TEST_POSTGRES_URL and TEST_REDIS_URL name running servers instead; they must answer before any test
 * starts, or the suite fails at once with the variable and the server in the message.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL superuser's URL: each test file creates a database of its own with it. */
    postgresUrl: string;
    /** The Redis every BullMQ test uses, with a key prefix of its own per file. */
    redisUrl: string;
  }
}

/** The services' settings, read once here. An empty variable counts as not given. */
interface ServiceSettings {
  postgresUrl: string | null;
  redisUrl: string | null;
}

function readSettings(env: NodeJS.ProcessEnv): ServiceSettings {
  return { postgresUrl: env.TEST_POSTGRES_URL || null, redisUrl: env.TEST_REDIS_URL || null };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const settings = readSettings(process.env);
  // The given servers first, so that a missing one fails the suite before anything is started.
  if (settings.postgresUrl) await checkPostgres('TEST_POSTGRES_URL', settings.postgresUrl);
  if (settings.redisUrl) await checkRedis('TEST_REDIS_URL', settings.redisUrl);

  const started: TestService[] = [];
  const stopAll = async () => {
    for (const service of started.splice(0).reverse()) await service.stop();
  };
  try {
    const postgresUrl = settings.postgresUrl ?? (await startService(started, startEmbeddedPostgres));
    const redisUrl = settings.redisUrl ?? (await startService(started, startRedisServer));
    const origin = (variable: string, url: string | null) => (url ? `given by ${variable}` : 'started for the suite');
    console.log(
      `integration services: PostgreSQL ${shown(postgresUrl)} (${origin('TEST_POSTGRES_URL', settings.postgresUrl)}), ` +
        `Redis ${shown(redisUrl)} (${origin('TEST_REDIS_URL', settings.redisUrl)})`,
    );
    project.provide('postgresUrl', postgresUrl);
    project.provide('redisUrl', redisUrl);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}

async function startService(started: TestService[], start: () => Promise<TestService>): Promise<string> {
  const service = await start();
  started.push(service);
  return service.url;
}
