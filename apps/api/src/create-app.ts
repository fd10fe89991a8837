import 'reflect-metadata';
import { RequestMethod, type INestApplication, type LogLevel } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LanguageRegistry } from '@judge/judge';
import { AppModule } from './app.module';
import { adoptLocalFiles, openFileStores, s3Settings } from './storage/file-stores';
import { Drain } from './health/drain';
import { IN_PROCESS_RUNNER_ID, startJudging, type Judging } from './judging/judging';
import type { AppConfig } from './config/app-config';
import { openDatabase, type Database } from './database/database';
import { UsersService } from './users/users.service';
import { importExamplesOnFirstStart } from './problems/example-import';
import { ProblemsService } from './problems/problems.service';
import { PackageTimeLimits } from './problems/package-time-limits';
import { persistedSigningSecret } from './auth/signing-secret';
import { JudgeLogger, logLevelOf } from './logging';
import { requestContext, tracedQueue } from './request-context';
import { PISTON_JSON_PATHS, pistonJsonBody } from './execution/piston/piston-body';
import { JUDGE0_ROOT } from './execution/judge0/judge0.module';
import { createLog, startHeartbeat, type Heartbeat, type Log } from '@judge/worker';
import { createEventBus } from '@judge/queue';
import { Redis } from 'ioredis';
import { throttleStore } from './auth/auth-throttle';
import { LocalBoardCache, RedisBoardCache } from './contests/board-cache';
import { RedisRateWindows } from './common/rate-windows';
import { Metrics } from './metrics/metrics';
import { measuredQueue } from './metrics/measured-queue';
import { httpMetrics } from './metrics/http-metrics';
import { RunnersService } from './runners/runners.service';

export interface RunningApi {
  app: INestApplication;
  /** Base address, e.g. http://127.0.0.1:3000 */
  url: string;
  database: Database;
  /** Set on the first start when the admin's password was generated. */
  adminCredentials: { username: string; password: string } | null;
  /** The languages whose toolchains this host has (ids), of how many `JUDGE_LANGUAGES_FILE` lists. */
  languages: { found: string[]; known: number };
  /** Example problems imported by this start (only the first start imports them). */
  examplesImported: number;
  /**
   * The graceful stop: not ready at once, still serving for SHUTDOWN_DELAY_SECONDS, then refusing new requests and
   * ending the event streams with a retry hint; what is under way finishes, then everything closes.
   */
  close(): Promise<void>;
}

/**
 * Starts the whole API: database (and migrations), Nest, the admin user, then the HTTP listener. `logLevels`
 * (tests, benches) quiets Nest's and the HTTP lines below LOG_LEVEL; the in-process runner keeps LOG_LEVEL, as a
 * standalone runner would (the benches read the judgement times it logs).
 */
