import type { Page, Response } from 'playwright-core';

/** Waits until the page shows exactly one visible, non-empty h1, and returns its text. */
export async function waitForHeading(page: Page, timeout = 15_000): Promise<string> {
  try {
    await page.waitForFunction(
      () => {
        const h1s = [...document.querySelectorAll('h1')];
        return h1s.length === 1 && h1s[0]!.checkVisibility() && (h1s[0]!.textContent ?? '').trim() !== '';
      },
      undefined,
      { timeout },
    );
  } catch {
    const found = await page.evaluate(() =>
      [...document.querySelectorAll('h1')].map((h) => `"${(h.textContent ?? '').trim()}"${h.checkVisibility() ? '' : ' (hidden)'}`),
    );
    const body = await page.evaluate(() => (document.body?.innerText ?? '').slice(0, 300));
    throw new Error(
      `Expected exactly one visible h1 at ${page.url()} within ${timeout} ms; found ${found.length}: [${found.join(', ')}].` +
        ` Page text starts: ${JSON.stringify(body)}`,
    );
  }
  return (await page.locator('h1').innerText()).trim();
}

/** Waits until the h1 reads `expected` (the page may still be switching language). */
export async function expectHeading(page: Page, expected: string, timeout = 10_000): Promise<void> {
  await waitForHeading(page, timeout);
  try {
    await page.waitForFunction((want) => document.querySelector('h1')?.textContent?.trim() === want, expected, { timeout });
  } catch {
    const actual = await page.locator('h1').innerText();
    throw new Error(`At ${page.url()} the h1 reads ${JSON.stringify(actual.trim())}, expected ${JSON.stringify(expected)}`);
  }
}

/** Moves to a path the way a link in the app does (no reload: the sign-in lives in memory). */
export async function goInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState({ idx: (window.history.state?.idx ?? 0) + 1, key: to }, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
  }, path);
}

/** Opens a path of the app and waits for its heading. */
export async function openPage(page: Page, baseUrl: string, path: string): Promise<Response | null> {
  const response = await page.goto(baseUrl + path, { waitUntil: 'load' });
  await waitForHeading(page);
  return response;
}

/** Waits until the app's service worker is installed and controls this page (reloading once if needed). */
export async function waitForServiceWorkerControl(page: Page, timeout = 30_000): Promise<void> {
  const ready = () =>
    page.evaluate(
      (ms) =>
        Promise.race([
          navigator.serviceWorker.ready.then((r) => r.active?.state ?? 'none'),
          new Promise<string>((resolve) => setTimeout(() => resolve('timed out'), ms)),
        ]),
      timeout,
    );
  const state = await ready();
  if (state !== 'activated' && state !== 'activating') {
    throw new Error(`The service worker did not become active at ${page.url()} (state: ${state}).`);
  }
  const controlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!(await controlled())) {
    await page.reload({ waitUntil: 'load' });
    await waitForHeading(page);
  }
  if (!(await controlled())) {
    throw new Error(`The service worker is active but does not control ${page.url()} after a reload.`);
  }
}

/** Collects uncaught errors and console errors, to assert a page ran cleanly. */
export function recordErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  return errors;
}
