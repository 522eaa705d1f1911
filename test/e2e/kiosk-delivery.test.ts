import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { seedDemoData } from '../../src/server/demo/index.ts';
import { openStore } from '../../src/server/store/index.ts';
import type { Store } from '../../src/server/store/store.ts';
import { projectPath } from '../project-path.ts';
import { axeViolations } from '../support/axe.ts';
import { type Browser, launchChromium } from '../support/chromium.ts';
import { text } from '../support/locales.ts';
import { expectHeading } from '../support/pages.ts';
import { assertAppBuilt } from '../support/paths.ts';
import { assertNone } from '../support/report.ts';
import { smallTargets } from '../support/targets.ts';
import { listedApplication, openApplications, sendApplication } from '../support/applications.ts';

/**
 * Delivery without the person, in Chromium against the real built app and the real service in
 * kiosk mode. Staff enrol the kiosk with the real CLI (a separate process on the same database)
 * and type the code on the set-up page. A writes an application offline, signs out and never
 * comes back; when the network returns the kiosk delivers it, once, as A's. B then signs in on
 * the same kiosk and never sees it. The store is opened here to check what the service holds.
 */
const run = promisify(execFile);
const personA = { prisonNumber: 'A1234BC', pin: '482913', goal: 'Finish the Thinking Skills Programme' };
const personB = { prisonNumber: 'B2345CD', pin: '305716', goal: 'Keep your job as a peer mentor' };
const words = 'Please can I have a copy of my OASys? I am being moved to another wing.';

let store: Store;
let server: FastifyInstance;
let dataDir: string;
let baseUrl: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const dist = assertAppBuilt();
  dataDir = await mkdtemp(join(tmpdir(), 'spc-e2e-delivery-'));
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
  await browser?.close();
  if (server) {
    const closing = server.close();
    server.server.closeAllConnections();
    await closing;
  }
  await store?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const t = (key: string) => text('en', key);
const main = () => page.getByRole('main');
const nav = () => page.getByRole('navigation', { name: t('nav.label') });

/** Staff at a terminal: `npm run device -- enrol "…"`, on the service's database. */
async function staffEnrol(name: string): Promise<string> {
  const { stdout } = await run(process.execPath, [projectPath('src/server/delivery/cli-main.ts'), 'enrol', name], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
  });
  const code = /Set-up code: ([0-9A-Z-]+)/.exec(stdout)?.[1];
  if (!code) throw new Error(`no code in: ${stdout}`);
  return code;
}

async function signIn(who: { prisonNumber: string; pin: string }): Promise<void> {
  if (!page.url().endsWith('/sign-in')) await nav().getByRole('link', { name: t('nav.signIn') }).click();
  await expectHeading(page, t('signIn.title'));
  await page.getByRole('textbox', { name: t('signIn.prisonNumberLabel') }).fill(who.prisonNumber);
  const pad = page.getByRole('group', { name: t('signIn.padLabel') });
  for (const digit of who.pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await main().getByRole('button', { name: t('signIn.submit') }).click();
}

async function axe(where: string): Promise<void> {
  assertNone(await axeViolations(page, where), 'axe violations');
}

async function personDatabases(): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('spc-person-')));
}

