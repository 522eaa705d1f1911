import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { type E2E, startE2E } from '../support/e2e.ts';
import { type DemoPerson, demoPeople, fieldsWithAutofill, localDatabases, personalTraces, signInThroughPage, signOutThroughPage } from '../support/kiosk.ts';
import { text } from '../support/locales.ts';
import { expectHeading, waitForHeading, waitForServiceWorkerControl } from '../support/pages.ts';
import { assertNone } from '../support/report.ts';
import { answerRequired, detailsBox, startApplication } from '../support/applications.ts';

/**
 * A shared wing kiosk, in Chromium against the real built app and the real service in kiosk mode:
 * one browser profile is the kiosk, used by one person after another.
 */

const { michael: a, chloe: b } = demoPeople;
const t = (key: string) => text('en', key);
const words = 'Please can I have a copy of my OASys? Written at the kiosk while it was offline.';

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close(); // also fails the test if any page broke the Content-Security-Policy
  e2e = undefined;
});

async function open(): Promise<E2E> {
  e2e = await startE2E({ deviceMode: 'kiosk' });
  return e2e;
}

const menuLink = (e: E2E, key: string) => e.page.getByRole('navigation', { name: t('nav.label') }).getByRole('link', { name: t(key) });
const indicator = (e: E2E) => e.page.locator('.app-sync-indicator');
const personIdOf = async (e: E2E, prisonNumber: string) => (await e.service.store.getPerson(prisonNumber))!.personId;

/** Nothing of `who` anywhere a next person could look, and Back never brings their pages back. */
async function expectNoTraces(e: E2E, secrets: string[]): Promise<void> {
  assertNone(await personalTraces(e.page, secrets), 'traces of the last person');
  const start = e.page.url();
  for (let step = 0; step < 6; step += 1) {
    await e.page.goBack({ waitUntil: 'commit' }).catch(() => null);
    if (!e.page.url().startsWith(e.service.baseUrl)) break; // back before the kiosk's first page
    await waitForHeading(e.page);
    assertNone(await personalTraces(e.page, secrets), `traces after going back ${step + 1} times (${e.page.url()})`);
  }
  await e.page.goto(start);
  await waitForHeading(e.page);
}

