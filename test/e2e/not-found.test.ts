import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from '../support/e2e.ts';
import { type TestLanguage, testLanguages, text } from '../support/locales.ts';
import { expectHeading, openPage } from '../support/pages.ts';
import { appRoutes, exampleUnknownPath } from '../support/routes.ts';

describe('an unknown address', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it.each(testLanguages.map((lang) => [lang]))('shows "page not found" with a link home, in %s', async (lang: TestLanguage) => {
    const { page } = e2e;
    await openPage(page, e2e.service.baseUrl, '/');
    await page.evaluate((l) => localStorage.setItem('spc.language', l), lang);
    await openPage(page, e2e.service.baseUrl, exampleUnknownPath);
    await expectHeading(page, text(lang, 'notFound.title'));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);

    const home = page.getByRole('link', { name: text(lang, 'notFound.homeLink') });
    expect(await home.count(), `no link "${text(lang, 'notFound.homeLink')}" on the not-found page`).toBe(1);
    expect(new URL((await home.getAttribute('href')) ?? '', page.url()).pathname).toBe(appRoutes.home);
    await home.click();
    await expectHeading(page, text(lang, 'home.title'));
  });
});
