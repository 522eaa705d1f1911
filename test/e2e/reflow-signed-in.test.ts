import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationShortcut, goalPath, newApplicationPath } from '../../src/app/later-paths.ts';
import { appRoutes } from '../../src/app/routes.ts';
import { axeViolations } from '../support/axe.ts';
import { type E2E, startE2E } from '../support/e2e.ts';
import { signInThroughPage } from '../support/kiosk.ts';
import { testLanguages, text, type TestLanguage } from '../support/locales.ts';
import { expectHeading, goInApp, openPage } from '../support/pages.ts';
import { measureReflow, reflowProblems } from '../support/reflow.ts';
import { assertNone } from '../support/report.ts';

/**
 * The pages a person sees once signed in, at 320 px wide with 200% text and high contrast, in
 * English and Welsh: no page scrolls sideways, nothing sticks out of its box, and axe finds no
 * violation. (reflow.test.ts and accessibility.test.ts open every page signed out, where these
 * show the sign-in prompt.) Michael, the demo's life-sentence person: five goals in staff's
 * words, and a review that looks late.
 */
const michael = { prisonNumber: 'B2345CD', pin: '305716' };

/** Each page, and what shows once it has what it needs: a heading, and the read-aloud bar where a page has one. */
const pages = (lang: TestLanguage) => [
  { path: appRoutes.home, heading: text(lang, 'plan:whatsNext.title'), readAloud: true },
  { path: appRoutes.plan, heading: text(lang, 'plan:title'), readAloud: true },
  { path: goalPath('objective-2'), heading: 'Spend time on a Progression PIPE unit', readAloud: true },
  { path: appRoutes.planTimeline, heading: text(lang, 'plan:timeline.title'), readAloud: true },
  { path: appRoutes.planPrint, heading: text(lang, 'plan:print.title'), readAloud: true },
  { path: appRoutes.applications, heading: text(lang, 'forms:applications.title'), readAloud: false },
  { path: newApplicationPath(), heading: text(lang, 'forms:choose.title'), readAloud: false },
  { path: applicationShortcut('reviewMyOasys', 'oasysReviewLooksLate'), heading: text(lang, 'forms:type.reviewMyOasys'), readAloud: false },
  { path: appRoutes.questionnaire, heading: text(lang, 'forms:questionnaire.title'), readAloud: false },
];

describe('signed in, 320 px wide, 200% text and high contrast: reflow and axe', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ deviceMode: 'tablet', context: { viewport: { width: 320, height: 640 } } });
  });
  afterAll(() => e2e?.close());

  it.each(testLanguages.map((lang) => [lang]))('every page a signed-in person sees, in %s', async (lang) => {
    const { page } = e2e;
    await openPage(page, e2e.service.baseUrl, appRoutes.home);
    await page.evaluate((l) => {
      localStorage.setItem('spc.language', l);
      localStorage.setItem('spc.displaySettings', JSON.stringify({ textSize: 200, highContrast: true, readableFont: false, reduceMotion: false }));
    }, lang);
    // A new page load reads the settings, and signs out whoever was signed in (the key is in memory).
    await openPage(page, e2e.service.baseUrl, appRoutes.signIn);
    await signInThroughPage(page, michael, lang);
    await expectHeading(page, text(lang, 'plan:whatsNext.title'), 20_000);
    const problems: string[] = [];
    for (const { path, heading, readAloud } of pages(lang)) {
      await goInApp(page, path);
      await expectHeading(page, heading, 15_000);
      if (readAloud) await page.locator('.app-read-aloud').first().waitFor();
      const measured = await measureReflow(page);
      if (!measured.textClass.includes('app-high-contrast')) problems.push(`[${lang} ${path}] high contrast is not applied`);
      problems.push(...reflowProblems(`${lang} ${path}`, measured));
      problems.push(...(await axeViolations(page, `${lang} 320 px 200% high contrast ${path}`)));
    }
    assertNone(problems, 'signed-in pages that scroll sideways or break axe');
  });

  it('the check finds what sticks out of a goal card out of sight', async () => {
    // Still signed in from the test before (the sign-in lives in memory).
    const { page } = e2e;
    await goInApp(page, appRoutes.plan);
    await page.locator('.app-read-aloud').first().waitFor();
    // The last card, far below the window at 200% text: content-visibility has not drawn it. A
    // box wider than the window goes in it (the app's own words wrap, however long).
    const outOfSight = await page.evaluate(() => {
      const cards = [...document.querySelectorAll<HTMLElement>('.app-plan-card')];
      const last = cards.at(-1)!;
      const wide = document.createElement('span');
      wide.className = 'too-wide';
      wide.style.setProperty('display', 'inline-block');
      wide.style.setProperty('width', '600px');
      wide.textContent = 'too wide';
      last.querySelector('p')!.append(wide);
      window.scrollTo(0, 0);
      return cards.length > 1 && last.getBoundingClientRect().top > 2 * window.innerHeight;
    });
    expect(outOfSight, 'the last goal card is far out of sight').toBe(true);
    const problems = reflowProblems('/plan with a box too wide', await measureReflow(page));
    expect(problems.join('\n')).toContain('<span class="too-wide">');
    await page.evaluate(() => document.querySelector('.too-wide')?.remove());
  });
});
