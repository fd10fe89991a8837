import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { WebhookDeliveryView, WebhookView } from '@judge/contract';
import { CONTEST_ID, contestView, COURSE_ID, courseView, TEACHER_ID } from '../test/fixtures';
import { chooseLocale, mockApi, renderAt, setupDom, signIn, type Call } from '../test/helpers';

setupDom();

const SECRET = 'whsec_0123456789abcdefghijABCDEFGHIJ_-0123456789a';
const HOOK_ID = '55555555-5555-5555-5555-555555555555';

const siteHook: WebhookView = {
  id: HOOK_ID,
  url: 'https://ci.example.com/judge',
  events: ['submission.judged', 'run.finished'],
  enabled: true,
  scope: 'site',
  courseId: null,
  contestId: null,
  createdAt: '2026-12-01T10:00:00.000Z',
};

const delivery = (over: Partial<WebhookDeliveryView>): WebhookDeliveryView => ({
  id: 'd1',
  event: 'submission.judged',
  status: 'delivered',
  attempts: 1,
  httpStatus: 200,
  durationMs: 42,
  lastError: null,
  createdAt: '2026-12-02T09:00:00.000Z',
  nextAttemptAt: null,
  deliveredAt: '2026-12-02T09:00:00.100Z',
  payload: { id: 'd1', event: 'submission.judged', createdAt: '2026-12-02T09:00:00.000Z', data: {} },
  ...over,
});

/** The webhooks API as it answers: lists never hold a secret; making a hook answers it once. */
function api(
  initial: WebhookView[],
  deliveries: WebhookDeliveryView[] = [],
  other: (call: Call) => { body?: unknown } | undefined = () => undefined,
) {
  let hooks = [...initial];
  return mockApi((call) => {
    const { method, url, body } = call;
    const answer = other(call);
    if (answer) return answer;
    if (method === 'GET' && url.startsWith('/api/webhooks?')) return { body: hooks };
    if (method === 'POST' && url === '/api/webhooks') {
      const input = body as Pick<WebhookView, 'url' | 'events'> & { courseId?: string };
      const made: WebhookView = {
        ...siteHook,
        id: '66666666-6666-6666-6666-666666666666',
        url: input.url,
        events: input.events,
        scope: input.courseId ? 'course' : 'site',
        courseId: input.courseId ?? null,
      };
      hooks = [...hooks, made];
      return { status: 201, body: { ...made, secret: SECRET } };
    }
    if (method === 'PATCH' && url === `/api/webhooks/${HOOK_ID}`) {
      hooks = hooks.map((h) => (h.id === HOOK_ID ? { ...h, ...(body as Partial<WebhookView>) } : h));
      return { body: hooks.find((h) => h.id === HOOK_ID) };
    }
    if (method === 'DELETE' && url === `/api/webhooks/${HOOK_ID}`) {
      hooks = hooks.filter((h) => h.id !== HOOK_ID);
      return { status: 204 };
    }
    if (method === 'GET' && url === `/api/webhooks/${HOOK_ID}/deliveries`) return { body: deliveries };
    if (method === 'POST' && url.endsWith('/redeliver')) return { status: 201, body: { id: 'd9' } };
    if (method === 'POST' && url === `/api/webhooks/${HOOK_ID}/test`) return { status: 201, body: { id: 'd8' } };
    return undefined;
  });
}

