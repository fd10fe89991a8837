import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startTestApi, type TestApi } from '../api/support';

/** Where the browser tests leave screenshots of the pages they pass through. */
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

/*
 * The real platform, with the example problems, and a real headless Chromium, set by setupBrowserTests() before a
 * file's tests. Importers see them once set (an export is a live binding); each test file has its own copy of
 * this module, so its own API and browser.
 */
export let api: TestApi;
export let browser: Browser;
/** What the API's Content-Security-Policy refused in the file's pages: the web UI must need nothing it forbids. */
const cspViolations: string[] = [];

/** Starts the API and the browser before the file's tests, and stops them after. */
export function setupBrowserTests(): void {
  beforeAll(async () => {
    api = await startTestApi({ IMPORT_EXAMPLES: 'true', SUBMISSIONS_PER_MINUTE: '100' });
    await mkdir(SCREENSHOTS, { recursive: true });
    // Debian's package: Playwright's own browser download does not work on these machines.
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.dispose();
    expect(cspViolations).toEqual([]);
  });
}

/** A page of its own browser context: its own storage, so its own session. */
export async function newPage(width = 1280, height = 900): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.setDefaultTimeout(30_000);
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      cspViolations.push(`${page.url()}: ${message.text()}`);
    }
  });
  return page;
}

export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${api.url}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Types into the CodeMirror editor once it has loaded (it is loaded lazily). */
export async function typeSolution(page: Page, source: string): Promise<void> {
  const editor = page.getByTestId('editor').locator('.cm-content');
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // CodeMirror indents on Enter: insert text as a paste would, not keystroke by keystroke.
  await page.keyboard.insertText(source);
}

/** The languages of the web UI, as its switcher stores them. */
export const UI_LOCALES = ['en', 'zh-CN', 'es'] as const;

/**
 * Screenshots of the page as it is now, once per UI language (`<name>.<locale>.png`, reloaded in each, as a
 * visitor who picked it in the switcher sees it) and once at a phone's size in English (`<name>.phone.png`), into
 * test-artifacts/screenshots/. The page ends as it began: English, at its own size.
 */
export async function screenshotEverywhere(page: Page, name: string): Promise<void> {
  // A string to evaluate: the tests' TypeScript has no DOM types.
  const setLocale = (locale: string) =>
    page.evaluate(`localStorage.setItem('judge.locale', ${JSON.stringify(locale)})`);
  for (const locale of UI_LOCALES) {
    await setLocale(locale);
    await page.reload();
    await page
      .locator('html')
      .and(page.locator(`[lang="${locale}"]`))
      .waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.${locale}.png`), fullPage: true });
  }
  await setLocale('en');
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.phone.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
  await page.reload();
  await page.waitForLoadState('networkidle');
}
