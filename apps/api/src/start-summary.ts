import type { AppConfig } from './config/app-config';
import type { RunningApi } from './create-app';

/** What a start prints, once it listens: where, who can sign in, where its data is, who judges, with what. */
export interface StartFacts {
  url: string;
  adminCredentials: { username: string; password: string } | null;
  dataDir: string;
  /** The PostgreSQL used, without its credentials: `127.0.0.1:5433/judge`. */
  database: { embedded: boolean; address: string };
  /** The in-process runner's engine, or the Redis (address without credentials) that runners elsewhere read. */
  judging: { inProcess: true; engine: string; concurrency: number } | { inProcess: false; redis: string };
  languages: { found: string[]; known: number };
  examplesImported: number;
  logLevel: AppConfig['LOG_LEVEL'];
  logFormat: AppConfig['LOG_FORMAT'];
}

const WIDTH = 80;
const LABEL = 12;

/** `host:port/path` of a database or Redis URL: never its user or password. */
export function addressOf(url: string): string {
  const parsed = new URL(url);
  const path = parsed.pathname === '/' ? '' : parsed.pathname;
  return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${path}`;
}

export function startFacts(config: AppConfig, api: RunningApi): StartFacts {
  const databaseUrl = config.DATABASE_URL ?? api.database.embedded?.url;
  return {
    url: api.url,
    adminCredentials: api.adminCredentials,
    dataDir: config.DATA_DIR,
    database: {
      embedded: api.database.embedded !== null,
      address: databaseUrl ? addressOf(databaseUrl) : '',
    },
    judging: config.REDIS_URL
      ? { inProcess: false, redis: addressOf(config.REDIS_URL) }
      : { inProcess: true, engine: config.JUDGE_SANDBOX, concurrency: config.RUNNER_CONCURRENCY },
    languages: api.languages,
    examplesImported: api.examplesImported,
    logLevel: config.LOG_LEVEL,
    logFormat: config.LOG_FORMAT,
  };
}

/** One labelled line of the summary, its text wrapped under itself past 80 columns. */
function line(label: string, text: string): string {
  const indent = ' '.repeat(2 + LABEL);
  const rows: string[] = [];
  let row = '';
  for (const word of text.split(' ')) {
    if (row && indent.length + row.length + 1 + word.length > WIDTH) {
      rows.push(row);
      row = word;
    } else row = row ? `${row} ${word}` : word;
  }
  rows.push(row);
  return rows.map((r, i) => (i === 0 ? `  ${label.padEnd(LABEL)}${r}` : `${indent}${r}`)).join('\n');
}

/**
 * The lines `npm start` and `npm run start:api` print once the API listens: the address first (a line that
 * scripts look for: `judge API listening on <url>`), then one line for each of the admin, the data folder, the
 * database, the judging, the languages found, the examples imported and the log level.
 */
export function startSummary(facts: StartFacts): string {
  const lines = [`judge API listening on ${facts.url} (docs at ${facts.url}/api/docs)`];
  lines.push(
    line(
      'admin',
      facts.adminCredentials
        ? `username ${facts.adminCredentials.username}, password ${facts.adminCredentials.password} (shown once)`
        : 'username admin (its password was set on the first start, or by JUDGE_ADMIN_PASSWORD)',
    ),
  );
  lines.push(line('data', facts.dataDir));
  lines.push(
    line(
      'database',
      facts.database.embedded
        ? `embedded PostgreSQL on ${facts.database.address}`
        : `PostgreSQL at ${facts.database.address}`,
    ),
  );
  lines.push(
    line(
      'judging',
      facts.judging.inProcess
        ? `in this process, on the ${facts.judging.engine} engine, ${facts.judging.concurrency} at a time`
        : `by runners, through Redis at ${facts.judging.redis}`,
    ),
  );
  const { found, known } = facts.languages;
  lines.push(
    line(
      'languages',
      found.length === 0
        ? `none of ${known} found: install a compiler (npx judge languages tells which)`
        : `${found.length} of ${known} found: ${found.join(', ')}`,
    ),
  );
  if (facts.examplesImported > 0) {
    const problems = facts.examplesImported === 1 ? 'problem' : 'problems';
    lines.push(line('examples', `${facts.examplesImported} ${problems} imported`));
  }
  const more = facts.logLevel === 'debug' ? '' : ' (LOG_LEVEL=debug adds Nest start-up and routes)';
  lines.push(line('log level', `${facts.logLevel}${more}`));
  return lines.join('\n');
}

/**
 * The summary as one JSON log line (LOG_FORMAT=json): the same first line as its message, the facts as fields. A
 * generated admin password is no log line's: `adminPasswordFile` names where it was written instead.
 */
export function startLogLine(
  facts: StartFacts,
  adminPasswordFile: string | null,
): { message: string; fields: Record<string, unknown> } {
  const { adminCredentials, languages, ...rest } = facts;
  return {
    message: `judge API listening on ${facts.url} (docs at ${facts.url}/api/docs)`,
    fields: {
      ...rest,
      languages: languages.found,
      languagesKnown: languages.known,
      ...(adminCredentials ? { admin: adminCredentials.username, adminPasswordFile } : {}),
    },
  };
}