export async function startApi(config: AppConfig, options: { logLevels?: LogLevel[] } = {}): Promise<RunningApi> {
  const runnerLog = createLog({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const log = options.logLevels
    ? createLog({ level: logLevelOf(options.logLevels), format: config.LOG_FORMAT })
    : runnerLog;
  // The languages offered are those of the file the in-process runner judges with (JUDGE_LANGUAGES_FILE).
  const languages = await LanguageRegistry.load(config.JUDGE_LANGUAGES_FILE);
  const jwtSecret = config.JWT_SECRET ?? (await persistedSigningSecret(config.DATA_DIR));
  const database = await openDatabase(config);
  let judging: Judging | null = null;
  let app: NestExpressApplication | null = null;
  let heartbeat: Heartbeat | null = null;
  // Login throttles' counters, rate windows and kept scoreboards, with REDIS_URL: commands fail at once while Redis
  // is away (throttles then count in memory, rates in PostgreSQL, and each process computes its own boards), rather
  // than queue behind a request.
  const sharedRedis = config.REDIS_URL ? new Redis(config.REDIS_URL, { enableOfflineQueue: false }) : null;
  // The event bus reports a Redis that is away; this client's own errors would only repeat it.
  sharedRedis?.on('error', () => undefined);
  const busLog = log.child('EventBus');
  const bus = createEventBus({
    redisUrl: config.REDIS_URL,
    prefix: config.JUDGE_QUEUE_PREFIX,
    onError: (error) => busLog.error(`event bus: ${error.message}`, { error }),
  });
  try {
    // Subscribed before the first change this process makes, so that it hears its own.
    await bus.ready();
    const stores = openFileStores(config.FILE_STORE, config.DATA_DIR, database.dataSource, s3Settings(config));
    const adopted = await adoptLocalFiles(stores, config.FILE_STORE, config.DATA_DIR);
    if (adopted > 0)
      log.child('Files').info(`copied ${adopted} files of ${config.DATA_DIR} to FILE_STORE=${config.FILE_STORE}`);
    judging = await startJudging(config, stores.packages, new PackageTimeLimits(database.dataSource), runnerLog);
    const metrics = new Metrics();
    const drain = new Drain();
    const queue = tracedQueue(measuredQueue(judging.queue, metrics));
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.register({
        config,
        jwtSecret,
        languages,
        stores,
        queue,
        bus,
        throttles: throttleStore(sharedRedis, config.JUDGE_QUEUE_PREFIX, database.dataSource),
        boards: sharedRedis ? new RedisBoardCache(sharedRedis, config.JUDGE_QUEUE_PREFIX) : new LocalBoardCache(),
        rates: sharedRedis ? new RedisRateWindows(sharedRedis, config.JUDGE_QUEUE_PREFIX) : null,
        dataSource: database.dataSource,
        readinessChecks: [{ name: 'queue', ready: () => queue.isReady() }],
        metrics,
        drain,
      }),
      { logger: new JudgeLogger(log) },
    );
    // The execution faces keep their own roots (a Judge0 client's base URL is http://host/judge0).
    // /metrics too: where Prometheus looks by default.
    app.setGlobalPrefix('api', {
      exclude: [
        { path: `${JUDGE0_ROOT}/{*path}`, method: RequestMethod.ALL },
        { path: 'metrics', method: RequestMethod.GET },
      ],
    });
    if (config.TRUST_PROXY !== undefined) app.set('trust proxy', trustProxy(config.TRUST_PROXY));
    // First: every request has its id and its access-log line, whatever answers it.
    app.use(requestContext(log.child('Http')));
    // Then: once the process is stopping, new requests are refused, and its event streams are known to end them.
    app.use(drain.middleware());
    // Before the UI's files and every route, so that every answer carries them.
    app.use(securityHeaders());
    app.use(httpMetrics(metrics));
    serveWebUi(app);
    app.use(PISTON_JSON_PATHS, pistonJsonBody());
    // Room for a source at the engine's limit (256 KiB) in JSON; the services check the real limits.
    app.useBodyParser('json', { limit: '1mb' });
    // No shutdown hooks of Nest's: a signal is main.ts's to handle, through close() (the graceful stop).
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Judge API')
        .setVersion('0.1.0')
        .addBearerAuth()
        // API tokens as Judge0 clients send them (runs and the Judge0 face take this header too).
        .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Auth-Token' }, 'X-Auth-Token')
        .build(),
    );
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/json' });
    const users = app.get(UsersService);
    const adminCredentials = await users.ensureAdmin(config.JUDGE_ADMIN_PASSWORD);
    let examplesImported = 0;
    if (config.IMPORT_EXAMPLES) {
      const admin = await users.findByUsername('admin');
      if (admin)
        examplesImported = await importExamplesOnFirstStart(app.get(ProblemsService), {
          id: admin.id,
          username: admin.username,
          role: admin.role,
          address: null,
        });
    }
    const runners = app.get(RunnersService);
    metrics.setSources({ queue, runners: () => runners.list() });
    const beat = judging.inProcessHeartbeat;
    if (beat) {
      // The in-process runner has no HTTP to go through: its heartbeats go straight to the database.
      heartbeat = startHeartbeat({
        beat,
        send: (b) => runners.heartbeat(b),
        intervalMs: config.RUNNER_HEARTBEAT_SECONDS * 1000,
        log: inProcessRunnerLog(runnerLog),
      });
    }
    const found = await languages.availableIds();
    await app.listen(config.PORT, '0.0.0.0');
    const server = app.getHttpServer();
    const address = server.address() as { port: number };
    const running = app;
    const runningJudging = judging;
    const runningHeartbeat = heartbeat;
    return {
      app: running,
      url: `http://127.0.0.1:${address.port}`,
      database,
      adminCredentials,
      languages: { found, known: languages.definitions.length },
      examplesImported,
      close: async () => {
        drain.notReady();
        if (config.SHUTDOWN_DELAY_SECONDS > 0) await sleep(config.SHUTDOWN_DELAY_SECONDS * 1000);
        const ended = drain.stopTaking();
        if (ended > 0) log.child('Stop').info(`event streams ended with a hint to reconnect elsewhere: ${ended}`);
        // Before the database closes under it.
        await runningHeartbeat?.stop();
        await running.close();
        await runningJudging.close();
        await bus.close();
        await sharedRedis?.quit().catch(() => undefined);
        await database.close();
      },
    };
  } catch (error) {
    await heartbeat?.stop();
    await app?.close();
    await judging?.close();
    await bus.close();
    sharedRedis?.disconnect();
    await database.close();
    throw error;
  }
}

/**
 * The usual security headers (helmet), with a Content-Security-Policy that fits the web UI served here: its
 * scripts, styles and KaTeX fonts come from this origin; statement HTML carries inline `style` attributes (KaTeX,
 * image widths); statement images are shown from `blob:` URLs (fetched with the token) and Markdown may hold
 * `data:` images; the API is called on this origin (fetch, EventSource). No page may frame the judge. Statement
 * files answer with a stricter policy of their own (sendStatementFile). Without `upgrade-insecure-requests` and
 * HSTS: a judge is often reached over plain HTTP on a LAN, and TLS, where there is some, is the proxy's to pin.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** The in-process runner's lines: as a standalone runner's, naming it. */
function inProcessRunnerLog(log: Log): Log {
  return log.child('Runner', { runnerId: IN_PROCESS_RUNNER_ID });
}

/** TRUST_PROXY as Express takes it: a hop count, true or false, else addresses or names (`loopback`). */
function trustProxy(value: string): boolean | number | string {
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

/** The built web UI (apps/web/dist) on the same origin: its files, and index.html for its client-side routes. */
export const WEB_DIST = join(__dirname, '..', '..', 'web', 'dist');

function serveWebUi(app: NestExpressApplication): void {
  if (!existsSync(join(WEB_DIST, 'index.html'))) return;
  app.useStaticAssets(WEB_DIST, { index: false, maxAge: '1h' });
  const express = app.getHttpAdapter().getInstance();
  // Not /metrics either: a scraper's Accept ends in */*, which would take the UI's page.
  express.get(/^\/(?!api(\/|$)|judge0(\/|$)|metrics$).*/, (request, response, next) => {
    if (!request.accepts('html')) return next();
    response.sendFile(join(WEB_DIST, 'index.html'));
  });
}