describe('site webhooks page (admins)', () => {
  it('is linked from the header; makes a hook and shows its secret once', async () => {
    signIn('admin');
    const { calls } = api([]);
    renderAt('/problems');
    await userEvent.click(await screen.findByRole('link', { name: 'Webhooks' }));
    expect(await screen.findByText('No webhooks yet.')).toBeTruthy();

    const form = screen.getByRole('form', { name: 'New webhook' });
    // The site's hooks may also hear of runs.
    expect(
      within(form)
        .getAllByRole('checkbox')
        .map((c) => c.parentElement?.textContent),
    ).toEqual([expect.stringContaining('submission.judged'), expect.stringContaining('run.finished')]);
    await userEvent.type(within(form).getByRole('textbox', { name: 'Payload URL' }), 'https://hooks.example.com/x');
    await userEvent.click(within(form).getByRole('checkbox', { name: /run\.finished/ }));
    await userEvent.click(within(form).getByRole('button', { name: 'Create webhook' }));

    const made = await screen.findByRole('status', { name: 'Secret of https://hooks.example.com/x' });
    expect(within(made).getByText(SECRET)).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST' && c.url === '/api/webhooks');
    expect(post?.body).toEqual({
      scope: 'site',
      url: 'https://hooks.example.com/x',
      events: ['submission.judged', 'run.finished'],
    });
    const list = await screen.findByRole('list', { name: 'Webhooks' });
    expect(within(list).getByText('https://hooks.example.com/x')).toBeTruthy();
    await userEvent.click(within(made).getByRole('button', { name: 'Done' }));
    expect(screen.queryByText(SECRET)).toBeNull();
  });

  it('disables, tests and deletes a hook', async () => {
    signIn('admin');
    const { calls } = api([siteHook]);
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderAt('/admin/webhooks');
    const hook = await screen.findByRole('listitem', { name: siteHook.url });
    expect(within(hook).getByText('Enabled')).toBeTruthy();
    await userEvent.click(within(hook).getByRole('button', { name: 'Disable' }));
    expect(await within(hook).findByText('Disabled')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ enabled: false });

    await userEvent.click(within(hook).getByRole('button', { name: 'Send test' }));
    await waitFor(() => expect(calls.some((c) => c.url === `/api/webhooks/${HOOK_ID}/test`)).toBe(true));

    await userEvent.click(within(hook).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('No webhooks yet.')).toBeTruthy();
  });

  it('shows the delivery log (status, HTTP status, time, attempts, error) and redelivers', async () => {
    signIn('admin');
    const { calls } = api(
      [siteHook],
      [
        delivery({
          id: 'd2',
          status: 'failed',
          attempts: 12,
          httpStatus: 500,
          durationMs: 30,
          lastError: 'HTTP 500: oops',
        }),
        delivery({ id: 'd1' }),
      ],
    );
    renderAt('/admin/webhooks');
    const hook = await screen.findByRole('listitem', { name: siteHook.url });
    await userEvent.click(within(hook).getByRole('button', { name: 'Deliveries' }));
    const log = await within(hook).findByRole('table', { name: `Deliveries to ${siteHook.url}` });
    const rows = within(log).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/submission\.judgedFailed50030 ms12HTTP 500: oopsRedeliver$/),
      expect.stringMatching(/submission\.judgedDelivered20042 ms1Redeliver$/),
    ]);
    await userEvent.click(within(rows[0]).getByRole('button', { name: 'Redeliver' }));
    await waitFor(() =>
      expect(
        calls.some((c) => c.method === 'POST' && c.url === `/api/webhooks/${HOOK_ID}/deliveries/d2/redeliver`),
      ).toBe(true),
    );
  });

  it('speaks Chinese', async () => {
    chooseLocale('zh-CN');
    signIn('admin');
    api([]);
    renderAt('/admin/webhooks');
    expect(await screen.findByRole('heading', { name: '全站 Webhook' })).toBeTruthy();
    expect(await screen.findByText('还没有 Webhook。')).toBeTruthy();
  });
});

describe('a course’s webhooks (teachers)', () => {
  it('are in the course page, for submission.judged only, made for the course', async () => {
    signIn('teacher', TEACHER_ID, 'tom');
    const { calls } = api([], [], ({ method, url }) => {
      if (method === 'GET' && url === `/api/courses/${COURSE_ID}`)
        return { body: courseView({ role: 'teacher', joinCode: 'K7Q2ZX', assignments: [] }) };
      if (method === 'GET' && url === `/api/courses/${COURSE_ID}/members`) return { body: [] };
      return undefined;
    });
    renderAt(`/courses/${COURSE_ID}`);
    const section = await screen.findByRole('region', { name: 'Webhooks' });
    const form = within(section).getByRole('form', { name: 'New webhook' });
    expect(within(form).getAllByRole('checkbox')).toHaveLength(1);
    expect(within(form).queryByText('run.finished')).toBeNull();
    await userEvent.type(within(form).getByRole('textbox', { name: 'Payload URL' }), 'https://lms.example.com/hook');
    await userEvent.click(within(form).getByRole('button', { name: 'Create webhook' }));
    expect(await screen.findByText(SECRET)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST' && c.url === '/api/webhooks')?.body).toEqual({
      courseId: COURSE_ID,
      url: 'https://lms.example.com/hook',
      events: ['submission.judged'],
    });
  });
});

describe('a contest’s webhooks (staff)', () => {
  it('are on the contest’s settings page, listed for the contest', async () => {
    signIn('setter');
    const { calls } = api(
      [{ ...siteHook, scope: 'contest', contestId: CONTEST_ID, events: ['submission.judged'] }],
      [],
      ({ method, url }) => {
        if (method === 'GET' && url === `/api/contests/${CONTEST_ID}`)
          return { body: contestView({ canManage: true }) };
        if (method === 'GET' && url === '/api/problems') return { body: [] };
        return undefined;
      },
    );
    renderAt(`/contests/${CONTEST_ID}/edit`);
    const section = await screen.findByRole('region', { name: 'Webhooks' });
    expect(await within(section).findByRole('listitem', { name: siteHook.url })).toBeTruthy();
    expect(calls.some((c) => c.url === `/api/webhooks?contestId=${CONTEST_ID}`)).toBe(true);
    expect(within(section).getAllByRole('checkbox')).toHaveLength(1);
  });
});
