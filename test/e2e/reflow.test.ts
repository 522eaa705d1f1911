import { afterAll, beforeAll, describe, it } from 'vitest';
import { type E2E, startE2E } from '../support/e2e.ts';
import { testLanguages } from '../support/locales.ts';
import { openPage } from '../support/pages.ts';
import { assertNone } from '../support/report.ts';
import { measureReflow, reflowProblems } from '../support/reflow.ts';
import { routesAndNotFound } from '../support/routes.ts';

describe('reflow: no sideways scrolling at 320 px wide with 200% text', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ context: { viewport: { width: 320, height: 640 } } });
  });
  afterAll(() => e2e?.close());

  it.each(testLanguages.map((lang) => [lang]))('every page, in %s', async (lang) => {
    const { page } = e2e;
    await openPage(page, e2e.service.baseUrl, '/');
    await page.evaluate((l) => {
      localStorage.setItem('spc.language', l);
      localStorage.setItem(
        'spc.displaySettings',
        JSON.stringify({ textSize: 200, highContrast: false, readableFont: false, reduceMotion: false }),
      );
    }, lang);
    const problems: string[] = [];
    for (const [name, path] of routesAndNotFound) {
      await openPage(page, e2e.service.baseUrl, path);
      problems.push(...reflowProblems(`${lang} ${name} ${path}`, await measureReflow(page)));
    }
    assertNone(problems, 'pages that scroll sideways');
  });
});
