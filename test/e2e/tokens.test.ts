import { describe, expect, it } from 'vitest';
import { api, logIn, newPage, screenshotEverywhere, setupBrowserTests } from './support';

/**
 * The API tokens page in a real headless Chromium: a user opens it from the header, makes a token, reads its
 * secret off the page, uses it as a program would (X-Auth-Token), sees when it was last used, and revokes it.
 * Screenshots go to test-artifacts/screenshots/.
 */
setupBrowserTests();

const me = (token: string) => fetch(`${api.url}/api/auth/me`, { headers: { 'x-auth-token': token } });

describe('API tokens in the browser', () => {
  it('a user makes a token, a program uses it, and the user revokes it', async () => {
    const admin = await api.login('admin', 'admin-password');
    await api.call('POST', '/api/users', {
      token: admin,
      json: { username: 'tess', password: 'tess-password', role: 'contestant' },
    });
    const page = await newPage();
    await logIn(page, 'tess', 'tess-password');
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.waitForURL(`${api.url}/settings/tokens`);
    await page.getByText('You have no tokens yet.').waitFor();

    await page.getByRole('textbox', { name: 'Name' }).fill('grading script');
    await page.getByRole('checkbox', { name: /^Read/ }).check();
    await page.getByRole('checkbox', { name: /^Submissions/ }).check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const made = page.getByRole('status', { name: 'Token “grading script” created' });
    const secret = (await made.locator('code').textContent()) ?? '';
    expect(secret).toMatch(/^jt_/);

    const response = await me(secret);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { username: string }).username).toBe('tess');

    // Once reloaded, the secret is gone for good; the list shows the token's last use.
    await page.reload();
    const yours = page.getByRole('region', { name: 'Your tokens' });
    await yours.getByRole('cell', { name: 'grading script', exact: true }).waitFor();
    expect(await page.getByText(secret).count()).toBe(0);
    expect(await yours.getByRole('cell', { name: 'Never', exact: true }).count()).toBe(0);
    await screenshotEverywhere(page, 'settings-tokens');

    page.once('dialog', (dialog) => void dialog.accept());
    await yours.getByRole('button', { name: 'Revoke grading script' }).click();
    await page.getByText('You have no tokens yet.').waitFor();
    expect((await me(secret)).status).toBe(401);
    await page.close();
  });
});
