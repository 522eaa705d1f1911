import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { type E2E, startE2E } from '../support/e2e.ts';
import { signInThroughPage } from '../support/kiosk.ts';
import { testLanguages, text } from '../support/locales.ts';
import { expectHeading, goInApp, waitForServiceWorkerControl } from '../support/pages.ts';
import { assertNone } from '../support/report.ts';
import { minTarget, smallTargets } from '../support/targets.ts';
import { viewports } from '../support/viewports.ts';

/**
 * The plan in Chromium, against the real built app and the real service with its demo people, on
 * a personal tablet: "What's next" shows the life-sentence person's OASys review that looks late;
 * it still shows after a reload with the network cut; a progress note written offline reaches the
 * service exactly once when the network is back. Axe on every plan page, in English and Welsh, at
 * both sizes. Closing the browser fails the file on any Content-Security-Policy violation.
 */
const michael = { prisonNumber: 'B2345CD', pin: '305716' };
const note = 'I went to every work shift this week and helped two new mentors.';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ deviceMode: 'tablet' });
});
afterAll(() => e2e?.close());

const t = (key: string) => text('en', key);
const main = (page: Page) => page.getByRole('main');

describe('my sentence plan in a real browser', () => {
  it("What's next shows the review that looks late, also after a reload offline; a note written offline arrives once", async () => {
    const { page, browser, service } = e2e;
    await page.goto(e2e.url('/sign-in'));
    await waitForServiceWorkerControl(page);

    // 1. Michael signs in: "What's next", with his OASys review that looks late and one tap to ask.
    await signInThroughPage(page, michael);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    const late = main(page).locator('section', { has: page.getByRole('heading', { name: t('plan:whatsNext.lateTitle') }) });
    const review = late.locator('li', { has: page.getByRole('heading', { name: t('plan:reviews.due.oasysReview') }) });
    await review.getByText(t('plan:reviews.tag.looksLate')).waitFor();
    expect(await review.innerText()).toMatch(/It looks about [56] months late\./);
    expect(await review.getByRole('link', { name: t('plan:reviews.ask') }).getAttribute('href')).toBe('/applications/new/reviewMyOasys?about=oasysReviewLooksLate');
    const coming = await main(page).locator('section', { has: page.getByRole('heading', { name: t('plan:whatsNext.comingTitle') }) }).innerText();
    expect(coming).toMatch(/in \d{1,2} days \(\d{1,2} \w+ \d{4}\): Your OASys review for the pre-tariff sift/);

    // 2. The network goes; a reload signs him out (the key lives in memory). He unlocks offline: still there.
    await browser.context.setOffline(true);
    await page.reload({ waitUntil: 'load' });
    await page.goto(e2e.url('/sign-in')).catch(() => undefined);
    await signInThroughPage(page, michael);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await review.getByText(t('plan:reviews.tag.looksLate')).waitFor();

    // 3. Still offline: a note on a goal is saved on the device and waits.
    await main(page).getByRole('link', { name: 'Keep your job as a peer mentor' }).click();
    await expectHeading(page, 'Keep your job as a peer mentor');
    await page.getByRole('textbox', { name: t('plan:notes.label') }).fill(note);
    await page.getByRole('button', { name: t('plan:notes.save') }).click();
    const saved = page.locator('.app-note', { hasText: note });
    await saved.getByText(t('plan:notes.state.waiting'), { exact: true }).waitFor();
    const personId = (await service.store.getPerson(michael.prisonNumber))!.personId;
    expect(await service.store.listProgressNotes(personId)).toEqual([]);

    // 4. Back online: sent, and the service holds exactly one.
    await browser.context.setOffline(false);
    await saved.getByText(t('plan:notes.state.sent'), { exact: true }).waitFor({ timeout: 30_000 });
    const held = await service.store.listProgressNotes(personId);
    expect(held.map((n) => [n.objectiveId, n.text])).toEqual([['objective-4', note]]);
    // Another pass later (the page shown again) sends nothing more.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.waitForTimeout(1000);
    expect(await service.store.listProgressNotes(personId)).toHaveLength(1);
  });

  it(`every plan page passes axe, and every control is at least ${minTarget} px, in English and Welsh, on a desktop and a phone`, async () => {
    const { page } = e2e;
    const pages = [
      { path: '/', heading: 'plan:whatsNext.title' },
      { path: '/plan', heading: 'plan:title' },
      { path: '/plan/goals/objective-2', heading: null },
      { path: '/plan/timeline', heading: 'plan:timeline.title' },
      { path: '/plan/print', heading: 'plan:print.title' },
    ];
    const problems: string[] = [];
    for (const lang of testLanguages) {
      if ((await page.locator('html').getAttribute('lang')) !== lang) await page.getByRole('link', { name: lang === 'cy' ? 'Cymraeg' : 'English' }).click();
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      for (const viewport of viewports) {
        await page.setViewportSize(viewport);
        for (const { path, heading } of pages) {
          await goInApp(page, path);
          if (heading) await expectHeading(page, text(lang, heading), 15_000);
          else await expectHeading(page, 'Spend time on a Progression PIPE unit', 15_000);
          await page.locator('.app-read-aloud').first().waitFor();
          problems.push(...(await axeViolations(page, `${lang} ${viewport.name} ${path}`)));
          problems.push(...(await smallTargets(page)).map((p) => `[${lang} ${viewport.name} ${path}] small target: ${p}`));
        }
      }
    }
    await page.setViewportSize(viewports[0]);
    assertNone(problems, 'axe violations and small targets on the plan pages');
  });

  it('the print view on paper: the plan, name, prison number and date printed, with no menu, buttons or sign-out', async () => {
    const { page } = e2e;
    await goInApp(page, '/plan/print');
    const lang = ((await page.locator('html').getAttribute('lang')) ?? 'en') as 'en' | 'cy';
    await expectHeading(page, text(lang, 'plan:print.title'), 15_000);
    await main(page).getByText('B2345CD').waitFor();
    const shown = () =>
      page.evaluate(() => {
        const visible = (el: Element) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
        const controls = [...document.querySelectorAll('nav, header a, button:not(.app-term), .govuk-button, form, .app-read-aloud, .app-session-controls, .app-sync-indicator')];
        return { controls: controls.filter(visible).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`), text: document.querySelector('main')?.innerText ?? '' };
      });
    const onScreen = await shown();
    expect(onScreen.controls.length).toBeGreaterThan(0); // the menu, "Listen" and "Print" are there on screen
    await page.emulateMedia({ media: 'print' });
    try {
      const onPaper = await shown();
      expect(onPaper.controls).toEqual([]);
      expect(onPaper.text).toContain('B2345CD');
      expect(onPaper.text).toContain('Keep your job as a peer mentor');
      expect(onPaper.text).toContain(text(lang, 'plan:print.printed'));
      expect(onPaper.text).toContain(text(lang, 'plan:print.datesTitle'));
      expect(onPaper.text).not.toContain(text(lang, 'plan:print.askStaff'));
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});
