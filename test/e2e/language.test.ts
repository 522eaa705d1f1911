import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from '../support/e2e.ts';
import { text } from '../support/locales.ts';
import { expectHeading, openPage } from '../support/pages.ts';

const htmlLang = (e2e: E2E) => e2e.page.evaluate(() => document.documentElement.lang);

describe('choosing a language', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('switches to Welsh in place, remembers it, and switches back', async () => {
    const { page } = e2e;
    await openPage(page, e2e.service.baseUrl, '/');
    await expectHeading(page, text('en', 'home.title'));
    expect(await htmlLang(e2e)).toBe('en');

    const before = page.url();
    // A marker on the window survives an in-place switch but not a reload.
    await page.evaluate(() => Object.assign(window, { spcMarker: true }));
    await page.getByRole('link', { name: 'Cymraeg' }).click();
    await expectHeading(page, text('cy', 'home.title'));
    expect(await htmlLang(e2e)).toBe('cy');
    expect(await page.evaluate(() => 'spcMarker' in window), 'switching language should not reload the page').toBe(true);
    expect(page.url()).toBe(before);
    expect(await page.evaluate(() => localStorage.getItem('spc.language'))).toBe('cy');

    await page.reload();
    await expectHeading(page, text('cy', 'home.title'));
    expect(await htmlLang(e2e)).toBe('cy');

    await page.getByRole('link', { name: 'English' }).click();
    await expectHeading(page, text('en', 'home.title'));
    expect(await htmlLang(e2e)).toBe('en');
    await page.reload();
    await expectHeading(page, text('en', 'home.title'));
    expect(await htmlLang(e2e)).toBe('en');
  });
});
