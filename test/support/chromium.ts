import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';

/** Debian's Chromium. CI machines get it with `apt-get install -y chromium`. */
export const chromiumPath = '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export type Browser = {
  /** The single browser context, with its own fresh profile. */
  context: BrowserContext;
  /** Closes Chromium and deletes its profile folder. Safe to call twice. */
  close(): Promise<void>;
};

/**
 * Starts headless Chromium with a fresh profile in a temporary folder (so no service worker,
 * cache or storage is left from another run). Language is pinned to English unless asked.
 */
export async function launchChromium(options: BrowserContextOptions = {}): Promise<Browser> {
  const profileDir = await mkdtemp(join(tmpdir(), 'spc-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      locale: 'en-GB',
      viewport: { width: 1280, height: 800 },
      serviceWorkers: 'allow',
      ...options,
    });
  } catch (error) {
    await rm(profileDir, { recursive: true, force: true });
    throw new Error(
      `Could not start Chromium at ${chromiumPath} (install it with \`apt-get install -y chromium\`): ${String(error)}`,
    );
  }
  let closed = false;
  return {
    context,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => {});
      await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
