import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { type E2E, startE2E } from '../support/e2e.ts';
import { type TestLanguage, testLanguages } from '../support/locales.ts';
import { openPage } from '../support/pages.ts';
import { assertNone } from '../support/report.ts';
import { routesAndNotFound } from '../support/routes.ts';
import { type Viewport, viewports } from '../support/viewports.ts';

/** 200% text and high contrast: the invariant asks for 200% text, and high contrast changes every colour. */
const largeHighContrast = { textSize: 200, highContrast: true, readableFont: false, reduceMotion: false };

describe('axe: zero WCAG 2.2 AA violations', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  /** Scans every page (and the not-found page) in one language, at one size, with optional display settings. */
  async function scanEveryPage(lang: TestLanguage, viewport: Viewport, settings?: object): Promise<void> {
    const { page } = e2e;
    await page.setViewportSize(viewport);
    await openPage(page, e2e.service.baseUrl, '/');
    await page.evaluate(
      ([l, s]) => {
        localStorage.setItem('spc.language', l);
        if (s) localStorage.setItem('spc.displaySettings', s);
        else localStorage.removeItem('spc.displaySettings');
      },
      [lang, settings ? JSON.stringify(settings) : ''] as const,
    );
    const problems: string[] = [];
    for (const [name, path] of routesAndNotFound) {
      await openPage(page, e2e.service.baseUrl, path);
      expect(await page.evaluate(() => document.documentElement.lang), `${path}: <html lang>`).toBe(lang);
      const where = `${lang} ${viewport.width}×${viewport.height}${settings ? ' 200% high-contrast' : ''} ${name} ${path}`;
      problems.push(...(await axeViolations(page, where)));
    }
    assertNone(problems, 'axe violations');
  }

  for (const viewport of viewports) {
    for (const lang of testLanguages) {
      it(`every page in ${lang} at ${viewport.width}×${viewport.height}`, () => scanEveryPage(lang, viewport));
    }
  }
  // Colours do not change with the screen size, so one size (the phone, where 200% text is hardest) is enough.
  const phone = viewports.find((v) => v.name === 'phone')!;
  for (const lang of testLanguages) {
    it(`every page in ${lang} at ${phone.width}×${phone.height}, 200% text and high contrast`, () =>
      scanEveryPage(lang, phone, largeHighContrast));
  }
});
