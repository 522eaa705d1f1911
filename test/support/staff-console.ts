/**
 * The staff console in Chromium: its words (locales/<lng>/staff.json) and signing in through its
 * page, as a member of staff does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { DemoStaffSignIn } from '../../src/server/demo/index.ts';
import type { TestLanguage } from './locales.ts';
import { expectHeading } from './pages.ts';
import { launchChromium } from './chromium.ts';
import { assertConsoleBuilt, repoRoot } from './paths.ts';
import { type Service, startService } from './service.ts';

type Tree = { [key: string]: string | Tree };
const cache = new Map<TestLanguage, Tree>();

/** A console string by dotted key; `count` picks the plural form (English and Welsh `_one`/`_other`…) and fills it in. */
export function staffText(lang: TestLanguage, key: string, values: Record<string, string | number> = {}): string {
  let tree = cache.get(lang);
  if (!tree) {
    tree = JSON.parse(readFileSync(join(repoRoot, 'locales', lang, 'staff.json'), 'utf8')) as Tree;
    cache.set(lang, tree);
  }
  let node: string | Tree | undefined = tree;
  const parts = key.split('.');
  for (const part of parts.slice(0, -1)) node = typeof node === 'object' ? node[part] : undefined;
  const last = parts.at(-1)!;
  const leaf = typeof node === 'object' ? (node[last] ?? (values.count === 1 ? node[`${last}_one`] : undefined) ?? node[`${last}_other`]) : undefined;
  if (typeof leaf !== 'string') throw new Error(`No string "${key}" in locales/${lang}/staff.json`);
  return leaf.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
}

/** Opens the console and signs in with a username and password. */
export async function signInToConsole(page: Page, staffBaseUrl: string, who: Pick<DemoStaffSignIn, 'username' | 'password'>, lang: TestLanguage = 'en'): Promise<void> {
  await page.goto(`${staffBaseUrl}/`);
  await expectHeading(page, staffText(lang, 'signIn.title'));
  await page.getByRole('textbox', { name: staffText(lang, 'signIn.username') }).fill(who.username);
  await page.getByLabel(staffText(lang, 'signIn.password'), { exact: true }).fill(who.password);
  await page.getByRole('main').getByRole('button', { name: staffText(lang, 'signIn.submit') }).click();
  await expectHeading(page, staffText(lang, 'home.title'));
}

/** A service in tablet mode, staff in the console in one browser and a person's tablet in another. */
export type StaffAndDevice = { service: Service; staff: Page; device: Page; close(): Promise<void> };

export async function openStaffAndDevice(): Promise<StaffAndDevice> {
  assertConsoleBuilt();
  const service = await startService({ deviceMode: 'tablet' });
  const staffBrowser = await launchChromium();
  const deviceBrowser = await launchChromium();
  const staff = staffBrowser.context.pages()[0] ?? (await staffBrowser.context.newPage());
  const device = deviceBrowser.context.pages()[0] ?? (await deviceBrowser.context.newPage());
  return {
    service,
    staff,
    device,
    // Closing a browser fails the test file on any CSP violation it saw.
    async close() {
      try {
        await staffBrowser.close();
      } finally {
        try {
          await deviceBrowser.close();
        } finally {
          await service.stop();
        }
      }
    },
  };
}
