import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';
import { RUN_PRIORITIES } from '@judge/queue';
import {
  engineSettingsSchema,
  LOG_FORMATS,
  LOG_LEVEL_NAMES,
  logFormatOf,
  parseSettings,
  SettingsError,
  type LogFormat,
} from '@judge/worker';
import { parsePrintCommand } from '../contests/print-command';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every setting of the API, read from the environment once at start into one typed object
 * (STYLE.md 11). Secrets are marked; a bad value stops the start with a message naming the variable. The
 * engine's settings (JUDGE_SANDBOX, JUDGE_CACHE_DIR, JUDGE_BOX_ROOT...) are those of every judging process: the
 * in-process runner reads them as a standalone runner does.
 */
export const FILE_STORE_DRIVERS = ['folder', 'postgres', 's3'] as const;
export type FileStoreDriver = (typeof FILE_STORE_DRIVERS)[number];

const schema = engineSettingsSchema.extend({
  /** HTTP port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Data folder: embedded PostgreSQL, problem packages. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL server (secret). Unset: an embedded PostgreSQL under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * Where problem packages and statement images are kept: `folder`, DATA_DIR of this machine; `postgres`, the
   * database, so that every API process of a deployment serves every file (DATA_DIR keeps a copy of what this
   * process read); `s3`, an S3-compatible object store (the S3_* settings), likewise. Unset: `postgres` with
   * DATABASE_URL, `folder` with the embedded PostgreSQL.
   */
  FILE_STORE: z.enum(FILE_STORE_DRIVERS).optional(),
  /** FILE_STORE=s3: the bucket (it must exist). */
  S3_BUCKET: z.string().min(1).optional(),
  /** FILE_STORE=s3: the service's address, for MinIO and other S3-compatible stores; unset: AWS. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** FILE_STORE=s3: path-style addresses (`endpoint/bucket/key`), which MinIO and most others need. */
  S3_FORCE_PATH_STYLE: bool.default(false),
  /** FILE_STORE=s3: credentials (secret); unset, the AWS SDK's own chain (environment, instance role...). */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** FILE_STORE=s3: the start of every key, so that several deployments can share a bucket. */
  S3_PREFIX: z.string().default('judge/'),
  /**
   * On SIGTERM, seconds this process keeps serving while GET /api/health/ready answers 503, so that the load
   * balancer stops sending it traffic before it stops taking requests (about the readiness probe's period).
   */
  SHUTDOWN_DELAY_SECONDS: z.coerce.number().min(0).max(300).default(0),
  /** Redis for BullMQ (secret). Unset: runs judge jobs in this process. */
  REDIS_URL: z.string().url().optional(),
  /**
   * Signs access tokens (secret). Unset: a key generated on the first start and kept in DATA_DIR/secrets/jwt-secret
   * (0600, in a 0700 folder), so that tokens outlive a restart.
   */
  JWT_SECRET: z.string().min(16).optional(),
  /** Lifetime of an access token, in seconds. */
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 3600),
  /** Password of the admin user made on first start (secret). Unset: generated and printed once. */
  JUDGE_ADMIN_PASSWORD: z.string().min(8).optional(),
  /** Runners present this to download problem packages (secret). */
  RUNNER_TOKEN: z.string().min(16).optional(),
  /** Whether anyone may create a contestant account. */
  REGISTRATION_OPEN: bool.default(false),
  /** Failed logins for one user name in LOGIN_THROTTLE_MINUTES; then 429 TOO_MANY_ATTEMPTS until the window ends. */
  LOGIN_FAILURES_PER_NAME: z.coerce.number().int().positive().default(10),
  /** Failed logins from one address (any names) in LOGIN_THROTTLE_MINUTES; raise it when a site shares one address. */
  LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(100),
  /** The window of the login throttles, in minutes. */
  LOGIN_THROTTLE_MINUTES: z.coerce.number().int().positive().default(15),
  /** Registrations tried from one address in an hour. */
  REGISTRATIONS_PER_ADDRESS: z.coerce.number().int().positive().default(30),
  /**
   * Express's `trust proxy`: unset, the address of a request is its connection's; behind a reverse proxy, the
   * proxies to trust for X-Forwarded-For (`loopback`, a hop count, or addresses), so that the per-address
   * throttles see clients, not the proxy.
   */
  TRUST_PROXY: z.string().min(1).optional(),
  /** Submissions one user may make per minute. */
  SUBMISSIONS_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** Runs (POST /api/runs) one user may start per minute. */
  RUNS_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Runs of one user queued or running at once; one more is refused (429) until one ends. */
  RUNS_IN_FLIGHT: z.coerce.number().int().positive().default(3),
  /** A run's CPU time when it asks for none, and the most it may ask for (ms). */
  RUN_DEFAULT_TIME_MS: z.coerce.number().int().positive().default(2000),
  RUN_MAX_TIME_MS: z.coerce.number().int().positive().default(10_000),
  /** A run's memory when it asks for none, and the most it may ask for (KiB). */
  RUN_DEFAULT_MEMORY_KB: z.coerce.number().int().positive().default(262_144),
  RUN_MAX_MEMORY_KB: z.coerce.number().int().positive().default(1_048_576),
  /** Bytes of stdout a run may write when it asks for no limit, and the most it may ask for (KiB); more is OLE. */
  RUN_DEFAULT_OUTPUT_KB: z.coerce.number().int().positive().default(1024),
  RUN_MAX_OUTPUT_KB: z.coerce.number().int().positive().default(65_536),
  /** Characters of stdout, stderr and compiler output a run returns (Piston's default); the rest is cut. */
  RUN_OUTPUT_CHARS: z.coerce.number().int().positive().default(65_536),
  /** How long POST /api/runs?wait=true waits for the run before answering it as it stands (seconds). */
  RUN_WAIT_SECONDS: z.coerce.number().positive().max(60).default(15),
  /** Hours a run is kept after it is made; older ones are deleted by the recovery sweep. */
  RUN_RETENTION_HOURS: z.coerce.number().positive().default(24),
  /**
   * Who may use the execution faces (Judge0 under /judge0, Piston under /api/v2): `token`, an API token with the
   * `runs` scope (X-Auth-Token or Bearer); `none`, anyone, for a private deployment, with RUNS_PER_MINUTE and
   * RUNS_IN_FLIGHT counted per address. A token is still honoured under `none`, and its user's caps apply.
   */
  EXECUTION_API_AUTH: z.enum(['token', 'none']).default('token'),
  /**
   * Whether requests to URLs users give (Judge0's callback_url, webhooks) may reach loopback, private and other
   * non-public addresses. Off: such URLs are refused (no server-side request forgery into the API's network).
   */
  OUTBOUND_ALLOW_PRIVATE: bool.default(false),
  /**
   * Webhook deliveries that fail are tried again after WEBHOOK_RETRY_BASE_SECONDS, then twice as long each time, at
   * most WEBHOOK_RETRY_MAX_SECONDS apart, until WEBHOOK_RETRY_HOURS after the event; then the delivery is failed.
   */
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().positive().default(60),
  WEBHOOK_RETRY_MAX_SECONDS: z.coerce.number().positive().default(3600),
  WEBHOOK_RETRY_HOURS: z.coerce.number().positive().default(24),
  /** How long a receiver has to answer a delivery (seconds); no answer is a failed attempt. */
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().positive().max(60).default(10),
  /** How often the delivery loop looks for due deliveries of other API processes and retries (seconds). */
  WEBHOOK_POLL_SECONDS: z.coerce.number().positive().max(300).default(5),
  /** Prefix of the queue's Redis keys; runners must use the same (their JUDGE_QUEUE_PREFIX). */
  JUDGE_QUEUE_PREFIX: z.string().min(1).default('judge'),
  /**
   * A burst of changes to a contest (a rejudge, many verdicts at once) makes one live scoreboard update per this
   * many ms. Every open board gets the whole board at each update: raise it for large contests (docs/scaling.md).
   */
  SCOREBOARD_UPDATE_MS: z.coerce.number().int().min(0).max(600_000).default(200),
  /**
   * Live scoreboard streams (GET /api/contests/:id/scoreboard/events) open at once without an account, over all
   * contests; one more is refused with 503 and Retry-After. Signed-in viewers are not counted.
   */
  SCOREBOARD_ANONYMOUS_STREAMS: z.coerce.number().int().min(0).default(1000),
  /**
   * Where runs (a program on the user's own input) wait in the judge queue: `high` before contest submissions,
   * `normal` just after them, `low` after practice; rejudges come after them all (libs/queue/job-priority.ts).
   */
  RUN_PRIORITY: z.enum(RUN_PRIORITIES).default('normal'),
  /** Judge jobs run at once by the in-process runner. */
  RUNNER_CONCURRENCY: z.coerce.number().int().positive().max(64).default(1),
  /**
   * Seconds between two recovery sweeps: submissions whose job finished, failed or went missing (a Redis that
   * lost its data, a result that came while PostgreSQL was down) are stored or enqueued again.
   */
  RECOVERY_SWEEP_SECONDS: z.coerce.number().positive().max(3600).default(30),
  /**
   * Bearer token for GET /metrics (secret). Unset: /metrics answers only requests from loopback (a Prometheus or
   * an exporter on the same host), and 404 to everyone else, so that a public API shows nothing of its load.
   */
  METRICS_TOKEN: z.string().min(16).optional(),
  /**
   * Seconds between two heartbeats of a runner (a standalone runner's setting of the same name; the in-process
   * runner's here). The runners page and /metrics count a runner silent for three of these as gone.
   */
  RUNNER_HEARTBEAT_SECONDS: z.coerce.number().int().positive().max(3600).default(15),
  /**
   * The command that prints a participant's file (POST /api/contests/:id/prints), run without a shell with the text
   * on stdin: words separated by spaces, or a JSON array of strings. Arguments may hold {file}, {team}, {location},
   * {user}, {language} and {contest}, each replaced within its own argument. Unset: prints are only queued for staff.
   */
  PRINT_COMMAND: z
    .string()
    .optional()
    .transform((text, context) => {
      if (text === undefined) return undefined;
      try {
        return parsePrintCommand(text);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** How long the print command may run before it is stopped and the print marked failed (seconds). */
  PRINT_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(30),
  /** Import examples/problems on first start. */
  IMPORT_EXAMPLES: bool.default(true),
  /**
   * What the API logs: `error`, `warn`, `info` (the default) or `debug`, which adds Nest's own start-up messages
   * (modules, one line per route) that the start's summary replaces.
   */
  LOG_LEVEL: z.enum(LOG_LEVEL_NAMES).default('info'),
  /**
   * How lines are written: `json`, one object per line (time, level, context, message, requestId, submissionId...)
   * for collectors; `pretty`, one readable line, for a terminal. Unset: `pretty` on a terminal, else `json`.
   */
  LOG_FORMAT: z.enum(LOG_FORMATS).optional(),
});

export type AppConfig = Omit<z.infer<typeof schema>, 'RUNNER_TOKEN' | 'LOG_FORMAT' | 'FILE_STORE'> & {
  RUNNER_TOKEN: string;
  FILE_STORE: FileStoreDriver;
  DATA_DIR: string;
  LOG_FORMAT: LogFormat;
};

export const APP_CONFIG = Symbol('APP_CONFIG');

export { SettingsError as ConfigError } from '@judge/worker';

/** `stdoutIsTty` chooses LOG_FORMAT's default. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  stdoutIsTty: boolean | undefined = process.stdout.isTTY,
): AppConfig {
  const c = parseSettings(schema, env, 'invalid configuration');
  if (c.FILE_STORE === 's3' && !c.S3_BUCKET) {
    throw new SettingsError('invalid configuration: FILE_STORE=s3 needs S3_BUCKET');
  }
  return {
    ...c,
    LOG_FORMAT: logFormatOf(c.LOG_FORMAT, stdoutIsTty),
    DATA_DIR: resolve(c.DATA_DIR),
    FILE_STORE: c.FILE_STORE ?? (c.DATABASE_URL ? 'postgres' : 'folder'),
    RUNNER_TOKEN: c.RUNNER_TOKEN ?? randomBytes(24).toString('hex'),
  };
}
