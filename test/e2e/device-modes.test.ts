import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { type E2E, startE2E } from '../support/e2e.ts';
import { demoPeople, localDatabases, personalTraces, signInThroughPage } from '../support/kiosk.ts';
import { text, testLanguages } from '../support/locales.ts';
import { expectHeading, openPage, waitForHeading } from '../support/pages.ts';
import { assertNone } from '../support/report.ts';
import { appRoutes, exampleUnknownPath, routesAndNotFound } from '../support/routes.ts';
import { viewports } from '../support/viewports.ts';

/**
 * Device modes, set by the deployment (DEVICE_MODE), in Chromium against the real built app and
 * service: `public` (families) offers no sign-in and stores nothing personal; `tablet` and
 * `kiosk` are locked down (no way out of the product, no files in or out, no new windows).
 */

const t = (key: string) => text('en', key);
const personalDeepLinks = ['/plan/goal-1', '/applications/new', '/sign-in/again'];
const everyAddress = [...routesAndNotFound.map(([, path]) => path), ...personalDeepLinks];

/** Waits until the app knows the deployment's mode (it is told by /config.json and remembers it). */
async function waitForMode(page: Page, mode: string): Promise<void> {
  await page.waitForFunction((want) => localStorage.getItem('spc.deviceMode') === want, mode);
}

describe('public mode (families)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ deviceMode: 'public' });
  });
  afterAll(() => e2e?.close());

  it('personal addresses, and any under them, are a plain page: no sign-in, no menu, no sync line', async () => {
    const { page } = e2e;
    // A page of the app (the family pages are not the app), so it learns the mode.
    await openPage(page, e2e.service.baseUrl, exampleUnknownPath);
    await waitForMode(page, 'public');
    const problems: string[] = [];
    for (const path of [appRoutes.signIn, appRoutes.plan, appRoutes.applications, ...personalDeepLinks]) {
      await openPage(page, e2e.service.baseUrl, path);
      await expectHeading(page, t('deviceModes.personalPage.title'));
      const found = await page.evaluate(() => ({
        fields: document.querySelectorAll('input, textarea, select').length,
        indicator: document.querySelectorAll('.app-sync-indicator').length,
        menu: document.querySelectorAll('nav.govuk-service-navigation__wrapper').length,
        buttons: [...document.querySelectorAll('button')].map((b) => b.textContent),
        links: [...document.querySelectorAll('a[href]')].map((a) => a.textContent),
      }));
      if (found.fields || found.indicator || found.menu || found.buttons.length) problems.push(`${path}: ${JSON.stringify(found)}`);
      if (found.links.some((link) => link === t('nav.signIn'))) problems.push(`${path}: a sign-in link`);
    }
    assertNone(problems, 'personal addresses with the app’s personal chrome');
  });

  it('the plain page passes axe in English and Welsh at both sizes', async () => {
    const { page } = e2e;
    const problems: string[] = [];
    for (const viewport of viewports) {
      await page.setViewportSize(viewport);
      for (const lang of testLanguages) {
        await page.evaluate((l) => localStorage.setItem('spc.language', l), lang);
        for (const path of [appRoutes.plan, '/sign-in/again']) {
          await openPage(page, e2e.service.baseUrl, path);
          await expectHeading(page, text(lang, 'deviceModes.personalPage.title'));
          problems.push(...(await axeViolations(page, `public ${lang} ${viewport.width}×${viewport.height} ${path}`)));
        }
      }
    }
    await page.evaluate(() => localStorage.removeItem('spc.language'));
    await page.setViewportSize(viewports[0]);
    assertNone(problems, 'axe violations');
  });

  it('after every page has been opened, the device holds nothing personal', async () => {
    const { page } = e2e;
    for (const path of everyAddress) {
      await page.goto(e2e.url(path));
      await waitForHeading(page);
    }
    const { names, devicePeople } = await localDatabases(page);
    expect(names.filter((name) => name.startsWith('spc-'))).toEqual([]);
    expect(devicePeople).toEqual([]);
    assertNone(await personalTraces(page, []), 'personal data on a family’s device');
    // Nothing locks the device down: families keep ordinary links and windows.
    expect(await page.evaluate(() => /native code/.test(String(window.open)))).toBe(true);
  });
});

