import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { type E2E, startE2E } from '../support/e2e.ts';
import { text } from '../support/locales.ts';
import { expectHeading, openPage, recordErrors, waitForHeading, waitForServiceWorkerControl } from '../support/pages.ts';
import { assertServiceDown } from '../support/service.ts';
import { appRoutes, exampleUnknownPath, routes } from '../support/routes.ts';

/**
 * The app's own links (for example to each explainer topic), gathered online in a separate,
 * throwaway browser so that nothing they load is in the tested browser's HTTP cache.
 */
async function internalLinks(baseUrl: string, paths: string[]): Promise<string[]> {
  const browser = await launchChromium();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const found = new Set<string>();
    for (const path of paths) {
      await openPage(page, baseUrl, path);
      const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => (a as HTMLAnchorElement).href));
      for (const href of hrefs) {
        const url = new URL(href);
        // Language links switch the language for good; they are tested elsewhere.
        if (url.origin !== baseUrl || url.searchParams.has('lang') || url.pathname.startsWith('/api/')) continue;
        found.add(url.pathname + url.search);
      }
    }
    return [...found].filter((p) => !paths.includes(p)).slice(0, 30);
  } finally {
    await browser.close();
  }
}

describe('offline, after one visit', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('the service worker serves every route, deep links and every internal link with the server stopped', async () => {
    const { page } = e2e;
    const baseUrl = e2e.service.baseUrl;
    const routePaths = routes.map(([, p]) => p);
    const linked = await internalLinks(baseUrl, routePaths);
    await page.goto(baseUrl + appRoutes.home);
    await expectHeading(page, text('en', 'home.title'));
    await waitForServiceWorkerControl(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${baseUrl}/sw.js`);

    // Cut the network for real: the server is gone, so only the service worker can answer.
    await e2e.service.stop();
    await assertServiceDown(baseUrl);
    await e2e.browser.context.setOffline(true);
    const errors = recordErrors(page);

    const deepLinks = [`${appRoutes.displaySettings}?from=a-shared-link#main-content`, `${exampleUnknownPath}/and/deeper`, ...linked];
    for (const path of [...routePaths, ...deepLinks]) {
      const response = await page.goto(baseUrl + path).catch((error: Error) => {
        throw new Error(`${path} did not load offline: the service worker did not answer (${error.message.split('\n')[0]})`);
      });
      expect(response, `no response for ${path} offline`).not.toBeNull();
      expect(response!.fromServiceWorker(), `${path} was not served by the service worker`).toBe(true);
      expect(response!.status(), `${path} offline`).toBe(200);
      const heading = await waitForHeading(page);
      expect(heading, `${path} offline`).not.toBe('');
    }

    // Reloading and moving around inside the app work too.
    await page.goto(baseUrl + appRoutes.home);
    await page.reload();
    await expectHeading(page, text('en', 'home.title'));
    await page.getByRole('link', { name: text('en', 'nav.displaySettings') }).first().click();
    await expectHeading(page, text('en', 'settings.title'));
    await page.goto(baseUrl + exampleUnknownPath);
    await expectHeading(page, text('en', 'notFound.title'));

    const unexpected = errors.filter((e) => !/Failed to (load resource|fetch)|ERR_INTERNET_DISCONNECTED|net::/.test(e));
    expect(unexpected, `errors in the browser while offline:\n${unexpected.join('\n')}`).toEqual([]);
  });
});
