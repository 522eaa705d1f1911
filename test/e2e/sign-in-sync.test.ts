import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { seedDemoData } from '../../src/server/demo/index.ts';
import { openStore } from '../../src/server/store/index.ts';
import type { Store } from '../../src/server/store/store.ts';
import { axeViolations } from '../support/axe.ts';
import { type Browser, launchChromium } from '../support/chromium.ts';
import { text } from '../support/locales.ts';
import { expectHeading, waitForServiceWorkerControl } from '../support/pages.ts';
import { assertAppBuilt } from '../support/paths.ts';
import { assertNone } from '../support/report.ts';
import { listedApplication, openApplications, sendApplication } from '../support/applications.ts';

/**
 * Sign-in and offline sync, in Chromium against the real built app and the real service, on one
 * browser profile shared by two people (a wing kiosk). The store is opened here so the test can
 * check what the service really holds. Closing the browser fails the file on any CSP violation.
 */
const personA = { prisonNumber: 'A1234BC', pin: '482913', goal: 'Finish the Thinking Skills Programme' };
const personB = { prisonNumber: 'B2345CD', pin: '305716', goal: 'Keep your job as a peer mentor' };
const words = 'Please can I have a copy of my OASys? Sent from the end-to-end test.';

let store: Store;
let server: FastifyInstance;
let dataDir: string;
let baseUrl: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const dist = assertAppBuilt();
  dataDir = await mkdtemp(join(tmpdir(), 'spc-e2e-sync-'));
  store = await openStore({ dataDir });
  await seedDemoData(store);
  server = await buildServer({ store, distDir: dist, deviceMode: 'kiosk', logger: false });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  baseUrl = `http://127.0.0.1:${address.port}`;
  browser = await launchChromium();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await stopServer();
  }
});

async function stopServer(): Promise<void> {
  if (server) {
    const closing = server.close();
    server.server.closeAllConnections();
    await closing;
  }
  await store?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}

const t = (key: string) => text('en', key);
const main = () => page.getByRole('main');
const indicator = () => page.locator('.app-sync-indicator');

async function signIn(who: { prisonNumber: string; pin: string }): Promise<void> {
  if (!page.url().endsWith('/sign-in')) await page.getByRole('navigation', { name: t('nav.label') }).getByRole('link', { name: t('nav.signIn') }).click();
  await expectHeading(page, t('signIn.title'));
  const number = page.getByRole('textbox', { name: t('signIn.prisonNumberLabel') });
  await number.fill(who.prisonNumber);
  const pad = page.getByRole('group', { name: t('signIn.padLabel') });
  for (const digit of who.pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await main().getByRole('button', { name: t('signIn.submit') }).click();
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: t('session.signOut'), exact: true }).click();
  await page.getByText(t('session.signedOut')).waitFor({ timeout: 15_000 });
}

async function axe(where: string): Promise<void> {
  assertNone(await axeViolations(page, where), 'axe violations');
}

describe('sign-in and offline sync in a real browser', () => {
  it('A signs in, queues an application offline, it is sent once; B cannot see A; A’s data has left the kiosk; five wrong PINs wait', async () => {
    // 1. A signs in online: the plan is pulled and shown.
    await page.goto(`${baseUrl}/sign-in`);
    // The app is installed first (its pages cached by the service worker), as after any first
    // visit: a page never opened cannot load offline before that (on a loaded machine the test
    // once went offline before it had finished, and the applications page could not load).
    await waitForServiceWorkerControl(page);
    await signIn(personA);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await main().getByText(personA.goal).waitFor();
    await indicator().getByText(t('syncStatus.upToDate')).waitFor();
    await axe('plan, signed in');

    // 2. Offline: the application is saved on the device and waits.
    await browser.context.setOffline(true);
    await sendApplication(page, 'copyOfOasys', words);
    await indicator().getByText(/Waiting: 1/).waitFor();
    await openApplications(page);
    const item = listedApplication(page, words);
    await item.getByText(t('forms:status.waiting'), { exact: true }).waitFor();
    await axe('applications, one waiting');

    // 3. Back online: it is sent, and the service holds exactly one.
    await browser.context.setOffline(false);
    await item.getByText(t('forms:status.sent'), { exact: true }).waitFor({ timeout: 20_000 });
    await indicator().getByText(t('syncStatus.upToDate')).waitFor({ timeout: 20_000 });
    const a = await store.getPerson(personA.prisonNumber);
    const held = await store.listApplications(a!.personId);
    expect(held.map((application) => application.details)).toEqual([words]);

    // 4. A signs out; B signs in on the same browser profile and sees nothing of A's.
    await signOut();
    await signIn(personB);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await main().getByText(personB.goal).waitFor();
    expect(await page.getByText(personA.goal).count()).toBe(0);
    await openApplications(page);
    await main().getByText(t('forms:applications.listNone')).waitFor();
    expect(await page.getByText(words).count()).toBe(0);
    await signOut();

    // 5. Nothing of A's waited at sign-out, so on a kiosk A's data has left the device: OFFLINE,
    //    the same PIN cannot open anything here (offline unlock with something waiting: kiosk.test.ts).
    await browser.context.setOffline(true);
    await signIn(personA);
    await page.getByRole('alert').getByText(t('signIn.errors.needsConnection')).waitFor();
    await browser.context.setOffline(false);

    // 6. Five wrong PINs: a plain message with the wait, and what to do.
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await signIn({ prisonNumber: personA.prisonNumber, pin: '111111' });
      const alert = page.getByRole('alert');
      const expected = attempt < 5 ? t('signIn.errors.wrongPin') : /Wait 30 seconds, then try again\. If you have forgotten your PIN, ask a member of staff\./;
      await alert.getByText(expected).waitFor();
    }
    await page.getByRole('timer').getByText(/Time left to wait: (30|29|28) seconds/).waitFor();
    await axe('sign-in, too many tries');
  });
});
