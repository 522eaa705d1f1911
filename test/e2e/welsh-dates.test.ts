import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from '../support/e2e.ts';
import { text } from '../support/locales.ts';
import { expectHeading, openPage, waitForServiceWorkerControl } from '../support/pages.ts';
import { assertServiceDown } from '../support/service.ts';

/**
 * Welsh dates and waits in Debian's Chromium, whose Intl has no Welsh date, number or
 * relative-time data (Intl.DateTimeFormat('cy') writes "June 1, 2026"). The real built app and the
 * real service, with the demo people.
 */
const personA = { prisonNumber: 'A1234BC', pin: '482913' };
// Wrong PINs go to another person's number, so A is not held up by the wait they cause.
const guessed = { prisonNumber: 'B2345CD', pin: '111111' };

const welshMonths = ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'];
const englishMonth = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/;
const welshDate = new RegExp(`\\b\\d{1,2} (${welshMonths.join('|')}) \\d{4}\\b`, 'g');
const cy = (key: string) => text('cy', key);
const escape = (words: string | undefined) => (words ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('Welsh dates and waits in a browser without Welsh locale data', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('the plan shows Welsh dates only, and the wait after five wrong PINs is in Welsh', async () => {
    const { page } = e2e;
    // What this browser lacks (recorded, so a newer Chromium with Welsh data is noticed).
    const browserWelsh = await page.evaluate(() => ({
      dates: Intl.DateTimeFormat.supportedLocalesOf(['cy']),
      relative: Intl.RelativeTimeFormat.supportedLocalesOf(['cy']),
    }));
    console.log(`Chromium's own Intl data for Welsh: dates ${JSON.stringify(browserWelsh.dates)}, relative time ${JSON.stringify(browserWelsh.relative)}`);

    await openPage(page, e2e.service.baseUrl, '/');
    await page.getByRole('link', { name: 'Cymraeg' }).click();
    await expectHeading(page, cy('home.title'));

    // Five wrong PINs: the wait is said in Welsh words.
    await page.getByRole('navigation', { name: cy('nav.label') }).getByRole('link', { name: cy('nav.signIn') }).click();
    await expectHeading(page, cy('signIn.title'));
    const main = page.getByRole('main');
    const signIn = async (who: { prisonNumber: string; pin: string }) => {
      await page.getByRole('textbox', { name: cy('signIn.prisonNumberLabel') }).fill(who.prisonNumber);
      const pad = page.getByRole('group', { name: cy('signIn.padLabel') });
      for (const digit of who.pin) await pad.getByRole('button', { name: digit, exact: true }).click();
      await main.getByRole('button', { name: cy('signIn.submit') }).click();
    };
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await signIn(guessed);
      await page.getByRole('alert').getByText(attempt < 5 ? cy('signIn.errors.wrongPin') : /Arhoswch/).waitFor();
    }
    const alert = (await page.getByRole('alert').innerText()).trim();
    const [before, after] = cy('signIn.errors.tooSoon').split('{{time}}').map(escape);
    expect(alert).toMatch(new RegExp(`${before}(30|29|28) eiliad${after}`));
    expect(alert).not.toMatch(/seconds?/);
    const timer = (await page.getByRole('timer').innerText()).trim();
    expect(timer).toMatch(/^Amser ar ôl i aros: (30|29|28) eiliad$/);

    // A signs in (on a fresh page: the form's wait was for B): every date on the plan page is a
    // Welsh date, and no English month is left.
    await openPage(page, e2e.service.baseUrl, '/sign-in');
    await expectHeading(page, cy('signIn.title'));
    await signIn(personA);
    await expectHeading(page, cy('plan:whatsNext.title'), 20_000);
    await main.getByRole('link', { name: cy('plan:whatsNext.seeMyPlan') }).click();
    await expectHeading(page, cy('plan:title'));
    await main.getByRole('heading', { name: cy('plan:overview.datesTitle') }).waitFor();
    // The first goal card is drawn. innerText leaves out the cards that content-visibility has
    // not drawn (out of sight, or not yet drawn), so the page's text is read whole.
    await main.getByRole('link', { name: 'Finish the Thinking Skills Programme' }).waitFor({ state: 'visible' });
    const body = (await main.textContent()) ?? '';
    const dates = body.match(welshDate) ?? [];
    // When the plan was updated, each of the 4 goals' "do by" dates and the 3 next dates.
    expect(dates.length, `Welsh dates on the plan page:\n${body}`).toBeGreaterThanOrEqual(8);
    expect(body, 'an English month name on the Welsh plan page').not.toMatch(englishMonth);
    const updated = cy('plan:updatedFromPrison').split('{{date}}')[0]!;
    expect(body).toMatch(new RegExp(`${escape(updated)}\\d{1,2} (${welshMonths.join('|')}) \\d{4}\\.`));
  });

  it('Welsh, first chosen offline after one visit in English, comes from the cache: words and dates', async () => {
    const offline = await startE2E();
    try {
      const { page } = offline;
      const baseUrl = offline.service.baseUrl;
      await openPage(page, baseUrl, '/');
      await expectHeading(page, text('en', 'home.title'));
      await waitForServiceWorkerControl(page);
      await offline.service.stop();
      await assertServiceDown(baseUrl);
      await offline.browser.context.setOffline(true);

      await page.getByRole('link', { name: 'Cymraeg' }).click();
      await expectHeading(page, cy('home.title'));
      await page.goto(`${baseUrl}/explainers/getting-help`);
      const checked = cy('explainers.checkedOn').replace('{{date}}', '23 Tachwedd 2026');
      await page.getByText(checked).waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(englishMonth);
    } finally {
      await offline.close();
    }
  });
});