describe('a shared wing kiosk', () => {
  it('two people, offline and online: B never sees A’s data; A’s queued item arrives exactly once; each person’s data leaves once nothing waits', async () => {
    const e = await open();
    const { page, browser } = e;
    const [aId, bId] = [await personIdOf(e, a.prisonNumber), await personIdOf(e, b.prisonNumber)];

    // The kiosk has the app installed (its service worker serves every page, offline too).
    await page.goto(e.url('/sign-in'));
    await waitForServiceWorkerControl(page);

    // A signs in online, goes offline and makes an application: it waits on the kiosk.
    await signInThroughPage(page, a);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await page.getByRole('main').getByText(a.goal).waitFor();
    assertNone(await fieldsWithAutofill(page), 'fields a browser may remember');
    await startApplication(page, 'copyOfOasys');
    assertNone(await fieldsWithAutofill(page), 'fields a browser may remember');
    await browser.context.setOffline(true);
    await answerRequired(page, 'copyOfOasys');
    await detailsBox(page).fill(words);
    await page.getByRole('button', { name: t('forms:form.submit') }).click();
    await indicator(e).getByText(/Waiting: 1/).waitFor();

    // A signs out, still offline: the item stays, sealed, and so does A's data; nothing shows.
    await page.getByRole('button', { name: t('session.signOut'), exact: true }).click();
    await page.getByText(/Things not sent yet: 1/).waitFor({ timeout: 15_000 });
    expect((await localDatabases(page)).devicePeople).toEqual([aId]);
    expect((await localDatabases(page)).names).toContain(`spc-person-${aId}`);
    await expectNoTraces(e, [a.name, a.goal, words]);

    // Back online, B signs in: B sees only B's plan and no application of A's.
    await browser.context.setOffline(false);
    await signInThroughPage(page, b);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await page.getByRole('main').getByText(b.goal).waitFor();
    await menuLink(e, 'nav.applications').click();
    await page.getByRole('main').getByText(t('forms:applications.listNone')).waitFor();
    assertNone(await personalTraces(page, [a.name, a.goal, words]), 'A’s data while B is signed in');
    // A's item has not gone yet: today it leaves with A's next sign-in on this kiosk.
    expect(await e.service.store.listApplications(aId)).toEqual([]);

    // B signs out with nothing waiting: B's data leaves the kiosk at once.
    await signOutThroughPage(page);
    await expect.poll(async () => (await localDatabases(page)).devicePeople).toEqual([aId]);
    expect((await localDatabases(page)).names).not.toContain(`spc-person-${bId}`);
    await expectNoTraces(e, [b.name, b.goal, a.name, a.goal, words]);

    // A comes back while the kiosk is offline: their data is still here, so it unlocks offline.
    await browser.context.setOffline(true);
    await signInThroughPage(page, a);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await page.getByRole('main').getByText(a.goal).waitFor();
    await indicator(e).getByText(/Waiting: 1/).waitFor();
    // The network comes back: the item is sent, exactly once, as A's; B has nothing.
    await browser.context.setOffline(false);
    await indicator(e).getByText(t('syncStatus.upToDate')).waitFor({ timeout: 30_000 });
    expect((await e.service.store.listApplications(aId)).map((application) => application.details)).toEqual([words]);
    expect(await e.service.store.listApplications(bId)).toEqual([]);

    // A signs out with nothing waiting: nothing of anyone is left on the kiosk.
    await signOutThroughPage(page);
    await expect.poll(async () => (await localDatabases(page)).devicePeople).toEqual([]);
    expect((await localDatabases(page)).names.filter((name) => name.startsWith('spc-person-'))).toEqual([]);
    await expectNoTraces(e, [a.name, a.goal, words, b.name, b.goal]);
    expect(await e.service.store.listApplications(aId)).toHaveLength(1);
  });

  it('idle warning over a hidden page, "I need more time", then an idle sign-out mid-form with the draft intact', async () => {
    const e = await open();
    const { page } = e;
    // The kiosk's real idle times (2 minutes, warning 30 seconds before), on a clock the test moves.
    await page.clock.install();
    await page.goto(e.url('/sign-in'));
    await signInThroughPage(page, a);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await startApplication(page, 'seeMyPom');
    const details = detailsBox(page);
    await details.fill('Half a thought');

    await page.clock.fastForward(91_000);
    const warning = page.getByRole('alertdialog', { name: t('session.idleTitle') });
    await warning.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(t('session.idleMore'));
    // A passer-by cannot read the page behind, and nothing behind can be reached.
    expect(await page.getByRole('main').isVisible()).toBe(false);
    expect(await page.getByText(a.goal).count()).toBe(0);
    expect(await page.getByRole('button', { name: t('session.signOut'), exact: true }).count()).toBe(0);
    expect(await page.getByRole('link').count()).toBe(0);
    assertNone(await axeViolations(page, 'kiosk idle warning'), 'axe violations');

    await warning.getByRole('button', { name: t('session.idleMore') }).click();
    await warning.waitFor({ state: 'detached' });
    expect(await page.getByRole('main').isVisible()).toBe(true);
    await expect.poll(() => details.inputValue()).toBe('Half a thought');
    await details.pressSequentially(', and more');

    // No touch for the whole time: the warning, then the sign-out.
    await page.clock.fastForward(91_000);
    await warning.waitFor();
    await page.clock.fastForward(31_000);
    await page.getByText(t('session.signedOutIdle')).waitFor({ timeout: 15_000 });
    await page.getByText(t('session.draftSaved')).waitFor({ timeout: 15_000 });
    assertNone(await personalTraces(page, [a.name, a.goal, 'Half a thought']), 'traces after the idle sign-out');
    // The draft keeps A's data on the kiosk (sealed) until A comes back for it.
    expect((await localDatabases(page)).devicePeople).toEqual([await personIdOf(e, a.prisonNumber)]);

    await signInThroughPage(page, a);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await startApplication(page, 'seeMyPom');
    await expect.poll(() => detailsBox(page).inputValue()).toBe('Half a thought, and more');
    await page.getByText(t('forms:form.draftKept')).waitFor();
  });

  it('the next person gets the kiosk’s default display settings and language, also after a reload mid-sign-in', async () => {
    const e = await open();
    const { page } = e;
    const classes = () => page.evaluate(() => document.documentElement.className.split(' ').filter((c) => c.startsWith('app-')));
    const lang = () => page.evaluate(() => document.documentElement.lang);

    /** Signs in as `who` and chooses 200% text, high contrast and Welsh. */
    const signInAndChoose = async (who: DemoPerson) => {
      await signInThroughPage(page, who);
      await expectHeading(page, t('plan:whatsNext.title'), 20_000);
      await page.getByRole('contentinfo').getByRole('link', { name: t('nav.displaySettings') }).click();
      await expectHeading(page, t('settings.title'));
      await page.getByLabel(t('settings.textSize.veryLarge')).check();
      await page.getByLabel(t('settings.other.highContrast')).check();
      await page.getByRole('navigation', { name: t('language.label') }).getByRole('link', { name: 'Cymraeg' }).click();
      await expectHeading(page, text('cy', 'settings.title'));
      expect(await classes()).toEqual(expect.arrayContaining(['app-text-200', 'app-high-contrast']));
    };
    const expectDefaults = async () => {
      expect(await lang()).toBe('en');
      expect(await classes()).toEqual([]);
    };

    await page.goto(e.url('/sign-in'));
    await signInAndChoose(a);
    await signOutThroughPage(page, 'cy');
    await expectHeading(page, t('home.title'));
    await expectDefaults();
    await page.reload();
    await expectHeading(page, t('home.title'));
    await expectDefaults();

    // The next person: English, 100% text, standard colours, and the settings page says so.
    await signInThroughPage(page, b);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await expectDefaults();
    await page.getByRole('contentinfo').getByRole('link', { name: t('nav.displaySettings') }).click();
    expect(await page.getByLabel(t('settings.textSize.normal')).isChecked()).toBe(true);
    expect(await page.getByLabel(t('settings.other.highContrast')).isChecked()).toBe(false);
    await signOutThroughPage(page);

    // A sign-in that ends without sign-out (the page is reloaded): the next start has the defaults.
    await page.goto(e.url('/sign-in'));
    await signInAndChoose(b);
    await page.reload();
    await expectHeading(page, t('settings.title'));
    await expectDefaults();
    expect(await page.getByRole('button', { name: t('session.signOut') }).count()).toBe(0);
  });
});
