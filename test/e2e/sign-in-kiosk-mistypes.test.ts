import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { hashPin } from '../../src/server/auth/pin-hash.ts';
import { seedDemoData } from '../../src/server/demo/index.ts';
import { newOpaqueId } from '../../src/server/ids.ts';
import { openStore } from '../../src/server/store/index.ts';
import type { Store } from '../../src/server/store/store.ts';
import { axeViolations } from '../support/axe.ts';
import { type Browser, launchChromium } from '../support/chromium.ts';
import { text } from '../support/locales.ts';
import { expectHeading } from '../support/pages.ts';
import { assertAppBuilt } from '../support/paths.ts';
import { assertNone } from '../support/report.ts';

/**
 * A morning at a wing kiosk: five different people each mistype their PIN once, then a sixth signs
 * in with the right PIN and gets straight in. The real built app and the real service (kiosk mode),
 * in Chromium, on one browser profile: one kiosk, one device id, one address.
 */
const mistypers = ['M1001AA', 'M1002AA', 'M1003AA', 'M1004AA', 'M1005AA'];
const sixth = { prisonNumber: 'B2345CD', pin: '305716', goal: 'Keep your job as a peer mentor' };

let store: Store;
let server: FastifyInstance;
let dataDir: string;
let baseUrl: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const dist = assertAppBuilt();
  dataDir = await mkdtemp(join(tmpdir(), 'spc-e2e-kiosk-'));
  store = await openStore({ dataDir });
  await seedDemoData(store);
  // Five more people on the wing, with the service's real PIN hashing.
  const pinHash = await hashPin('741852');
  for (const prisonNumber of mistypers) {
    await store.insertPerson({ personId: newOpaqueId('p'), prisonNumber, displayName: 'Someone on the wing', pinHash });
  }
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

async function typeAndSend(who: { prisonNumber: string; pin: string }): Promise<void> {
  await expectHeading(page, t('signIn.title'));
  await page.getByRole('textbox', { name: t('signIn.prisonNumberLabel') }).fill(who.prisonNumber);
  const pad = page.getByRole('group', { name: t('signIn.padLabel') });
  for (const digit of who.pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await main().getByRole('button', { name: t('signIn.submit') }).click();
}

describe('a wing kiosk on a busy morning', () => {
  it('five people mistype once each on one kiosk; the sixth signs in at once', async () => {
    const signIns: Array<{ status: number; deviceId: unknown }> = [];
    page.on('response', async (response) => {
      if (!response.url().endsWith('/api/auth/sign-in')) return;
      const body = response.request().postDataJSON() as { deviceId?: unknown } | null;
      signIns.push({ status: response.status(), deviceId: body?.deviceId });
    });

    await page.goto(`${baseUrl}/sign-in`);
    for (const [i, prisonNumber] of mistypers.entries()) {
      await typeAndSend({ prisonNumber, pin: '111111' });
      await page.getByRole('alert').getByText(t('signIn.errors.wrongPin')).waitFor();
      expect(await page.getByRole('timer').count(), `no wait after person ${i + 1}'s one mistake`).toBe(0);
    }
    await axe('sign-in, after a wrong PIN');

    // The sixth person, with the right PIN: straight in, no wait.
    const started = Date.now();
    await typeAndSend(sixth);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await main().getByText(sixth.goal).waitFor();
    expect(Date.now() - started, 'no 30-second wait').toBeLessThan(20_000);

    expect(signIns.map((s) => s.status)).toEqual([401, 401, 401, 401, 401, 200]);
    // One kiosk: every sign-in carried the same device id.
    expect(new Set(signIns.map((s) => s.deviceId)).size).toBe(1);
    expect(signIns[0]!.deviceId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

async function axe(where: string): Promise<void> {
  assertNone(await axeViolations(page, where), 'axe violations');
}
