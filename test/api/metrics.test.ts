import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsers, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

const METRICS_TOKEN = 'metrics-token-of-the-test';
const AC = 'a, b = map(int, input().split())\nprint(a + b)\n';

/** One sample of the Prometheus text: the value of `name` with exactly these labels, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = (m[2] ?? '')
      .split(/,(?=[a-zA-Z_]\w*=")/)
      .filter(Boolean)
      .sort()
      .join(',');
    if (found === wanted) return Number(m[3]);
  }
  return undefined;
}

describe('GET /metrics with METRICS_TOKEN', () => {
  let api: TestApi;
  let admin: string;
  let alice: string;
  let problemId: string;

  const scrape = async () => {
    const response = await api.call('GET', '/metrics', { token: METRICS_TOKEN });
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    api = await startTestApi({ METRICS_TOKEN, RUNNER_HEARTBEAT_SECONDS: '1' });
    admin = await api.login('admin', 'admin-password');
    ({ alice } = (await createUsers(api, admin, { alice: 'contestant' })).tokens);
    problemId = await uploadExample(api, admin, 'hello');
  });

  afterAll(async () => {
    await api?.dispose();
  });

  it('answers 401 without the token or with another one, even from this host, and the text format with it', async () => {
    expect((await api.call('GET', '/metrics')).status).toBe(401);
    expect((await api.call('GET', '/metrics', { token: 'x'.repeat(METRICS_TOKEN.length) })).status).toBe(401);
    // A user's session is no metrics token.
    expect((await api.call('GET', '/metrics', { token: admin })).status).toBe(401);
    const response = await api.call('GET', '/metrics', { token: METRICS_TOKEN });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('# TYPE judge_judgements_total counter');
    expect(text).toContain('# TYPE judge_queue_wait_seconds histogram');
    // The process's own metrics, as every Node exporter has them.
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    // A scraper that takes anything (as Prometheus's Accept ends) gets the metrics, not the web UI's page.
    const anything = await fetch(`${api.url}/metrics`, {
      headers: { accept: 'text/html;q=0.9,*/*;q=0.1', authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(anything.headers.get('content-type')).toContain('text/plain');
  });

  it('counts a judged submission by verdict and language, its tests in the time histogram, its wait in the queue', async () => {
    const response = await api.call('POST', '/api/submissions', {
      token: alice,
      json: { problemId, language: 'python', source: AC },
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const judged = await untilJudged<{ status: string; verdict: string; tests: unknown[] }>(api, alice, id);
    expect(judged.verdict).toBe('AC');

    const text = await scrape();
    expect(sample(text, 'judge_judgements_total', { verdict: 'AC', language: 'python' })).toBe(1);
    expect(sample(text, 'judge_judgements_total', { verdict: 'WA', language: 'python' })).toBeUndefined();
    // `hello` has five tests: one observation each.
    expect(judged.tests).toHaveLength(5);
    expect(sample(text, 'judge_test_cpu_seconds_count', { language: 'python' })).toBe(5);
    expect(sample(text, 'judge_test_cpu_seconds_bucket', { language: 'python', le: '+Inf' })).toBe(5);
    expect(sample(text, 'judge_queue_wait_seconds_count', { class: 'practice' })).toBe(1);
  });

  it('counts finished runs by verdict, and their wait in the run class', async () => {
    const response = await api.call('POST', '/api/runs?wait=true', {
      token: alice,
      json: { language: 'python', source: 'print(1)\n' },
    });
    expect(response.status).toBe(201);
    const run = (await response.json()) as { status: string; verdict: string };
    expect(run).toMatchObject({ status: 'done', verdict: 'OK' });
    const text = await scrape();
    expect(sample(text, 'judge_runs_total', { verdict: 'OK' })).toBe(1);
    expect(sample(text, 'judge_queue_wait_seconds_count', { class: 'run' })).toBe(1);
    // A run is no judgement of a submission.
    expect(sample(text, 'judge_judgements_total', { verdict: 'AC', language: 'python' })).toBe(1);
  });

  it('times HTTP requests by method, route pattern (not the URL) and status', async () => {
    const text = await scrape();
    expect(
      sample(text, 'http_request_duration_seconds_count', { method: 'POST', route: '/api/submissions', status: '201' }),
    ).toBe(1);
    const polls = sample(text, 'http_request_duration_seconds_count', {
      method: 'GET',
      route: '/api/submissions/:id',
      status: '200',
    });
    expect(polls).toBeGreaterThanOrEqual(1);
    expect(text).not.toMatch(/route="\/api\/submissions\/[0-9a-f]{8}-/);
    expect(
      sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/metrics', status: '401' }),
    ).toBe(3);
  });

  it('shows the queue, the in-process runner and its heartbeat', async () => {
    const text = await scrape();
    expect(sample(text, 'judge_queue_jobs', { state: 'waiting' })).toBe(0);
    expect(sample(text, 'judge_queue_jobs', { state: 'active' })).toBe(0);
    expect(sample(text, 'judge_queue_waiting_jobs', { class: 'contest' })).toBe(0);
    expect(sample(text, 'judge_queue_paused')).toBe(0);
    expect(sample(text, 'judge_runners')).toBe(1);
    expect(
      sample(text, 'judge_runner_last_heartbeat_age_seconds', { runner: 'api-in-process' }),
    ).toBeGreaterThanOrEqual(0);
  });

  it('counts open event streams while they are open', async () => {
    const response = await api.call('POST', '/api/submissions', {
      token: alice,
      json: { problemId, language: 'python', source: AC },
    });
    const { id } = (await response.json()) as { id: string };
    const route = '/api/submissions/:id/events';
    const controller = new AbortController();
    const stream = await fetch(`${api.url}/api/submissions/${id}/events?access_token=${alice}`, {
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    expect(sample(await scrape(), 'judge_sse_connections', { route })).toBe(1);
    controller.abort();
    // The server hears the close a moment later.
    let open: number | undefined = 1;
    for (let i = 0; i < 100 && open !== 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      open = sample(await scrape(), 'judge_sse_connections', { route });
    }
    expect(open).toBe(0);
    await untilJudged(api, alice, id);
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.dispose();
  });

  it('answers a scraper on this host, and 404 to a request that came through a proxy', async () => {
    const local = await api.call('GET', '/metrics');
    expect(local.status).toBe(200);
    expect(await local.text()).toContain('judge_queue_jobs');
    const proxied = await fetch(`${api.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(proxied.status).toBe(404);
  });
});
