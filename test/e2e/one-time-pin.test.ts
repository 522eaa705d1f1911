import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnrolPersonResponse, OneTimePinResponse, PutPlanResponse, StaffPersonDetail, type PlanInput } from '../../src/domain/staff-people.ts';
import { axeViolations } from '../support/axe.ts';
import { type Browser, launchChromium } from '../support/chromium.ts';
import { text } from '../support/locales.ts';
import { expectHeading } from '../support/pages.ts';
import { assertNone } from '../support/report.ts';
import { startService, type Service } from '../support/service.ts';
import { signInAsStaff, type StaffClient } from '../support/staff.ts';

/**
 * A person enrolled by staff, in Chromium against the real built app and the real service (tablet
 * mode): staff enrol them over the staff API and get a one-time PIN; the person signs in with it,
 * must choose their own PIN before anything else, and then sees the plan staff saved; a goal staff
 * mark not shareable leaves the device at its next pull; after a PIN reset the person chooses
 * again, and this device's data opens with the new PIN. Closing the browser fails the file on any
 * CSP violation.
 */
const person = { prisonNumber: 'E5678FG', displayName: 'Eli Morgan' };
const goals = { shared: 'I will get my forklift licence', hidden: 'I will finish the victim awareness course' };

let service: Service;
let browser: Browser;
let page: Page;
let staff: StaffClient;

beforeAll(async () => {
  service = await startService({ deviceMode: 'tablet' });
  staff = await signInAsStaff(service.staffBaseUrl!);
  browser = await launchChromium();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
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

async function expectOk<T>(response: Response, status: number, schema: { parse(value: unknown): T }): Promise<T> {
  const body: unknown = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(status);
  return schema.parse(body);
}

/** The plan staff save: the enrolment's facts, with two goals; the second not shareable when asked. */
function planWith(detail: StaffPersonDetail, hideSecond: boolean): PlanInput {
  const { personId: _personId, updatedAt: _updatedAt, ...plan } = detail.plan!.plan;
  const goal = (id: string, title: string, priority: number, shareable: boolean) => ({
    id,
    area: 'employmentEducation' as const,
    priority,
    title,
    measure: 'I have the certificate.',
    status: 'active' as const,
    dueBy: '2027-03-01',
    shareable,
    steps: [{ id: `${id}-step`, description: 'I will ask my POM about a place.', actor: 'you' as const, status: 'notStarted' as const, shareable: true }],
  });
  return { ...plan, agreement: 'agreed', objectives: [goal('goal-forklift', goals.shared, 1, true), goal('goal-victims', goals.hidden, 2, !hideSecond)] };
}

async function signIn(prisonNumber: string, pin: string): Promise<void> {
  if (!page.url().endsWith('/sign-in')) await page.getByRole('navigation', { name: t('nav.label') }).getByRole('link', { name: t('nav.signIn') }).click();
  await expectHeading(page, t('signIn.title'));
  await page.getByRole('textbox', { name: t('signIn.prisonNumberLabel') }).fill(prisonNumber);
  const pad = page.getByRole('group', { name: t('signIn.padLabel') });
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await main().getByRole('button', { name: t('signIn.submit') }).click();
}

/** On the new-PIN screen: both boxes by the number pad (it types into the box last chosen). */
async function chooseOwnPin(pin: string, again = pin): Promise<void> {
  await main().getByRole('heading', { name: t('signIn.newPin.title') }).waitFor();
  const pad = page.getByRole('group', { name: t('signIn.padLabel') });
  await page.getByLabel(t('signIn.newPin.newPinLabel'), { exact: true }).click();
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await page.getByLabel(t('signIn.newPin.confirmLabel'), { exact: true }).click();
  for (const digit of again) await pad.getByRole('button', { name: digit, exact: true }).click();
  await main().getByRole('button', { name: t('signIn.newPin.submit') }).click();
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: t('session.signOut') }).click();
  await page.getByText(t('session.signedOut')).waitFor({ timeout: 15_000 });
}

describe('a person enrolled by staff, with a one-time PIN, in a real browser', () => {
  it('signs in with the one-time PIN, chooses their own, sees the plan; a goal made not shareable leaves; a reset is handled the same way', async () => {
    // Staff enrol the person and save a plan with two goals.
    const enrolled = await expectOk(
      await staff.request('POST', '/people', {
        prisonNumber: person.prisonNumber,
        displayName: person.displayName,
        sentence: { type: 'determinate', sentencedOn: '2026-01-10', lengthMonths: 30 },
        keyDates: { releaseDate: '2027-07-10', sentenceExpiryDate: '2028-07-10' },
      }),
      201,
      EnrolPersonResponse,
    );
    const detail = await expectOk(await staff.request('GET', `/people/${person.prisonNumber}`), 200, StaffPersonDetail);
    await expectOk(await staff.request('PUT', `/people/${person.prisonNumber}/plan`, { version: 2, plan: planWith(detail, false) }), 200, PutPlanResponse);

    // The person signs in with the one-time PIN: the first thing is choosing their own.
    await page.goto(`${service.baseUrl}/sign-in`);
    await signIn(person.prisonNumber, enrolled.oneTimePin);
    await main().getByRole('heading', { name: t('signIn.newPin.title') }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('button', { name: t('session.signOut') }).count()).toBe(0);
    assertNone(await axeViolations(page, 'choose your own PIN'), 'axe violations');
    // Two PINs that differ: a plain message, nothing sent.
    await chooseOwnPin('864209', '864208');
    await page.getByRole('alert').getByText(t('signIn.newPin.errors.mismatch')).waitFor();
    assertNone(await axeViolations(page, 'choose your own PIN, with an error'), 'axe violations');
    await chooseOwnPin('864209');
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await main().getByText(goals.shared).first().waitFor();
    await main().getByText(goals.hidden).first().waitFor();
    const after = await expectOk(await staff.request('GET', `/people/${person.prisonNumber}`), 200, StaffPersonDetail);
    expect(after.mustChangePin).toBe(false);

    // Staff mark the second goal not shareable; at the next pull (the network comes back) it leaves the device.
    await expectOk(await staff.request('PUT', `/people/${person.prisonNumber}/plan`, { version: 3, plan: planWith(detail, true) }), 200, PutPlanResponse);
    await browser.context.setOffline(true);
    await browser.context.setOffline(false);
    await expect.poll(() => main().getByText(goals.hidden).count(), { timeout: 20_000 }).toBe(0);
    await main().getByText(goals.shared).first().waitFor();
    await signOut();

    // Staff reset the PIN: the person chooses again; the earlier PIN opens this device's data once.
    const reset = await expectOk(await staff.request('POST', `/people/${person.prisonNumber}/pin`, {}), 200, OneTimePinResponse);
    await signIn(person.prisonNumber, reset.oneTimePin);
    await chooseOwnPin('975310');
    await main().getByRole('heading', { name: t('signIn.pinChangedTitle') }).waitFor({ timeout: 20_000 });
    const pad = page.getByRole('group', { name: t('signIn.padLabel') });
    for (const digit of '864209') await pad.getByRole('button', { name: digit, exact: true }).click();
    await main().getByRole('button', { name: t('signIn.oldPinSubmit') }).click();
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await signOut();

    // Offline, only the newest PIN opens the plan kept on this tablet.
    await browser.context.setOffline(true);
    await signIn(person.prisonNumber, '975310');
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await main().getByText(goals.shared).first().waitFor();
    expect(await main().getByText(goals.hidden).count()).toBe(0);
    await browser.context.setOffline(false);
  }, 120_000);
});
