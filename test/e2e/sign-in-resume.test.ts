import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium } from '../support/chromium.ts';
import { text } from '../support/locales.ts';
import { type DemoPerson, signInThroughPage, signOutThroughPage } from '../support/kiosk.ts';
import { expectHeading } from '../support/pages.ts';
import { startService, type Service } from '../support/service.ts';

/**
 * Resume on a known device (src/app/sync/NOTES.md), in Chromium against the real built app and the
 * real service, on a tablet: the first sign-in sends the PIN; after sign-out, the same PIN opens
 * the person's data here and the app resumes without sending it; a wrong PIN still goes to the
 * service; the token is kept sealed on the device.
 */
const person = { prisonNumber: 'A1234BC', pin: '482913', goal: 'Finish the Thinking Skills Programme' };

let service: Service;
let baseUrl: string;
let browser: Browser;
let page: Page;
/** What the app sent to the service's sign-in addresses, in order. */
const sent: string[] = [];
/** Every resume token the service gave, in order. */
const issued: string[] = [];

beforeAll(async () => {
  service = await startService({ deviceMode: 'tablet' });
  baseUrl = service.baseUrl;
  browser = await launchChromium();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path === '/api/auth/sign-in' || path === '/api/auth/resume') sent.push(`${path} ${request.postData()?.includes('"pin"') ? 'with a PIN' : 'no PIN'}`);
  });
  page.on('response', async (response) => {
    const path = new URL(response.url()).pathname;
    if ((path === '/api/auth/sign-in' || path === '/api/auth/resume') && response.ok()) {
      const body = (await response.json()) as { resumeToken?: string };
      if (body.resumeToken) issued.push(body.resumeToken);
    }
  });
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await service?.stop();
  }
});

const t = (key: string) => text('en', key);
const main = () => page.getByRole('main');

const signIn = (who: DemoPerson) => signInThroughPage(page, who);
const signOut = () => signOutThroughPage(page);

/** Everything in every IndexedDB database of this origin, as text (binary fields as byte lists). */
function dumpIndexedDb(): Promise<string> {
  return page.evaluate(async () => {
    const out: unknown[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error);
        });
        out.push({ db: info.name, name, rows });
      }
      db.close();
    }
    const bytes = (value: unknown): unknown =>
      value instanceof ArrayBuffer || ArrayBuffer.isView(value)
        ? Array.from(new Uint8Array(value instanceof ArrayBuffer ? value : value.buffer))
        : value;
    return JSON.stringify(out, (_key, value: unknown) => bytes(value));
  });
}

describe('resume on a known device, in a real browser', () => {
  it('sends the PIN once; the next sign-ins here resume without it; a wrong PIN still goes to the service', async () => {
    await page.goto(`${baseUrl}/sign-in`);
    await signIn(person);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await main().getByText(person.goal).waitFor();
    expect(sent).toEqual(['/api/auth/sign-in with a PIN']);
    expect(issued).toHaveLength(1);
    await signOut();

    // Kept through sign-out, sealed: the token is nowhere on the device in clear.
    const stored = await dumpIndexedDb();
    expect(stored).toContain('resumeToken');
    expect(stored).not.toContain(issued[0]);

    await signIn(person);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await main().getByText(person.goal).waitFor();
    expect(sent).toEqual(['/api/auth/sign-in with a PIN', '/api/auth/resume no PIN']);
    await signOut();

    // A wrong PIN opens nothing here: it goes to the service, which counts it.
    await signIn({ prisonNumber: person.prisonNumber, pin: '111111' });
    await page.getByRole('alert').getByText(t('signIn.errors.wrongPin')).waitFor();
    expect(sent.at(-1)).toBe('/api/auth/sign-in with a PIN');

    // The right PIN again: a resume with the token the last one gave.
    await signIn(person);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    expect(sent.at(-1)).toBe('/api/auth/resume no PIN');
    expect(sent.filter((line) => line.endsWith('with a PIN')), 'the first sign-in and the wrong PIN').toHaveLength(2);
    expect(issued).toHaveLength(3);
    expect(new Set(issued).size).toBe(3);
  });
});
