import type { Page } from 'playwright-core';
import { text } from './locales.ts';
import { expectHeading } from './pages.ts';

/** Demo people (src/server/demo/), as typed at a kiosk, with words only their own pages show (a goal on their "What's next"). */
export const demoPeople = {
  michael: { prisonNumber: 'B2345CD', pin: '305716', name: 'Michael Evans', goal: 'Keep your job as a peer mentor' },
  chloe: { prisonNumber: 'C3456DE', pin: '917240', name: 'Chloe Ward', goal: 'Make a plan to stay off alcohol after you leave' },
} as const;

export type DemoPerson = { prisonNumber: string; pin: string };

const t = (key: string) => text('en', key);

/** Signs in through the sign-in page (prison number by keyboard, PIN on the number pad). */
export async function signInThroughPage(page: Page, who: DemoPerson, lang: 'en' | 'cy' = 'en'): Promise<void> {
  if (!new URL(page.url()).pathname.endsWith('/sign-in')) {
    await page.getByRole('navigation', { name: text(lang, 'nav.label') }).getByRole('link', { name: text(lang, 'nav.signIn') }).click();
  }
  await expectHeading(page, text(lang, 'signIn.title'));
  await page.getByRole('textbox', { name: text(lang, 'signIn.prisonNumberLabel') }).fill(who.prisonNumber);
  const pad = page.getByRole('group', { name: text(lang, 'signIn.padLabel') });
  for (const digit of who.pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('main').getByRole('button', { name: text(lang, 'signIn.submit') }).click();
}

/** Presses Sign out and waits until sign-out has finished (its last send and the clean-up too). */
export async function signOutThroughPage(page: Page, lang: 'en' | 'cy' = 'en'): Promise<void> {
  await page.getByRole('button', { name: text(lang, 'session.signOut'), exact: true }).click();
  await page.getByText(t('session.signedOut')).waitFor({ timeout: 15_000 });
}

/** The names of the browser's IndexedDB databases, and the people listed in the device database. */
export async function localDatabases(page: Page): Promise<{ names: string[]; devicePeople: string[] }> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((db) => db.name ?? '').sort();
    if (!names.includes('spc-device')) return { names, devicePeople: [] };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('spc-device');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains('people')) return { names, devicePeople: [] };
      const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
        const request = db.transaction('people').objectStore('people').getAllKeys();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      return { names, devicePeople: keys.map(String).sort() };
    } finally {
      db.close();
    }
  });
}

/** What this browser keeps outside IndexedDB that a next person could read. */
export const allowedLocalStorageKeys = ['spc.deviceMode', 'spc.displaySettings', 'spc.language', 'spc.replyTimes', 'spc.resetChoicesAtStart'];

/**
 * Every place a next person at the kiosk could find something of a previous one, outside their
 * sealed database: the screen, Web Storage, Cache Storage (no `/api/` answer ever, and no cached
 * file holding a secret), and the form fields' autofill. One line per problem; empty when clean.
 */
export async function personalTraces(page: Page, secrets: readonly string[]): Promise<string[]> {
  return page.evaluate(
    async ({ secrets, allowed }) => {
      const problems: string[] = [];
      const holds = (where: string, value: string) => {
        for (const secret of secrets) if (value.includes(secret)) problems.push(`${where} holds "${secret}"`);
      };
      holds('the screen', document.body.innerText);
      for (const [name, storage] of [
        ['localStorage', localStorage],
        ['sessionStorage', sessionStorage],
      ] as const) {
        for (let i = 0; i < storage.length; i += 1) {
          const key = storage.key(i) ?? '';
          if (name === 'sessionStorage' || !allowed.includes(key)) problems.push(`${name} has an unexpected key "${key}"`);
          holds(`${name} ${key}`, storage.getItem(key) ?? '');
        }
      }
      for (const cacheName of await caches.keys()) {
        const cache = await caches.open(cacheName);
        for (const request of await cache.keys()) {
          const path = new URL(request.url).pathname;
          if (path.startsWith('/api/') || path === '/config.json') problems.push(`Cache Storage "${cacheName}" holds ${path}`);
          const response = await cache.match(request);
          if (response && /text|json|javascript|xml/.test(response.headers.get('content-type') ?? '')) holds(`Cache Storage ${path}`, await response.text());
        }
      }
      return problems;
    },
    { secrets: [...secrets], allowed: allowedLocalStorageKeys },
  );
}

/** Form fields on the page that a browser may remember and offer to the next person. */
export async function fieldsWithAutofill(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, textarea, select')]
      .filter((field) => !['radio', 'checkbox', 'button', 'submit', 'hidden'].includes((field as HTMLInputElement).type))
      .filter((field) => (field.getAttribute('autocomplete') ?? (field as HTMLInputElement).form?.getAttribute('autocomplete')) !== 'off')
      .map((field) => `<${field.tagName.toLowerCase()} name="${field.getAttribute('name') ?? ''}"> on ${location.pathname}`),
  );
}
