import { describe, expect, it } from 'vitest';
import { addressOf, startLogLine, startSummary, type StartFacts } from './start-summary';

const FIRST_START: StartFacts = {
  url: 'http://127.0.0.1:3000',
  adminCredentials: { username: 'admin', password: 'z8RoybHQ6KQD' },
  dataDir: '/srv/judge/data',
  database: { embedded: true, address: '127.0.0.1:38221/judge' },
  judging: { inProcess: true, engine: 'namespace', concurrency: 1 },
  languages: {
    found: ['c', 'cpp', 'python', 'java', 'javascript', 'rust', 'go', 'kotlin', 'pascal', 'bash', 'sh', 'perl'],
    known: 26,
  },
  examplesImported: 8,
  logLevel: 'info',
  logFormat: 'pretty',
};

describe('the summary a start prints', () => {
  it('says where, the admin password, the data folder, the engine and the languages found, in 80 columns', () => {
    const text = startSummary(FIRST_START);
    expect(text.split('\n')[0]).toBe(
      'judge API listening on http://127.0.0.1:3000 (docs at http://127.0.0.1:3000/api/docs)',
    );
    expect(text).toContain('  admin       username admin, password z8RoybHQ6KQD (shown once)\n');
    expect(text).toContain('  data        /srv/judge/data\n');
    expect(text).toContain('  database    embedded PostgreSQL on 127.0.0.1:38221/judge\n');
    expect(text).toContain('  judging     in this process, on the namespace engine, 1 at a time\n');
    expect(text).toMatch(
      / {2}languages {3}12 of 26 found: c, cpp, python, java, javascript, rust, go,\n {14}kotlin, pascal, bash, sh, perl\n/,
    );
    expect(text).toContain('  examples    8 problems imported\n');
    expect(text).toContain('  log level   info (LOG_LEVEL=debug adds Nest start-up and routes)');
    expect(
      text
        .split('\n')
        .slice(1)
        .filter((line) => line.length > 80),
    ).toEqual([]);
  });

  it('on a later start with a server database and runners: no password, no examples, no credentials', () => {
    const text = startSummary({
      ...FIRST_START,
      adminCredentials: null,
      database: { embedded: false, address: addressOf('postgres://judge:secret@db.example.org:5432/judge') },
      judging: { inProcess: false, redis: addressOf('redis://:hunter2@redis.example.org:6379') },
      languages: { found: [], known: 26 },
      examplesImported: 0,
      logLevel: 'debug',
    });
    expect(text).toContain('admin       username admin (its password was set on the first start, or by');
    expect(text).toContain('database    PostgreSQL at db.example.org:5432/judge\n');
    expect(text).toContain('judging     by runners, through Redis at redis.example.org:6379\n');
    expect(text).toContain('languages   none of 26 found: install a compiler');
    expect(text).not.toContain('examples');
    expect(text).not.toMatch(/secret|hunter2/);
    expect(text).toMatch(/log level {3}debug$/);
  });
});

describe('the summary as a JSON log line (LOG_FORMAT=json)', () => {
  it('has the same first line as its message and the facts as fields, never the generated password', () => {
    const { message, fields } = startLogLine(
      { ...FIRST_START, logFormat: 'json' },
      '/srv/judge/data/secrets/admin-password',
    );
    expect(message).toBe('judge API listening on http://127.0.0.1:3000 (docs at http://127.0.0.1:3000/api/docs)');
    expect(fields).toMatchObject({
      url: 'http://127.0.0.1:3000',
      dataDir: '/srv/judge/data',
      judging: { inProcess: true, engine: 'namespace', concurrency: 1 },
      languages: FIRST_START.languages.found,
      languagesKnown: 26,
      admin: 'admin',
      adminPasswordFile: '/srv/judge/data/secrets/admin-password',
    });
    expect(JSON.stringify(fields)).not.toContain('z8RoybHQ6KQD');
  });
});
