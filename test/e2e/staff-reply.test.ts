import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { listedApplication, openApplications, sendApplication } from '../support/applications.ts';
import { signInThroughPage } from '../support/kiosk.ts';
import { text } from '../support/locales.ts';
import { expectHeading } from '../support/pages.ts';
import { distDir, staffDistDir } from '../support/paths.ts';
import { assertNone } from '../support/report.ts';
import type { Service } from '../support/service.ts';
import { demoOmu } from '../support/staff.ts';
import { openStaffAndDevice, signInToConsole, type StaffAndDevice, staffText } from '../support/staff-console.ts';

/**
 * Two browsers: a member of staff in the console on the staff listener, and a person's tablet on
 * the prisoner-facing one. The person asks; staff read it in the inbox and reply; the person's
 * device syncs and shows the reply. Closing the browsers fails the file on any CSP violation.
 */
const person = { prisonNumber: 'A1234BC', pin: '482913' };
const asked = 'Please can I have a copy of my OASys? Asked from the staff console test.';
const answer = 'Your POM will bring you a copy on Tuesday morning.';
const s = (key: string, values?: Record<string, string | number>) => staffText('en', key, values);
const t = (key: string) => text('en', key);

let world: StaffAndDevice;
let service: Service, staff: Page, device: Page;

beforeAll(async () => {
  world = await openStaffAndDevice();
  ({ service, staff, device } = world);
});

afterAll(() => world?.close());

async function axe(page: Page, where: string): Promise<void> {
  assertNone(await axeViolations(page, where), 'axe violations');
}

describe('staff reply to an application, in two browsers', () => {
  it('nothing of the console is in the app’s build or its service worker’s precache', () => {
    const consoleAssets = readdirSync(join(staffDistDir, 'assets')).filter((name) => name.endsWith('.js') || name.endsWith('.css'));
    const appAssets = readdirSync(join(distDir, 'assets'));
    // Modules both use (src/format's Welsh data) may come out byte for byte the same, with one name:
    // the console's own code is everything else.
    const ownCode = consoleAssets.filter((name) => !appAssets.includes(name));
    expect(ownCode.some((name) => name.startsWith('index-') && name.endsWith('.js'))).toBe(true);
    const sw = readFileSync(join(distDir, 'sw.js'), 'utf8');
    for (const name of ownCode) expect(sw.includes(name), name).toBe(false);
    // No file of the app carries the console's words.
    const signInTitle = s('signIn.title');
    for (const name of appAssets.filter((file) => file.endsWith('.js'))) {
      expect(readFileSync(join(distDir, 'assets', name), 'utf8').includes(signInTitle), name).toBe(false);
    }
  });

  it('the person asks; staff reply in the console; the person’s device syncs and shows the reply', async () => {
    // 1. The person asks on their tablet; it is sent.
    await device.goto(`${service.baseUrl}/sign-in`);
    await signInThroughPage(device, person);
    await expectHeading(device, t('plan:whatsNext.title'), 20_000);
    await sendApplication(device, 'copyOfOasys', asked);
    await openApplications(device);
    const item = listedApplication(device, asked);
    await expect.poll(async () => (await service.store.listApplications((await service.store.getPerson(person.prisonNumber))!.personId)).length, { timeout: 20_000 }).toBe(1);

    // 2. Staff sign in to the console, with no service worker, and find it in the inbox.
    await signInToConsole(staff, service.staffBaseUrl!, demoOmu);
    expect(await staff.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();
    await axe(staff, 'console home');
    await staff.getByRole('navigation', { name: s('nav.label') }).getByRole('link', { name: s('nav.applications') }).click();
    await expectHeading(staff, s('inbox.title'));
    const row = staff.getByRole('row').filter({ hasText: 'OMU-' }).filter({ hasText: s('applicationType.copyOfOasys') });
    await row.first().waitFor();
    await axe(staff, 'console inbox');
    await row.first().getByRole('link').click();
    await staff.getByText(asked).waitFor();
    // The type's field, in words.
    await staff.getByText(s('applicationField.whichCopy')).waitFor();
    // Focus moved to the new page's heading.
    expect(await staff.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await axe(staff, 'console application');

    // 3. An empty reply is refused with the error summary; then the reply is sent.
    await staff.getByRole('button', { name: s('application.replySubmit') }).click();
    await staff.getByRole('alert').getByRole('link', { name: s('application.errors.wordsMissing') }).waitFor();
    await axe(staff, 'console application, reply error');
    await staff.getByRole('textbox', { name: s('application.replyLabel') }).fill(answer);
    await staff.getByRole('button', { name: s('application.replySubmit') }).click();
    await staff.getByRole('status').getByText(s('application.done.reply')).waitFor();
    await staff.getByText(answer).waitFor();

    // 4. The person's device syncs (the network comes back): a badge for the new reply, and the reply.
    await device.context().setOffline(true);
    await device.context().setOffline(false);
    await device.getByRole('navigation', { name: t('nav.label') }).getByText('1 new reply').waitFor({ timeout: 30_000 });
    await openApplications(device);
    await item.getByText(t('forms:applications.newTag')).waitFor();
    await item.getByRole('link', { name: t('forms:type.copyOfOasys') }).click();
    await device.getByText(answer).waitFor();
    await axe(device, 'the reply on the device');
  });
});
