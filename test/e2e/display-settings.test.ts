import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from '../support/e2e.ts';
import { text } from '../support/locales.ts';
import { expectHeading, openPage, recordErrors, waitForHeading } from '../support/pages.ts';
import { appRoutes } from '../support/routes.ts';

/**
 * Runs before any page script: records the classes on <html> at the moment <body> is inserted,
 * i.e. before first paint and before the app's module has run.
 */
function recordClassesAtBody() {
  const w = window as unknown as { spcAtBody?: { className: string; painted: number; appRan: boolean } };
  const observer = new MutationObserver(() => {
    if (!document.body || w.spcAtBody) return;
    w.spcAtBody = {
      className: document.documentElement.className,
      painted: performance.getEntriesByType('paint').length,
      appRan: !!document.getElementById('root')?.hasChildNodes(),
    };
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
}

const atBody = (e2e: E2E) =>
  e2e.page.evaluate(() => (window as unknown as { spcAtBody?: { className: string; painted: number; appRan: boolean } }).spcAtBody);

describe('display settings', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    await e2e.page.addInitScript(recordClassesAtBody);
  });
  afterAll(() => e2e?.close());

  it('200% text and high contrast are applied before the first paint after a reload', async () => {
    const { page } = e2e;
    await openPage(page, e2e.service.baseUrl, appRoutes.displaySettings);
    await expectHeading(page, text('en', 'settings.title'));
    await page.getByLabel(text('en', 'settings.textSize.veryLarge')).check();
    await page.getByLabel(text('en', 'settings.other.highContrast')).check();
    const live = await page.evaluate(() => document.documentElement.className);
    expect(live).toContain('app-text-200');
    expect(live).toContain('app-high-contrast');

    // First a reload of the settings page, then a fresh load of another page.
    for (const path of [appRoutes.displaySettings, appRoutes.home]) {
      if (path === appRoutes.displaySettings) await page.reload();
      else await page.goto(e2e.service.baseUrl + path);
      await waitForHeading(page);
      const seen = await atBody(e2e);
      expect(seen, 'the init script did not see <body> being inserted').toBeDefined();
      expect(seen!.painted, `${path}: something was painted before <body> existed`).toBe(0);
      expect(seen!.appRan, `${path}: the app had already rendered`).toBe(false);
      expect(seen!.className.split(' '), `${path}: <html class> when <body> was inserted`).toEqual(
        expect.arrayContaining(['app-text-200', 'app-high-contrast']),
      );
    }
    // The page still shows the choices made.
    await page.goto(e2e.service.baseUrl + appRoutes.displaySettings);
    await waitForHeading(page);
    expect(await page.getByLabel(text('en', 'settings.textSize.veryLarge')).isChecked()).toBe(true);
    expect(await page.getByLabel(text('en', 'settings.other.highContrast')).isChecked()).toBe(true);
  });

  it('a damaged saved value loads the defaults without an error', async () => {
    const { page } = e2e;
    await openPage(page, e2e.service.baseUrl, appRoutes.home);
    await page.evaluate(() => localStorage.setItem('spc.displaySettings', '{not json'));
    const errors = recordErrors(page);
    for (const path of [appRoutes.home, appRoutes.displaySettings]) {
      await page.goto(e2e.service.baseUrl + path);
      await waitForHeading(page);
      const seen = await atBody(e2e);
      expect(seen?.className ?? '', `${path}: <html class> at <body>`).not.toMatch(/app-(text|high|readable|reduce)/);
      expect(await page.evaluate(() => document.documentElement.className)).not.toMatch(/app-(text|high|readable|reduce)/);
    }
    expect(await page.getByLabel(text('en', 'settings.textSize.normal')).isChecked()).toBe(true);
    expect(await page.getByLabel(text('en', 'settings.other.highContrast')).isChecked()).toBe(false);
    expect(errors, `errors in the browser:\n${errors.join('\n')}`).toEqual([]);
  });
});
