import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { chooseLocale, mockApi, renderAt, setupDom, signIn } from '../test/helpers';

setupDom();

const answerProblems = () => mockApi(({ url }) => (url === '/api/problems' ? { body: [] } : undefined));

const mainNav = () => screen.findByRole('navigation');

describe('the UI language', () => {
  it("follows the browser's preferred language on a first visit when the UI speaks it", async () => {
    vi.stubGlobal('navigator', { ...navigator, languages: ['fr-FR', 'es-MX', 'en'], language: 'fr-FR' });
    signIn();
    answerProblems();
    renderAt('/problems');
    expect(within(await mainNav()).getByRole('link', { name: 'Problemas' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('es');
  });

  it('speaks English to a browser that prefers a language the UI lacks', async () => {
    vi.stubGlobal('navigator', { ...navigator, languages: ['de-DE'], language: 'de-DE' });
    signIn();
    answerProblems();
    renderAt('/problems');
    expect(within(await mainNav()).getByRole('link', { name: 'Problems' })).toBeTruthy();
  });

  it('switches every text at once from the header, and keeps the choice for the next visit', async () => {
    signIn();
    answerProblems();
    const first = renderAt('/problems');
    await userEvent.selectOptions(await screen.findByLabelText('Display language'), '简体中文');
    await waitFor(() =>
      expect(within(screen.getByRole('navigation')).getByRole('link', { name: '题目' })).toBeTruthy(),
    );
    expect(screen.getByRole('button', { name: '退出登录' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
    first.unmount();

    renderAt('/problems');
    expect(within(await mainNav()).getByRole('link', { name: '我的提交' })).toBeTruthy();
  });

  it('starts in the language chosen before', async () => {
    chooseLocale('es');
    signIn('admin');
    answerProblems();
    renderAt('/problems');
    const nav = await mainNav();
    expect(within(nav).getByRole('link', { name: 'Usuarios' })).toBeTruthy();
    expect(screen.getByLabelText('Idioma de la interfaz')).toBeTruthy();
  });
});

describe('the header', () => {
  it("links the signed-in user's name to their profile", async () => {
    signIn('contestant', '11111111-1111-1111-1111-111111111111', 'alice');
    answerProblems();
    renderAt('/problems');
    const link = await screen.findByRole('link', { name: 'alice' });
    expect(link.getAttribute('href')).toBe('/users/alice');
  });
});
