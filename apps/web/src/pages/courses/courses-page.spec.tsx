import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { COURSE_ID, courseView } from '../../test/fixtures';
import { mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

setupDom();

describe('courses page', () => {
  it('lists my courses and shows why a join code was refused', async () => {
    signIn();
    const { calls } = mockApi(({ method, url }) => {
      if (method === 'GET' && url === '/api/courses')
        return { body: [{ id: COURSE_ID, title: 'Algorithms 101', role: 'student', students: 12 }] };
      if (method === 'POST' && url === '/api/courses/join')
        return {
          status: 404,
          body: { statusCode: 404, code: 'COURSE_NOT_FOUND', message: 'no course has this join code' },
        };
      return undefined;
    });
    renderAt('/courses');

    expect(await screen.findByRole('link', { name: 'Algorithms 101' })).toBeTruthy();
    // Creating a course is for setters.
    expect(screen.queryByRole('form', { name: 'New course' })).toBeNull();
    await userEvent.type(screen.getByLabelText('Join code'), 'WRONG1');
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not joined');
    expect(alert.textContent).toContain('no course has this join code');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ code: 'WRONG1' });
  });

  it('joins a course by its code and opens it', async () => {
    signIn();
    mockApi(({ method, url }) => {
      if (method === 'GET' && url === '/api/courses') return { body: [] };
      if (method === 'POST' && url === '/api/courses/join') return { body: { id: COURSE_ID } };
      if (url === `/api/courses/${COURSE_ID}`) return { body: courseView() };
      return undefined;
    });
    const { router } = renderAt('/courses');
    expect(await screen.findByText(/You are in no course yet/)).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Join code'), 'ABC123');
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/courses/${COURSE_ID}`));
    expect(await screen.findByRole('heading', { level: 1, name: 'Algorithms 101' })).toBeTruthy();
  });
});
