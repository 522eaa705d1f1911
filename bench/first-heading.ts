import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/** CPU slowdown applied while measuring (Chrome DevTools' "4× slowdown", a low-end device). */
export const cpuSlowdown = 4;

/** The CDP binding the page calls with the heading's time (see `watchForHeading`). */
const reportBinding = 'spcReportHeading';

/**
 * Runs in every document before its own scripts: notes when an h1 with text is first visible,
 * at the next animation frame (the frame that paints it), in ms since navigation start, and
 * reports it through a CDP binding. Nothing of the bench runs in the page while it loads: polling
 * with Playwright (`waitForFunction`) would first compile Playwright's own injected script on the
 * page's main thread (about 50–80 ms at 4× CPU), and on a page whose heading comes after `load`
 * (the app's, not the floor's) that landed before the heading's frame and was counted in it.
 */
function watchForHeading(binding: string) {
  const w = window as unknown as Record<string, unknown>;
  const check = () => {
    const h1 = document.querySelector('h1');
    if (!h1 || !(h1.textContent ?? '').trim() || !h1.checkVisibility()) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const report = w[binding];
      if (typeof report === 'function') report(String(performance.now()));
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

export type Target = { name: string; url: string; heading: string; page: Page; cdp: CDPSession };

/** A page in its own browser context, watched for its heading, with CDP for CPU throttling. */
export async function prepareTarget(context: BrowserContext, name: string, url: string, heading: string): Promise<Target> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.addInitScript(watchForHeading, reportBinding);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Runtime.enable');
  // Survives navigations and reloads; calls arrive as Runtime.bindingCalled on this session.
  await cdp.send('Runtime.addBinding', { name: reportBinding });
  return { name, url, heading, page, cdp };
}

/** Visits once online and waits until the page's service worker controls it. */
export async function primeOffline(target: Target): Promise<void> {
  const { page, url } = target;
  await page.goto(url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  for (let i = 0; i < 3 && !(await page.evaluate(() => navigator.serviceWorker.controller !== null)); i++) {
    await page.reload();
    await page.evaluate(() => navigator.serviceWorker.ready);
  }
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    throw new Error(`${target.name}: no service worker controls ${url}`);
  }
}

/** One measured load: ms from navigation start to the heading's frame, served by the service worker. */
export async function measureOnce(target: Target): Promise<number> {
  const { page, cdp, url } = target;
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  let onReport: ((event: { name: string; payload: string }) => void) | undefined;
  try {
    const reported = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${target.name}: no heading within 30 s`)), 30_000);
      onReport = (event) => {
        if (event.name !== reportBinding) return;
        clearTimeout(timer);
        resolve(Number(event.payload));
      };
      cdp.on('Runtime.bindingCalled', onReport);
    });
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response?.fromServiceWorker()) throw new Error(`${target.name}: ${url} was not served by the service worker`);
    const ms = await reported;
    const text = (await page.locator('h1').innerText()).trim();
    if (text !== target.heading) throw new Error(`${target.name}: h1 reads "${text}", expected "${target.heading}"`);
    return ms;
  } finally {
    if (onReport) cdp.off('Runtime.bindingCalled', onReport);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
