import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { text } from '../support/locales.ts';
import { expectHeading } from '../support/pages.ts';
import type { Service } from '../support/service.ts';
import { demoOmu } from '../support/staff.ts';
import { openStaffAndDevice, signInToConsole, type StaffAndDevice, staffText } from '../support/staff-console.ts';

/**
 * Two browsers, everything through the screens: staff enrol a person in the console and read the
 * one-time PIN off the page; they write the plan in the editor; the person signs in on a tablet
 * with that PIN, chooses their own, and sees the plan; staff mark a goal "do not share" and save;
 * at the device's next sync it is gone; the person writes a progress note, and staff read it on the
 * person's page. Closing the browsers fails the file on any CSP violation.
 */
const person = { prisonNumber: 'F6789GH', name: 'Sam Rees' };
const goals = { shared: 'I will get my forklift licence', hidden: 'I will finish the victim awareness course' };
const note = 'I booked my forklift test for next month.';
const s = (key: string, values?: Record<string, string | number>) => staffText('en', key, values);
const t = (key: string) => text('en', key);

let world: StaffAndDevice;
let service: Service, staff: Page, device: Page;

beforeAll(async () => {
  world = await openStaffAndDevice();
  ({ service, staff, device } = world);
});

afterAll(() => world?.close());

async function addGoal(n: number, title: string): Promise<void> {
  await staff.getByRole('button', { name: s('plan.addGoal') }).click();
  const goal = staff.getByRole('group', { name: s('plan.goal', { n }) });
  await goal.getByRole('textbox', { name: s('plan.goalTitle') }).fill(title);
  await goal.getByRole('combobox', { name: s('plan.area') }).selectOption({ label: s('area.employmentEducation') });
  await goal.getByRole('textbox', { name: s('plan.measure') }).fill('I will have the certificate.');
  await goal.getByLabel(s('plan.dueBy')).fill('2027-03-01');
}

async function signInOnDevice(pin: string): Promise<void> {
  const pad = device.getByRole('group', { name: t('signIn.padLabel') });
  await expectHeading(device, t('signIn.title'));
  await device.getByRole('textbox', { name: t('signIn.prisonNumberLabel') }).fill(person.prisonNumber);
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await device.getByRole('main').getByRole('button', { name: t('signIn.submit') }).click();
}

async function chooseOwnPin(pin: string): Promise<void> {
  const main = device.getByRole('main');
  await main.getByRole('heading', { name: t('signIn.newPin.title') }).waitFor({ timeout: 20_000 });
  const pad = device.getByRole('group', { name: t('signIn.padLabel') });
  await device.getByLabel(t('signIn.newPin.newPinLabel'), { exact: true }).click();
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await device.getByLabel(t('signIn.newPin.confirmLabel'), { exact: true }).click();
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await main.getByRole('button', { name: t('signIn.newPin.submit') }).click();
}

async function save(version: number): Promise<void> {
  await staff.getByRole('button', { name: s('plan.save', { version }) }).click();
  await staff.getByRole('status').getByText(s('plan.saved', { version })).waitFor();
}

describe('staff enrol and plan in the console; the person sees it on a tablet', () => {
  it('enrol with a one-time PIN, write the plan, first sign-in and a PIN of their own; a goal not shared leaves the device; the person’s note reaches staff', async () => {
    // 1. Staff enrol the person; the one-time PIN is on the page once.
    await signInToConsole(staff, service.staffBaseUrl!, demoOmu);
    await staff.getByRole('navigation', { name: s('nav.label') }).getByRole('link', { name: s('nav.people') }).click();
    await expectHeading(staff, s('people.title'));
    await staff.getByRole('link', { name: s('people.enrol') }).click();
    await expectHeading(staff, s('enrol.title'));
    await staff.getByRole('textbox', { name: s('enrol.prisonNumber') }).fill(person.prisonNumber);
    await staff.getByRole('textbox', { name: s('enrol.displayName') }).fill(person.name);
    await staff.getByRole('radio', { name: s('sentence.determinate') }).check();
    await staff.getByLabel(s('sentence.sentencedOn')).fill('2026-01-10');
    await staff.getByRole('textbox', { name: s('sentence.lengthMonths') }).fill('30');
    await staff.getByLabel(s('keyDates.releaseDate')).fill('2027-07-10');
    await staff.getByRole('button', { name: s('enrol.submit') }).click();
    await expectHeading(staff, s('enrol.doneTitle', { name: person.name }));
    const pin = (await staff.locator('.staff-once').innerText()).replace(/\s/g, '');
    expect(pin).toMatch(/^\d{6}$/);

    // 2. The plan, in the editor: two goals, both shared.
    await staff.getByRole('link', { name: s('enrol.openPerson', { name: person.name }) }).click();
    await expectHeading(staff, person.name);
    await staff.getByRole('link', { name: s('person.editPlan') }).click();
    await expectHeading(staff, s('plan.title', { name: person.name }));
    await addGoal(1, goals.shared);
    await addGoal(2, goals.hidden);
    await staff.getByRole('complementary', { name: s('preview.title') }).getByText(s('preview.goal', { n: 2, title: goals.hidden })).waitFor();
    await save(2);

    // 3. The person signs in with the one-time PIN, must choose their own, then sees both goals.
    await device.goto(`${service.baseUrl}/sign-in`);
    await signInOnDevice(pin);
    await chooseOwnPin('864209');
    await expectHeading(device, t('plan:whatsNext.title'), 20_000);
    await device.getByRole('main').getByRole('link', { name: t('plan:whatsNext.seeMyPlan') }).click();
    await expectHeading(device, t('plan:title'));
    await device.getByRole('main').getByText(goals.shared).first().waitFor();
    await device.getByRole('main').getByText(goals.hidden).first().waitFor();

    // 4. Staff mark the second goal "do not share" and save; at the next sync it leaves the device.
    await staff.getByRole('group', { name: s('plan.goal', { n: 2 }) }).getByRole('checkbox', { name: s('plan.doNotShareGoal') }).check();
    await save(3);
    await device.context().setOffline(true);
    await device.context().setOffline(false);
    await expect.poll(() => device.getByRole('main').getByText(goals.hidden).count(), { timeout: 30_000 }).toBe(0);
    await device.getByRole('main').getByText(goals.shared).first().waitFor();

    // 5. The person writes a progress note on the shared goal; staff read it on the person's page.
    await device.getByRole('main').getByRole('link', { name: goals.shared }).first().click();
    await expectHeading(device, goals.shared);
    await device.getByRole('textbox', { name: t('plan:notes.label') }).fill(note);
    await device.getByRole('button', { name: t('plan:notes.save') }).click();
    await device.locator('.app-note', { hasText: note }).getByText(t('plan:notes.state.sent'), { exact: true }).waitFor({ timeout: 30_000 });
    await staff.getByRole('link', { name: s('plan.back') }).click();
    await expectHeading(staff, person.name);
    const notes = staff.getByRole('region', { name: s('progressNotes.title') });
    await notes.getByRole('heading', { name: goals.shared }).waitFor();
    await notes.getByText(note).waitFor();
    // The person's own PIN is in force: the console no longer shows a one-time PIN for them.
    await staff.getByText(s('people.pinOwn')).waitFor();
  }, 180_000);
});
