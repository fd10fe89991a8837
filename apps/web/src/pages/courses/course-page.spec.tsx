import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AssignmentSummary } from '@judge/contract';
import { assignmentView, COURSE_ID, courseView, TEACHER_ID } from '../../test/fixtures';
import { chooseLocale, mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

setupDom();

const DAY = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

const summary = (id: string, title: string, opensAt: string, deadline: string): AssignmentSummary => ({
  id,
  courseId: COURSE_ID,
  title,
  kind: 'assignment',
  opensAt,
  deadline,
  durationMinutes: null,
});

describe('course page', () => {
  it('shows a teacher the join code, the members, and each assignment in its state', async () => {
    signIn('setter', TEACHER_ID, 'tom');
    const assignments = [
      summary('a1', 'Week 1', at(-10), at(-3)),
      summary('a2', 'Week 2', at(-3), at(-1)),
      summary('a3', 'Week 3', at(-1), at(6)),
      summary('a4', 'Week 4', at(6), at(13)),
    ];
    mockApi(({ url }) => {
      if (url === `/api/courses/${COURSE_ID}`)
        return { body: courseView({ role: 'teacher', joinCode: 'K7Q2ZX', assignments }) };
      if (url === `/api/courses/${COURSE_ID}/members`)
        return {
          body: [
            { userId: TEACHER_ID, username: 'tom', role: 'teacher', joinedAt: at(-20) },
            { userId: 'u2', username: 'alice', role: 'student', joinedAt: at(-19) },
          ],
        };
      const match = /\/assignments\/(a\d)$/.exec(url);
      if (match) {
        const s = assignments.find((a) => a.id === match[1])!;
        // Week 2 takes late submissions for a week; Week 1 took none.
        const late = s.id === 'a2' ? { latePenalty: { type: 'per-day', percent: 10 } as const, lateUntil: at(6) } : {};
        return { body: assignmentView({ ...s, window: null, latePenalty: null, ...late, extensions: [] }) };
      }
      return undefined;
    });
    renderAt(`/courses/${COURSE_ID}`);

    expect((await screen.findByTestId('join-code')).textContent).toBe('K7Q2ZX');
    const members = await screen.findByRole('region', { name: 'Members' });
    expect(await within(members).findByText('alice')).toBeTruthy();
    const rows = screen.getAllByTestId('assignment-row');
    const states = () => rows.map((row) => within(row).getByTestId('window-state').textContent);
    await screen.findAllByText('Late');
    expect(states()).toEqual(['Closed', 'Late', 'Open', 'Not open']);
  });

  it('renders the course description as Markdown, sanitised', async () => {
    signIn();
    mockApi(({ url }) =>
      url === `/api/courses/${COURSE_ID}`
        ? { body: courseView({ description: 'Bring a **laptop**.\n\n<script>alert(1)</script>', assignments: [] }) }
        : undefined,
    );
    renderAt(`/courses/${COURSE_ID}`);

    const description = await screen.findByRole('article', { name: 'Description' }, { timeout: 5000 });
    await waitFor(() => expect(description.querySelector('strong')?.textContent).toBe('laptop'));
    expect(description.querySelector('script')).toBeNull();
    expect(description.textContent).not.toContain('**');
  });

  it('shows a student neither the join code nor the members', async () => {
    signIn();
    mockApi(({ url }) => (url === `/api/courses/${COURSE_ID}` ? { body: courseView() } : undefined));
    renderAt(`/courses/${COURSE_ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Algorithms 101' })).toBeTruthy();
    expect(screen.getByText('No assignment yet.')).toBeTruthy();
    expect(screen.queryByTestId('join-code')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Members' })).toBeNull();
  });

  it('speaks Spanish to a teacher who chose it: headings, states, counts and dates', async () => {
    chooseLocale('es');
    signIn('setter', TEACHER_ID, 'tom');
    const assignments = [summary('a1', 'Semana 1', '2025-01-01T09:00:00.000Z', '2025-01-08T09:00:00.000Z')];
    mockApi(({ url }) => {
      if (url === `/api/courses/${COURSE_ID}`)
        return { body: courseView({ role: 'teacher', joinCode: 'K7Q2ZX', students: 1, assignments }) };
      if (url === `/api/courses/${COURSE_ID}/members`) return { body: [] };
      if (url.endsWith('/assignments/a1'))
        return { body: assignmentView({ ...assignments[0], window: null, latePenalty: null, extensions: [] }) };
      return undefined;
    });
    renderAt(`/courses/${COURSE_ID}`);

    expect(await screen.findByRole('heading', { level: 2, name: 'Tareas y exámenes' })).toBeTruthy();
    expect(screen.getByText('Impartido por tom', { exact: false }).textContent).toContain('1 estudiante');
    expect(screen.getByTestId('join-code').parentElement?.textContent).toContain(
      'Los estudiantes se unen con el código',
    );
    expect(screen.getByRole('columnheader', { name: 'Fecha límite' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Nueva tarea o examen' })).toBeTruthy();
    const row = screen.getByTestId('assignment-row');
    expect(within(row).getByTestId('window-state').textContent).toBe('Cerrada');
    // The deadline in Spanish conventions: day first ("8/1/2025"), as format.ts writes it for es.
    expect(row.textContent).toContain(new Date('2025-01-08T09:00:00.000Z').toLocaleString('es'));
    expect(row.textContent).toMatch(/8\/1\/2025/);
    expect(await screen.findByRole('region', { name: 'Miembros' })).toBeTruthy();
  });
});