/** What on this page could leave the product, pick a file, download or open a new window. */
function waysOut(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const describe = (el: Element) => `${location.pathname}: ${el.outerHTML.slice(0, 160)}`;
    for (const link of document.querySelectorAll<HTMLAnchorElement | HTMLAreaElement>('a[href], area[href]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin || !/^https?:$/.test(url.protocol)) found.push(`outside link ${describe(link)}`);
      if (link.hasAttribute('download')) found.push(`download ${describe(link)}`);
    }
    for (const el of document.querySelectorAll('[target]')) if (!['', '_self'].includes(el.getAttribute('target') ?? '')) found.push(`new window ${describe(el)}`);
    for (const el of document.querySelectorAll('input[type=file]')) found.push(`file picker ${describe(el)}`);
    if (/native code/.test(String(window.open))) found.push(`${location.pathname}: window.open is not locked`);
    return found;
  });
}

for (const mode of ['tablet', 'kiosk'] as const) {
  describe(`${mode} mode: locked down`, () => {
    let e2e: E2E;
    beforeAll(async () => {
      e2e = await startE2E({ deviceMode: mode });
    });
    afterAll(() => e2e?.close());

    it('no page has a way out: outside links, downloads, file pickers, new windows (signed out, and signed in)', async () => {
      const { page } = e2e;
      await openPage(page, e2e.service.baseUrl, appRoutes.home);
      await waitForMode(page, mode);
      const problems: string[] = [];
      for (const path of everyAddress) {
        await openPage(page, e2e.service.baseUrl, path);
        await page.waitForFunction(() => !/native code/.test(String(window.open)));
        problems.push(...(await waysOut(page)));
      }
      await page.goto(e2e.url(appRoutes.signIn));
      await signInThroughPage(page, demoPeople.chloe);
      await expectHeading(page, t('plan:whatsNext.title'), 20_000);
      await page.getByRole('main').getByText(demoPeople.chloe.goal).waitFor();
      problems.push(...(await waysOut(page)));
      await page.getByRole('navigation', { name: t('nav.label') }).getByRole('link', { name: t('nav.applications') }).click();
      await expectHeading(page, t('forms:applications.title'));
      problems.push(...(await waysOut(page)));
      assertNone(problems, 'ways out of the product');
    });

    it('even one that slipped in does nothing: an outside link, a download, a new tab, window.open, a file picker', async () => {
      const { page, browser } = e2e;
      await openPage(page, e2e.service.baseUrl, appRoutes.explainers);
      await page.waitForFunction(() => !/native code/.test(String(window.open)));
      const here = page.url();
      const opened: string[] = [];
      const onPage = (other: Page) => opened.push(other.url());
      browser.context.on('page', onPage);
      const events: string[] = [];
      page.on('download', () => events.push('download'));
      page.on('filechooser', () => events.push('file chooser'));
      await page.evaluate(() => {
        const add = (html: string) => document.querySelector('main')!.insertAdjacentHTML('beforeend', html);
        add('<p><a id="out" href="https://www.gov.uk/">Outside</a></p>');
        add('<p><a id="download" href="/icons/icon.svg" download>Download</a></p>');
        add('<p><a id="tab" href="/glossary" target="_blank">New tab</a></p>');
        add('<p><input id="file" type="file" aria-label="File"></p>');
      });
      await page.click('#out');
      await page.click('#download');
      await page.click('#tab');
      await page.click('#file');
      await page.getByRole('navigation', { name: t('nav.label') }).getByRole('link', { name: t('nav.glossary') }).click({ modifiers: ['ControlOrMeta'] });
      await page.getByRole('navigation', { name: t('nav.label') }).getByRole('link', { name: t('nav.glossary') }).click({ button: 'middle' });
      expect(await page.evaluate(() => window.open('/glossary', '_blank'))).toBeNull();
      await page.waitForTimeout(1000);
      browser.context.off('page', onPage);
      expect(page.url()).toBe(here);
      expect(opened).toEqual([]);
      expect(events).toEqual([]);
      expect(browser.context.pages()).toHaveLength(1);
    });
  });
}

describe('the Content-Security-Policy watch', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('catches a violation (so zero really means zero)', async () => {
    const { page, browser } = e2e;
    await openPage(page, e2e.service.baseUrl, appRoutes.home);
    expect(browser.cspViolations()).toEqual([]);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.title = "inline ran"';
      document.head.append(script);
    });
    // Both watches report it: the page's event and Chromium's console line.
    const sources = () => [...new Set(browser.cspViolations().map((line) => line.split(/[: ]/)[0]))].sort();
    await expect.poll(sources).toEqual(['console', 'event']);
    const caught = browser.takeCspViolations();
    expect(caught.join('\n')).toMatch(/script-src/);
    expect(await page.title()).not.toBe('inline ran');
  });
});
