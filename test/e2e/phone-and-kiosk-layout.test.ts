import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { appRoutes, topicPath } from '../../src/app/routes.ts';
import { axeViolations } from '../support/axe.ts';
import { type E2E, startE2E } from '../support/e2e.ts';
import { demoPeople, signInThroughPage } from '../support/kiosk.ts';
import { text, type TestLanguage } from '../support/locales.ts';
import { expectHeading, openPage } from '../support/pages.ts';
import { assertNone } from '../support/report.ts';

/** The menu on a phone (GOV.UK's menu button) and a wing kiosk's layout (large sign-in and sign-out). */

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

const phone = { width: 390, height: 844 };
const largeText = JSON.stringify({ textSize: 200, highContrast: false, readableFont: false, reduceMotion: false });
const menu = (page: Page, lang: TestLanguage = 'en') => page.getByRole('navigation', { name: text(lang, 'nav.label') });

/** Where the page's own content starts (the top of its h1), and whether the menu's links show. */
const layout = (page: Page) =>
  page.evaluate(() => ({
    headingTop: Math.round(document.querySelector('main h1')?.getBoundingClientRect().top ?? -1),
    linksShown: [...document.querySelectorAll('.govuk-service-navigation__list a')].filter((a) => a.checkVisibility()).length,
  }));

describe('the menu on a phone', () => {
  it('at 390 px the menu waits behind a "Menu" button, so the page comes first; it opens, goes, and folds again', async () => {
    e2e = await startE2E({ context: { viewport: phone } });
    const { page } = e2e;
    for (const lang of ['en', 'cy'] as const) {
      await openPage(page, e2e.service.baseUrl, '/');
      await page.evaluate((l) => localStorage.setItem('spc.language', l), lang);
      await openPage(page, e2e.service.baseUrl, topicPath('oasys'));
      const toggle = menu(page, lang).getByRole('button', { name: text(lang, 'nav.label') });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      const folded = await layout(page);
      expect(folded.linksShown, `${lang}: no menu link shows while folded`).toBe(0);
      expect(folded.headingTop, `${lang}: the page's heading starts near the top`).toBeLessThan(260);

      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      expect((await layout(page)).linksShown).toBe(6); // home, guides, words, search, display settings, sign in
      assertNone(await axeViolations(page, `${lang} 390 px, menu open`), 'axe violations');

      await menu(page, lang).getByRole('link', { name: text(lang, 'nav.glossary') }).click();
      await expectHeading(page, text(lang, 'glossary.title'));
      expect(await toggle.getAttribute('aria-expanded'), `${lang}: the menu folds on the new page`).toBe('false');
      expect((await layout(page)).linksShown).toBe(0);
    }
  });

  it('folded at 200% text too; on a desktop there is no menu button and every link shows', async () => {
    e2e = await startE2E({ context: { viewport: phone } });
    const { page } = e2e;
    await openPage(page, e2e.service.baseUrl, '/');
    await page.evaluate((settings) => localStorage.setItem('spc.displaySettings', settings), largeText);
    await openPage(page, e2e.service.baseUrl, appRoutes.explainers);
    expect((await layout(page)).linksShown).toBe(0);
    assertNone(await axeViolations(page, 'en 390 px 200%, menu folded'), 'axe violations');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await menu(page).getByRole('button').count()).toBe(0);
    expect((await layout(page)).linksShown).toBe(6);
  });
});

/** Height of what a locator finds, in CSS px. */
const height = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())?.height ?? 0;

describe('a wing kiosk', () => {
  it('sign in and sign out are at least 64 px high, sign out is also at the foot of the page, and the menu is never folded', async () => {
    e2e = await startE2E({ deviceMode: 'kiosk' });
    const { page } = e2e;
    const t = (key: string) => text('en', key);
    for (const size of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      await openPage(page, e2e.service.baseUrl, '/');
      expect(await page.evaluate(() => document.documentElement.dataset.deviceMode)).toBe('kiosk');
      expect((await layout(page)).linksShown, `${size.width} px: every menu link in sight`).toBe(6);
      const signInLink = menu(page).getByRole('link', { name: t('nav.signIn') });
      expect((await signInLink.boundingBox())!.height, `${size.width} px: the Sign in link`).toBeGreaterThanOrEqual(64);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await openPage(page, e2e.service.baseUrl, appRoutes.signIn);
    expect(await height(page, '.app-sign-in__submit'), 'the sign-in button').toBeGreaterThanOrEqual(64);

    await signInThroughPage(page, demoPeople.michael);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    const header = page.getByRole('banner').getByRole('button', { name: t('session.signOut'), exact: true });
    const foot = page.getByRole('main').getByRole('button', { name: t('session.signOutAtFoot') });
    await foot.waitFor();
    expect((await header.boundingBox())!.height, 'Sign out in the header').toBeGreaterThanOrEqual(64);
    expect((await foot.boundingBox())!.height, 'Sign out at the foot').toBeGreaterThanOrEqual(64);
    // At the foot: below everything else the page shows.
    const atFoot = await page.evaluate(() => {
      const button = document.querySelector('.app-sign-out-at-foot');
      const main = document.getElementById('main-content');
      return !!button && !!main && button.getBoundingClientRect().bottom >= Math.max(...[...main.children].map((c) => c.getBoundingClientRect().bottom)) - 1;
    });
    expect(atFoot).toBe(true);
    assertNone(await axeViolations(page, 'kiosk, signed in, plan'), 'axe violations');

    // 200% text (chosen for this sign-in: a reload on a kiosk would sign out): still large, and the foot one signs out.
    await menu(page).getByRole('link', { name: t('nav.displaySettings') }).click();
    await page.getByRole('radio', { name: t('settings.textSize.veryLarge') }).check();
    await menu(page).getByRole('link', { name: t('nav.plan') }).click();
    await expectHeading(page, t('plan:title'));
    expect(await page.evaluate(() => document.documentElement.classList.contains('app-text-200'))).toBe(true);
    expect(await height(page, '.app-sign-out-at-foot button')).toBeGreaterThanOrEqual(128);
    assertNone(await axeViolations(page, 'kiosk, signed in, plan, 200%'), 'axe violations');
    await page.getByRole('main').getByRole('button', { name: t('session.signOutAtFoot') }).click();
    await page.getByText(t('session.signedOut')).waitFor({ timeout: 15_000 });
    await expectHeading(page, t('home.title'));
  });
});
