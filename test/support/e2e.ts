import type { BrowserContextOptions, Page } from 'playwright-core';
import { type Browser, launchChromium } from './chromium.ts';
import { type DeviceMode, type Service, startService } from './service.ts';

export type E2E = {
  service: Service;
  browser: Browser;
  page: Page;
  /** Full address of a path of the app. */
  url(path: string): string;
  /**
   * Stops the browser and the service (each at most once). Fails, with the list, if any page
   * broke the Content-Security-Policy (see chromium.ts): call it in `afterAll`.
   */
  close(): Promise<void>;
};

/** The real service on a free port plus a fresh Chromium with one open page. */
export async function startE2E(options: { deviceMode?: DeviceMode; context?: BrowserContextOptions } = {}): Promise<E2E> {
  const service = await startService({ deviceMode: options.deviceMode ?? 'tablet' });
  let browser: Browser;
  try {
    browser = await launchChromium(options.context);
  } catch (error) {
    await service.stop();
    throw error;
  }
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  return {
    service,
    browser,
    page,
    url: (path) => service.baseUrl + path,
    async close() {
      try {
        await browser.close();
      } finally {
        await service.stop();
      }
    },
  };
}