describe('delivery without the person, on a real kiosk', () => {
  it('the set-up page works by touch, at 320 px wide with 200% text, in both languages', async () => {
    await page.goto(`${baseUrl}/kiosk-setup`);
    await expectHeading(page, t('kioskSetup.title'));
    for (const lang of ['en', 'cy'] as const) {
      await page.evaluate((l) => {
        localStorage.setItem('spc.language', l);
        localStorage.setItem('spc.displaySettings', JSON.stringify({ textSize: 200, highContrast: false, readableFont: false, reduceMotion: false }));
      }, lang);
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto(`${baseUrl}/kiosk-setup`);
      await expectHeading(page, text(lang, 'kioskSetup.title'));
      // A code in the wrong shape: the error is shown next to the box, nothing is sent.
      await page.getByRole('textbox', { name: text(lang, 'kioskSetup.codeLabel') }).fill('ABC');
      await page.getByRole('button', { name: text(lang, 'kioskSetup.submit') }).click();
      await page.getByRole('alert').waitFor();
      assertNone(await smallTargets(page), `controls smaller than 44 px (${lang})`);
      const submit = await page.getByRole('button', { name: text(lang, 'kioskSetup.submit') }).boundingBox();
      expect(submit!.height).toBeGreaterThanOrEqual(64);
      const width = await page.evaluate(() => {
        const root = document.scrollingElement ?? document.documentElement;
        return { scroll: root.scrollWidth, client: root.clientWidth, cls: document.documentElement.className };
      });
      expect(width.cls).toContain('app-text-200');
      expect(width.scroll, `${lang}: the page scrolls sideways`).toBeLessThanOrEqual(width.client);
      await axe(`kiosk set-up, ${lang}, 320 px, 200%`);
    }
    await page.evaluate(() => {
      localStorage.removeItem('spc.language');
      localStorage.removeItem('spc.displaySettings');
    });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('A writes offline, signs out and never returns; the kiosk delivers it once, as A\'s; B never sees it', async () => {
    const a = (await store.getPerson(personA.prisonNumber))!;
    const b = (await store.getPerson(personB.prisonNumber))!;

    // 1. Staff set the kiosk up: the CLI prints a code; they type it once on the set-up page.
    const code = await staffEnrol('Wing B kiosk 2');
    await page.goto(`${baseUrl}/kiosk-setup`);
    await expectHeading(page, t('kioskSetup.title'));
    await main().getByText(t('kioskSetup.statusNotSetUp')).waitFor();
    await axe('kiosk set-up, not set up');
    await page.getByRole('textbox', { name: t('kioskSetup.codeLabel') }).fill('WRON-GC0D-E123');
    await page.getByRole('button', { name: t('kioskSetup.submit') }).click();
    await page.getByRole('alert').getByText(t('kioskSetup.errors.wrongCode')).waitFor();
    await axe('kiosk set-up, wrong code');
    await page.getByRole('textbox', { name: t('kioskSetup.codeLabel') }).fill(code.toLowerCase());
    await page.getByRole('button', { name: t('kioskSetup.submit') }).click();
    await page.getByText(t('kioskSetup.doneText').replace('{{name}}', 'Wing B kiosk 2')).waitFor();
    await axe('kiosk set-up, done');

    // 2. A signs in online: the app gets this sign-in's delivery secret.
    await page.goto(`${baseUrl}/sign-in`);
    const secretIssued = page.waitForResponse((response) => response.url().endsWith('/api/delivery/secret') && response.status() === 200);
    await signIn(personA);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await main().getByText(personA.goal).waitFor();
    await secretIssued;

    // 3. The network goes; A writes an application; it waits on the kiosk.
    await browser.context.setOffline(true);
    await sendApplication(page, 'copyOfOasys', words);
    await openApplications(page);
    await listedApplication(page, words).getByText(t('forms:status.waiting'), { exact: true }).waitFor();

    // 4. A signs out, still offline, and never comes back.
    await page.getByRole('button', { name: t('session.signOut'), exact: true }).click();
    await page.getByText(t('session.signedOut')).waitFor({ timeout: 15_000 });
    expect(await store.listApplications(a.personId)).toEqual([]);

    // 5. The network comes back: the kiosk delivers A's application, once, as A's.
    await browser.context.setOffline(false);
    await expect.poll(async () => (await store.listApplications(a.personId)).length, { timeout: 30_000 }).toBe(1);
    const held = await store.listApplications(a.personId);
    expect(held.map((application) => [application.type, application.details])).toEqual([['copyOfOasys', words]]);
    // Nothing is left of A's on the kiosk: it was all delivered.
    await expect.poll(personDatabases, { timeout: 10_000 }).not.toContain(`spc-person-${a.personId}`);

    // 6. B signs in on the same kiosk and sees nothing of A's.
    await signIn(personB);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await main().getByText(personB.goal).waitFor();
    await openApplications(page);
    await main().getByText(t('forms:applications.listNone')).waitFor();
    expect(await page.getByText(words).count()).toBe(0);
    expect(await page.getByText(personA.goal).count()).toBe(0);

    // Still exactly one, and it is A's, not B's.
    expect(await store.listApplications(a.personId)).toHaveLength(1);
    expect(await store.listApplications(b.personId)).toEqual([]);
  });
});
