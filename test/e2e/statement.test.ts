import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUsers, uploadFolder } from '../api/fixtures';
import { api, logIn, newPage, SCREENSHOTS, setupBrowserTests } from './support';

/** A statement's pictures and PDF in a real Chromium: the images load, the PDF downloads. */

const FIXTURES = join(__dirname, '..', 'fixtures');
const ids = { markdown: '', latex: '' };

setupBrowserTests();

beforeAll(async () => {
  const admin = await api.login('admin', 'admin-password');
  await createUsers(api, admin, { stella: 'contestant' });
  ids.markdown = (await uploadFolder(api, admin, join(FIXTURES, 'statement-files-problem'))).id;
  ids.latex = (await uploadFolder(api, admin, join(FIXTURES, 'statement-latex-problem'))).id;
});

/** The image's natural width once it has loaded: 0 while it loads or when it cannot be shown. */
function naturalWidth(page: Page, alt: string): Promise<number> {
  return page
    .locator(`article.statement img[alt="${alt}"]`)
    .evaluate((img: { complete: boolean; naturalWidth: number }) => (img.complete ? img.naturalWidth : 0));
}

describe('a statement with pictures and a PDF', () => {
  it('shows a Markdown statement’s PNG and SVG, without running the SVG’s script, and downloads the PDF', async () => {
    const page = await newPage();
    await logIn(page, 'stella', 'stella-password');
    await page.goto(`${api.url}/problems/${ids.markdown}`);
    await page.getByRole('article', { name: 'Statement' }).waitFor();
    // The fixture's PNG is 36 pixels wide, its SVG 40.
    await expect.poll(() => naturalWidth(page, 'A 3 by 3 square'), { timeout: 30_000 }).toBe(36);
    await expect.poll(() => naturalWidth(page, 'Diagram'), { timeout: 30_000 }).toBe(40);
    expect(await page.title()).not.toContain('script');
    await page.screenshot({ path: join(SCREENSHOTS, 'statement-images.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Statement (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('statement-files-problem.pdf');
    const saved = await download.path();
    expect(await readFile(saved)).toEqual(
      await readFile(join(FIXTURES, 'statement-files-problem', 'statement', 'problem.en.pdf')),
    );
    await page.close();
  });

  it('shows the picture a LaTeX statement includes without an extension, at the width it asks for', async () => {
    const page = await newPage();
    await logIn(page, 'stella', 'stella-password');
    await page.goto(`${api.url}/problems/${ids.latex}`);
    const image = page.locator('article.statement img');
    await expect.poll(() => naturalWidth(page, ''), { timeout: 30_000 }).toBe(36);
    expect(await image.getAttribute('style')).toBe('width: 30%');
    expect(await page.getByRole('article', { name: 'Statement' }).textContent()).not.toContain('figure:');
    await expect.poll(() => page.getByRole('link', { name: 'Statement (PDF)' }).count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'statement-latex-image.png'), fullPage: true });
    await page.close();
  });
});
