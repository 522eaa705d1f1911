import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoutes, topicPath } from '../../src/app/routes.ts';
import { type E2E, startE2E } from '../support/e2e.ts';
import { text } from '../support/locales.ts';
import { expectHeading, openPage } from '../support/pages.ts';

/**
 * Every move to another page (a menu link, a link in a page, Back and Forward) starts the view at
 * the top with focus on the new page's heading: the issue saw, at 200% text, the sign-in page open
 * 1,229 px down with focus on BODY.
 */

const t = (key: string) => text('en', key);
const largeText = JSON.stringify({ textSize: 200, highContrast: false, readableFont: false, reduceMotion: false });

/** Where the view is and what has focus, once the new page's heading reads `heading`. */
async function landed(page: Page, heading: string) {
  await expectHeading(page, heading);
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1', undefined, { timeout: 10_000 }).catch(() => undefined);
  return page.evaluate(() => ({
    y: Math.round(window.scrollY),
    focus: document.activeElement?.tagName ?? 'none',
    focusText: (document.activeElement?.textContent ?? '').trim(),
  }));
}

const menu = (page: Page) => page.getByRole('navigation', { name: t('nav.label') });

describe('focus and scroll on every page change', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('each menu link, from the bottom of a long page, lands at the top with focus on the heading', async () => {
    const { page } = e2e;
    const items: [key: string, heading: string][] = [
      ['nav.explainers', t('explainers.title')],
      ['nav.glossary', t('glossary.title')],
      ['nav.search', t('search.title')],
      ['nav.displaySettings', t('settings.title')],
      ['nav.signIn', t('signIn.title')],
      ['nav.home', t('home.title')],
    ];
    await openPage(page, e2e.service.baseUrl, appRoutes.glossary); // a long page
    for (const [key, heading] of items) {
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await menu(page).getByRole('link', { name: t(key), exact: true }).click();
      expect(await landed(page, heading), `after the menu link "${t(key)}"`).toEqual({ y: 0, focus: 'H1', focusText: heading });
    }
  });

  it('a link inside a page, Back and Forward do the same', async () => {
    const { page } = e2e;
    await openPage(page, e2e.service.baseUrl, appRoutes.explainers);
    const guide = await page.getByRole('main').getByRole('link').filter({ hasText: 'OASys' }).first();
    const guideTitle = (await guide.innerText()).trim();
    await guide.click();
    expect(await landed(page, guideTitle)).toEqual({ y: 0, focus: 'H1', focusText: guideTitle });
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.goBack();
    expect(await landed(page, t('explainers.title')), 'after Back').toEqual({ y: 0, focus: 'H1', focusText: t('explainers.title') });
    await page.goForward();
    expect(await landed(page, guideTitle), 'after Forward').toEqual({ y: 0, focus: 'H1', focusText: guideTitle });
  });

  it('at 200% text, the sign-in page opens at the top with focus on its heading (the case in the issue), on a desktop and a phone', async () => {
    const { page } = e2e;
    await openPage(page, e2e.service.baseUrl, '/');
    await page.evaluate((settings) => localStorage.setItem('spc.displaySettings', settings), largeText);
    try {
      for (const size of [
        { width: 1280, height: 800 },
        { width: 390, height: 844 },
      ]) {
        await page.setViewportSize(size);
        await openPage(page, e2e.service.baseUrl, topicPath('oasys'));
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        const toggle = menu(page).getByRole('button', { name: t('nav.label') });
        if (await toggle.isVisible()) await toggle.click();
        await menu(page).getByRole('link', { name: t('nav.signIn') }).click();
        expect(await landed(page, t('signIn.title')), `${size.width} px wide`).toEqual({ y: 0, focus: 'H1', focusText: t('signIn.title') });
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.evaluate(() => localStorage.removeItem('spc.displaySettings'));
    }
  });

  it('from the keyboard, the heading shows one focus outline, and the main content around it none', async () => {
    const { page } = e2e;
    await openPage(page, e2e.service.baseUrl, '/');
    await menu(page).getByRole('link', { name: t('nav.explainers') }).focus();
    await page.keyboard.press('Enter');
    await landed(page, t('explainers.title'));
    const outlines = await page.evaluate(() => {
      const style = (el: Element | null) => (el ? getComputedStyle(el) : null);
      const heading = style(document.activeElement);
      const main = style(document.getElementById('main-content'));
      return { heading: `${heading?.outlineStyle} ${heading?.outlineWidth}`, main: main?.outlineStyle };
    });
    expect(outlines).toEqual({ heading: 'solid 3px', main: 'none' });
  });

  it('a jump within a page (a letter of the A to Z) is not a page change: the view goes to the letter', async () => {
    const { page } = e2e;
    await openPage(page, e2e.service.baseUrl, appRoutes.glossary);
    await page.getByRole('navigation', { name: t('glossary.letters') }).getByRole('link', { name: 'P', exact: true }).click();
    await page.waitForTimeout(300);
    const where = await page.evaluate(() => ({ y: window.scrollY, hash: location.hash, focus: document.activeElement?.tagName }));
    expect(where.hash).toBe('#letter-P');
    expect(where.y).toBeGreaterThan(300);
    expect(where.focus).not.toBe('H1');
  });
});
