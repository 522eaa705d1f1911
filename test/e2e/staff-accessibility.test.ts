import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInResponse } from '../../src/domain/auth.ts';
import { currentSchemaVersion } from '../../src/domain/sync.ts';
import { demoSignIns, demoStaffSignIns } from '../../src/server/demo/index.ts';
import { applicationItem, questionnaireItem } from '../server/support/outbox.ts';
import { axeViolations } from '../support/axe.ts';
import { type Browser, launchChromium } from '../support/chromium.ts';
import { testLanguages, type TestLanguage } from '../support/locales.ts';
import { expectHeading, waitForHeading } from '../support/pages.ts';
import { assertConsoleBuilt } from '../support/paths.ts';
import { assertNone } from '../support/report.ts';
import { type Service, startService } from '../support/service.ts';
import { signInAsStaff } from '../support/staff.ts';
import { signInToConsole, staffText } from '../support/staff-console.ts';

/**
 * axe (WCAG 2.2 AA) on every page of the staff console, in English and Welsh, on a desktop and at
 * 320 px wide with text at 200%, where the page must also not scroll sideways (tables scroll
 * inside their own region). Signed in as the demo admin, who can open every page.
 */
const admin = demoStaffSignIns.find((member) => member.role === 'admin' && member.prisonId === 'NTH')!;
const sizes = [
  { name: 'desktop', width: 1280, height: 800, textPercent: 100 },
  { name: '320 px, 200% text', width: 320, height: 800, textPercent: 200 },
] as const;

let service: Service;
let browser: Browser;
let page: Page;
let routes: Array<[string, string]>;

/** A person sends an application and a questionnaire, as their device would. */
async function somethingToRead(): Promise<{ applicationId: string; questionnaireId: string }> {
  const alex = demoSignIns.find((p) => p.prisonNumber === 'A1234BC')!;
  const signedIn = await fetch(`${service.baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prisonNumber: alex.prisonNumber, pin: alex.pin }) });
  const { accessToken } = SignInResponse.parse(await signedIn.json());
  const application = applicationItem('Please can I have a copy of my OASys?', undefined, 'copyOfOasys');
  const questionnaire = questionnaireItem();
  const pushed = await fetch(`${service.baseUrl}/api/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ schemaVersion: currentSchemaVersion, items: [application, questionnaire] }),
  });
  expect(pushed.status).toBe(200);
  return { applicationId: application.id, questionnaireId: questionnaire.id };
}

beforeAll(async () => {
  assertConsoleBuilt();
  service = await startService({ deviceMode: 'tablet' });
  const { applicationId, questionnaireId } = await somethingToRead();
  const staff = await signInAsStaff(service.staffBaseUrl!, admin);
  const personId = (await staff.getApplication(applicationId)).person.personId;
  await staff.signOut();
  routes = [
    ['home', '/'],
    ['password', '/password'],
    ['people', '/people'],
    ['enrol', '/people/new'],
    ['person', '/people/A1234BC'],
    ['plan editor', '/people/A1234BC/plan'],
    ['inbox', '/applications'],
    ['application', `/applications/${applicationId}`],
    ['questionnaires', '/questionnaires'],
    ['questionnaire', `/questionnaires/${questionnaireId}`],
    ['audit of a person', `/audit?personId=${personId}&name=Alex`],
    ['audit of a member', '/audit'],
    ['accounts', '/accounts'],
    ['add account', '/accounts/new'],
    ['systems', '/systems'],
    ['add system', '/systems/new'],
    ['not found', '/no-such-page'],
  ];
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

async function setTextSize(percent: number): Promise<void> {
  // Through the CSSOM (allowed by the console's CSP, which refuses inline style elements).
  await page.evaluate((p) => {
    document.documentElement.style.fontSize = `${p}%`;
  }, percent);
}

async function check(where: string, size: (typeof sizes)[number]): Promise<string[]> {
  await setTextSize(size.textPercent);
  const problems = await axeViolations(page, where);
  if (size.width === 320) {
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > 320) problems.push(`[${where}] the page is ${wide} px wide at 320 px: it scrolls sideways`);
  }
  return problems;
}

async function scan(lang: TestLanguage, size: (typeof sizes)[number]): Promise<void> {
  const s = (key: string) => staffText(lang, key);
  await browser.context.clearCookies();
  await page.setViewportSize({ width: size.width, height: size.height });
  await page.goto(`${service.staffBaseUrl}/`);
  await page.evaluate((l) => localStorage.setItem('spc.staff.language', l), lang);
  await page.reload();
  await expectHeading(page, s('signIn.title'));
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
  const problems: string[] = [];
  const tag = `${lang} ${size.name}`;
  problems.push(...(await check(`${tag} sign-in`, size)));
  // The sign-in form with its error summary.
  await page.getByRole('main').getByRole('button', { name: s('signIn.submit') }).click();
  await page.getByRole('alert').waitFor();
  problems.push(...(await check(`${tag} sign-in with errors`, size)));

  await signInToConsole(page, service.staffBaseUrl!, admin, lang);
  for (const [name, path] of routes) {
    await page.goto(`${service.staffBaseUrl}${path}`);
    await waitForHeading(page);
    // Wait until what the page loads has come (no "Loading…").
    await page.waitForFunction((loading) => !document.body.innerText.includes(loading), s('app.loading'));
    problems.push(...(await check(`${tag} ${name} ${path}`, size)));
  }
  // An application with the plain-words advice showing, and a form's error summary.
  await page.goto(`${service.staffBaseUrl}${routes.find(([name]) => name === 'application')![1]}`);
  await waitForHeading(page);
  await page.getByRole('textbox', { name: s('application.replyLabel') }).fill('Your POM will assist you with the XYZQ form in order to get it done.');
  await page.locator('.staff-plain-words li').first().waitFor();
  await page.getByRole('button', { name: s('application.declineSubmit') }).click();
  await page.getByRole('alert').first().waitFor();
  problems.push(...(await check(`${tag} application with advice and errors`, size)));

  // The idle warning's dialog: the page's clock moves 18 minutes on (the service's does not, so
  // "stay signed in" still works there), then the timed-out page.
  await page.clock.install();
  await page.goto(`${service.staffBaseUrl}/applications`);
  await expectHeading(page, s('inbox.title'));
  // Every answer from the service starts the idle clock again: let the inbox's own requests finish first.
  await page.waitForFunction((loading) => !document.body.innerText.includes(loading), s('app.loading'));
  await page.clock.fastForward(18 * 60 * 1000 + 5000);
  const dialog = page.getByRole('alertdialog', { name: s('idle.title') });
  await dialog.waitFor();
  problems.push(...(await check(`${tag} idle warning`, size)));
  await dialog.getByRole('button', { name: s('idle.stay') }).click();
  await dialog.waitFor({ state: 'detached' });
  await browser.context.clearCookies();
  await page.getByRole('navigation', { name: s('nav.label') }).getByRole('link', { name: s('nav.questionnaires') }).click();
  await expectHeading(page, s('timedOut.title'));
  problems.push(...(await check(`${tag} timed out`, size)));
  assertNone(problems, 'axe violations');
}

describe('axe on every staff console page: zero WCAG 2.2 AA violations', () => {
  for (const size of sizes) {
    for (const lang of testLanguages) {
      it(`every page in ${lang} at ${size.name}`, () => scan(lang, size));
    }
  }
});
