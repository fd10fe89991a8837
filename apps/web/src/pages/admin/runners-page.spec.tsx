import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { QueueView, RunnerList } from '@judge/contract';
import { mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

setupDom();

const queue = (paused: boolean): QueueView => ({
  paused,
  waiting: 7,
  active: 2,
  delayed: 1,
  waitingByClass: { contest: 4, assignment: 0, practice: 2, run: 0, rejudge: 1 },
  driver: 'bullmq',
});

const runners: RunnerList = {
  heartbeatSeconds: 15,
  runners: [
    {
      runnerId: 'judge-a-101',
      host: 'judge-a',
      engine: 'namespace',
      languages: ['cpp', 'python'],
      concurrency: 4,
      jobsDone: 1234,
      startedAt: '2026-01-02T09:00:00.000Z',
      lastHeartbeatAt: '2026-01-02T10:00:00.000Z',
      lastHeartbeatAgeSeconds: 3,
    },
    {
      runnerId: 'judge-b-7',
      host: 'judge-b',
      engine: 'docker',
      languages: ['java'],
      concurrency: 1,
      jobsDone: 5,
      startedAt: '2026-01-02T08:00:00.000Z',
      lastHeartbeatAt: '2026-01-02T09:58:00.000Z',
      lastHeartbeatAgeSeconds: 120,
    },
  ],
};

function api() {
  const state = { paused: false };
  const mock = mockApi(({ method, url }) => {
    if (url === '/api/admin/runners') return { body: runners };
    if (url === '/api/admin/queue') return { body: queue(state.paused) };
    if (method === 'POST' && url === '/api/admin/queue/pause') {
      state.paused = true;
      return { body: queue(true) };
    }
    if (method === 'POST' && url === '/api/admin/queue/resume') {
      state.paused = false;
      return { body: queue(false) };
    }
    return undefined;
  });
  return { ...mock, state };
}

const cells = (row: HTMLElement) => [...row.querySelectorAll('td')].map((td) => td.textContent);

describe('runners page (admin)', () => {
  it('shows the runners with their last heartbeat, the silent one marked', async () => {
    signIn('admin');
    api();
    renderAt('/admin/runners');
    const section = await screen.findByRole('region', { name: 'Runners' });
    const rows = await within(section).findAllByRole('row');
    const [a, b] = rows.slice(1);
    expect(cells(a).slice(0, 5)).toEqual(['judge-a-101', 'judge-a', 'namespace', 'cpp, python', '4']);
    expect(cells(a)[5]).toContain('3 seconds ago');
    expect(cells(a)[5]).not.toContain('not responding');
    expect(cells(a)[6]).toBe('1,234');
    expect(cells(b)[5]).toContain('120 seconds ago, not responding');
  });

  it('shows the queue by priority class, and pauses and resumes judging', async () => {
    signIn('admin');
    const { calls, state } = api();
    renderAt('/admin/runners');
    const section = await screen.findByRole('region', { name: 'Judge queue' });
    expect(within(section).getByRole('status').textContent).toBe('Judging is running.');
    const byClass = within(section).getByRole('table', { name: 'Waiting by priority' });
    const rows = within(byClass)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [row.querySelector('th')?.textContent, row.querySelector('td')?.textContent]);
    expect(rows).toEqual([
      ['Contest submissions', '4'],
      ['Course submissions', '0'],
      ['Practice submissions', '2'],
      ['Runs', '0'],
      ['Rejudges', '1'],
    ]);

    await userEvent.click(within(section).getByRole('button', { name: 'Pause judging' }));
    await waitFor(() => expect(within(section).getByRole('status').textContent).toMatch(/paused/));
    expect(state.paused).toBe(true);
    expect(calls.some((c) => c.method === 'POST' && c.url === '/api/admin/queue/pause')).toBe(true);

    await userEvent.click(within(section).getByRole('button', { name: 'Resume judging' }));
    await waitFor(() => expect(within(section).getByRole('status').textContent).toBe('Judging is running.'));
    expect(state.paused).toBe(false);
  });

  it('is in the menu for admins only', async () => {
    signIn('admin');
    api();
    const first = renderAt('/problems');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Runners' }).getAttribute('href')).toBe('/admin/runners');
    first.unmount();

    signIn('setter');
    api();
    renderAt('/problems');
    const setterNav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(setterNav).queryByRole('link', { name: 'Runners' })).toBeNull();
  });
});
