import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from '../support/e2e.ts';
import { testLanguages } from '../support/locales.ts';
import { openPage } from '../support/pages.ts';
import { assertNone } from '../support/report.ts';
import { routesAndNotFound } from '../support/routes.ts';
import { minTarget, smallTargets } from '../support/targets.ts';
import { viewports } from '../support/viewports.ts';

describe(`touch targets: every control at least ${minTarget}×${minTarget} CSS px`, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  for (const viewport of viewports) {
    it(`every page, in each language, at ${viewport.width}×${viewport.height}`, async () => {
      const { page } = e2e;
      await page.setViewportSize(viewport);
      const problems: string[] = [];
      for (const lang of testLanguages) {
        await openPage(page, e2e.service.baseUrl, '/');
        await page.evaluate((l) => localStorage.setItem('spc.language', l), lang);
        for (const [name, path] of routesAndNotFound) {
          await openPage(page, e2e.service.baseUrl, path);
          const where = `${lang} ${viewport.width}×${viewport.height} ${name} ${path}`;
          problems.push(...(await smallTargets(page)).map((p) => `[${where}] ${p}`));
        }
      }
      assertNone(problems, 'controls smaller than the minimum');
    });

    it(`the skip link, when focused, is big enough and moves focus to the main content, at ${viewport.width}×${viewport.height}`, async () => {
      const { page } = e2e;
      await page.setViewportSize(viewport);
      for (const [name, path] of routesAndNotFound) {
        await openPage(page, e2e.service.baseUrl, path);
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement;
          const r = el?.getBoundingClientRect();
          return { isSkipLink: !!el?.classList.contains('govuk-skip-link'), width: r?.width ?? 0, height: r?.height ?? 0 };
        });
        expect(focused.isSkipLink, `${name} ${path}: the first Tab should focus the skip link`).toBe(true);
        expect(
          focused.width >= minTarget - 0.05 && focused.height >= minTarget - 0.05,
          `${name} ${path}: focused skip link is ${focused.width}×${focused.height}`,
        ).toBe(true);
        await page.keyboard.press('Enter');
        await expect
          .poll(() => page.evaluate(() => !!document.activeElement?.closest('main')), {
            message: `${name} ${path}: after the skip link, focus should be in <main>`,
          })
          .toBe(true);
      }
    });
  }
});
