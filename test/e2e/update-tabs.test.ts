import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium } from '../support/chromium.ts';
import { text } from '../support/locales.ts';
import { expectHeading, waitForServiceWorkerControl } from '../support/pages.ts';
import { assertAppBuilt, distDir } from '../support/paths.ts';
import { type Service, startService } from '../support/service.ts';
import { answerRequired, detailsBox, startApplication } from '../support/applications.ts';

/**
 * An update applied in one tab never reloads another tab that holds typed words or a sign-in.
 * The built app is copied to a folder of its own and served by the real service; the test then
 * makes a second version of it in place (a changed index.html, and the service worker's precache
 * revision for it), as a deployment would, and Chromium finds the new service worker waiting.
 */
const person = { prisonNumber: 'A1234BC', pin: '482913', goal: 'Finish the Thinking Skills Programme' };
const words = 'Please can I see my POM? I am typing this while another tab updates the app.';
const t = (key: string) => text('en', key);
const versionMeta = 'meta[name="spc-test-version"]';

let dist: string;
let service: Service;
let browser: Browser;

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'spc-e2e-update-'));
  await cp(assertAppBuilt(distDir), dist, { recursive: true });
  // Precompressed copies would be served instead of the files this test changes.
  for (const name of await readdir(dist)) if (/\.(br|gz)$/.test(name)) await rm(join(dist, name));
  service = await startService({ deviceMode: 'tablet', dist });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  if (dist) await rm(dist, { recursive: true, force: true });
});

/** Deploys "version 2": a changed index.html, and a service worker whose precache says so. */
async function deploySecondVersion(): Promise<void> {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  await writeFile(join(dist, 'index.html'), html.replace('<head>', '<head><meta name="spc-test-version" content="2">'));
  const sw = await readFile(join(dist, 'sw.js'), 'utf8');
  const changed = sw.replace(/("revision":")[0-9a-f]+(","url":"index.html")/, '$1v2-of-index-html$2');
  if (changed === sw) throw new Error('Could not find index.html in the service worker\'s precache list.');
  await writeFile(join(dist, 'sw.js'), changed);
}

/** Marks a tab, so a reload (which forgets the mark) can be seen. */
async function mark(page: Page, name: string): Promise<void> {
  await page.evaluate((value) => void ((window as unknown as { spcTab?: string }).spcTab = value), name);
}
const markOf = (page: Page) => page.evaluate(() => (window as unknown as { spcTab?: string }).spcTab ?? null);

describe('service-worker updates and other tabs', () => {
  it('the tab that chose "Update now" reloads into the new version; the tab with typed words and a sign-in does not, and keeps them', async () => {
    const base = service.baseUrl;
    const tabA = browser.context.pages()[0] ?? (await browser.context.newPage());
    await tabA.goto(base + '/');
    await expectHeading(tabA, t('home.title'));
    await waitForServiceWorkerControl(tabA);

    // Tab B: signed in, half-way through an application.
    const tabB = await browser.context.newPage();
    let loadsOfB = 0;
    tabB.on('load', () => (loadsOfB += 1));
    await tabB.goto(base + '/sign-in');
    await expectHeading(tabB, t('signIn.title'));
    expect(await tabB.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await tabB.getByRole('textbox', { name: t('signIn.prisonNumberLabel') }).fill(person.prisonNumber);
    const pad = tabB.getByRole('group', { name: t('signIn.padLabel') });
    for (const digit of person.pin) await pad.getByRole('button', { name: digit, exact: true }).click();
    await tabB.getByRole('main').getByRole('button', { name: t('signIn.submit') }).click();
    await tabB.getByText(person.goal).waitFor({ timeout: 20_000 });
    await startApplication(tabB, 'seeMyPom');
    await answerRequired(tabB, 'seeMyPom');
    await detailsBox(tabB).fill(words);
    await mark(tabA, 'a');
    await mark(tabB, 'b');
    const loadsBefore = loadsOfB;

    // Version 2 is deployed; tab A finds it waiting and the person there chooses to update.
    await deploySecondVersion();
    await tabA.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    await tabA.getByRole('button', { name: t('update.now') }).click({ timeout: 30_000 });
    await tabA.waitForFunction((selector) => !('spcTab' in window) && document.querySelector(selector) !== null, versionMeta, { timeout: 30_000 });
    await expectHeading(tabA, t('home.title'));

    // Tab B: the new worker now controls it, yet it has not reloaded, and nothing typed is lost.
    await tabB.waitForFunction(
      () => navigator.serviceWorker.controller !== null && navigator.serviceWorker.controller.state === 'activated',
      undefined,
      { timeout: 10_000 },
    );
    await tabB.waitForTimeout(1500);
    expect(await markOf(tabB)).toBe('b');
    expect(loadsOfB).toBe(loadsBefore);
    expect(await tabB.locator(versionMeta).count()).toBe(0);
    expect(await detailsBox(tabB).inputValue()).toBe(words);
    expect(await tabB.getByRole('radio', { name: t('forms:field.howSoon.options.soon') }).isChecked()).toBe(true);
    // It says so instead, and offers nothing that would reload it.
    await tabB.getByText(t('update.afterSignOut')).waitFor({ timeout: 5000 });
    expect(await tabB.getByRole('button', { name: t('update.now') }).count()).toBe(0);

    // The person sends it, signs out and reads the notice: still no reload under their eyes.
    await tabB.getByRole('button', { name: t('forms:form.submit') }).click();
    await tabB.getByText(t('forms:form.saved')).waitFor();
    await tabB.getByRole('button', { name: t('session.signOut') }).click();
    await tabB.getByText(t('session.signedOut')).waitFor({ timeout: 15_000 });
    await tabB.waitForTimeout(1000);
    expect(await markOf(tabB)).toBe('b');
    // Moving on (nothing to lose now) brings the new version.
    await tabB.getByRole('navigation', { name: t('nav.label') }).getByRole('link', { name: t('nav.explainers') }).click();
    await tabB.waitForFunction((selector) => !('spcTab' in window) && document.querySelector(selector) !== null, versionMeta, { timeout: 30_000 });
    await expectHeading(tabB, t('explainers.title'));
  });
});
