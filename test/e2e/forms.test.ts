import { afterEach, describe, expect, it } from 'vitest';
import { applicationReference } from '../../src/domain/application.ts';
import { questionsOf } from '../../src/domain/questionnaire.ts';
import { saq1 } from '../../src/domain/questionnaire-sets.ts';
import { answerRequired, detailsBox, listedApplication, openApplications, sendApplication, startApplication } from '../support/applications.ts';
import { axeViolations } from '../support/axe.ts';
import { type E2E, startE2E } from '../support/e2e.ts';
import { demoPeople, signInThroughPage } from '../support/kiosk.ts';
import { text } from '../support/locales.ts';
import { expectHeading, waitForServiceWorkerControl } from '../support/pages.ts';
import { assertNone } from '../support/report.ts';
import { replyAsOmu } from '../support/staff.ts';
import { smallTargets } from '../support/targets.ts';

/**
 * The forms, in Chromium against the real built app and the real service: the self-assessment
 * filled in over an offline reload and an idle sign-out, sent once with every answer; one open
 * application per type; a reply from the OMU with its badge; a turned-down item changed and
 * sent again.
 */

const { michael } = demoPeople;
const t = (key: string) => text('en', key);
const partTitle = (id: string) => t(`questionnaire:saq-1.sections.${id}.title`);
const notSure = t('questionnaire:saq-1.scale.notSure');

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close(); // also fails the test if any page broke the Content-Security-Policy
  e2e = undefined;
});

const menu = (e: E2E) => e.page.getByRole('navigation', { name: t('nav.label') });
const personIdOf = async (e: E2E) => (await e.service.store.getPerson(michael.prisonNumber))!.personId;
/** No axe violations, and every control at least 44 × 44 px. */
async function axe(e: E2E, where: string): Promise<void> {
  assertNone(await axeViolations(e.page, where), 'axe violations');
  assertNone(await smallTargets(e.page), `controls smaller than 44 px (${where})`);
}

/** On a part's page ("a whole part on one page"): "Not sure" for every statement, then the next part. */
async function answerPart(e: E2E, section: string, note?: string): Promise<void> {
  await expectHeading(e.page, partTitle(section));
  const radios = e.page.getByRole('radio', { name: notSure, exact: true });
  for (let i = 0; i < (await radios.count()); i += 1) await radios.nth(i).check();
  if (note) await e.page.getByRole('textbox', { name: t('forms:questionnaire.noteLabel') }).first().fill(note);
  const last = section === saq1.sections.at(-1)!.id;
  await e.page.getByRole('link', { name: last ? t('forms:questionnaire.toCheck') : t('forms:questionnaire.nextPart'), exact: true }).click();
}

async function openQuestionnaire(e: E2E): Promise<void> {
  await menu(e).getByRole('link', { name: t('nav.questionnaire') }).click();
  await expectHeading(e.page, t('forms:questionnaire.title'));
}

describe('the forms in a real browser', () => {
  it('half a self-assessment offline, a reload, an idle sign-out, sign in, finish, reconnect: exactly one on the service, with every answer', { timeout: 240_000 }, async () => {
    e2e = await startE2E({ deviceMode: 'tablet' });
    const e = e2e;
    const { page } = e;
    await page.goto(e.url('/sign-in'));
    await waitForServiceWorkerControl(page);
    await signInThroughPage(page, michael);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await page.getByRole('main').getByText(michael.goal).waitFor();

    // Offline: half of it, a whole part on each page.
    await e.browser.context.setOffline(true);
    await openQuestionnaire(e);
    await page.getByRole('link', { name: t('forms:questionnaire.start') }).click();
    await page.getByText(`Question 1 of ${questionsOf(saq1).length}`).waitFor();
    await axe(e, 'questionnaire, one question');
    await openQuestionnaire(e);
    await page.getByRole('radio', { name: t('forms:questionnaire.mode.section') }).check();
    await page.getByRole('link', { name: new RegExp(`^(${t('forms:questionnaire.start')}|${t('forms:questionnaire.carryOn')})$`) }).click();
    const sections = saq1.sections.map((section) => section.id);
    await answerPart(e, sections[0]!, 'Half a note, written offline');
    for (const section of sections.slice(1, 5)) await answerPart(e, section);
    await expectHeading(page, partTitle(sections[5]!));
    await axe(e, 'questionnaire, a whole part');

    // A reload, still offline: the app starts again from the cache; nobody is signed in.
    await page.clock.install();
    await page.reload();
    await signInThroughPage(page, michael);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await openQuestionnaire(e);
    await page.getByText('1 of 2 answered').or(page.getByText('2 of 2 answered')).first().waitFor();
    await page.getByRole('link', { name: t('forms:questionnaire.carryOn') }).click();
    // Back where they were.
    await answerPart(e, sections[5]!);
    await expectHeading(page, partTitle(sections[6]!));

    // Nobody touches the tablet: the warning, then the idle sign-out; the answers stay, sealed.
    await page.clock.fastForward(14 * 60_000 + 5_000);
    await page.getByRole('alertdialog', { name: t('session.idleTitle') }).waitFor();
    await page.clock.fastForward(61_000);
    await page.getByText(t('session.signedOutIdle')).waitFor({ timeout: 15_000 });
    await page.getByText(t('session.draftSaved')).waitFor();

    // Signed in again (still offline): carry on, finish, check, send.
    await signInThroughPage(page, michael);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    await openQuestionnaire(e);
    await page.getByRole('link', { name: t('forms:questionnaire.carryOn') }).click();
    for (const section of sections.slice(6)) await answerPart(e, section);
    await expectHeading(page, t('forms:questionnaire.check.title'));
    expect(await page.getByRole('heading', { name: t('forms:questionnaire.check.missingTitle') }).count()).toBe(0);
    await page.getByText('Half a note, written offline').waitFor();
    await axe(e, 'questionnaire, check your answers');
    await page.getByRole('button', { name: t('forms:questionnaire.check.send') }).click();
    await page.getByText(t('forms:questionnaire.saved.text')).waitFor();
    await page.getByText(t('forms:questionnaire.state.waiting'), { exact: true }).waitFor();
    const personId = await personIdOf(e);
    expect(await e.service.store.listQuestionnaires(personId)).toEqual([]);

    // The network is back: sent once, with every answer.
    await e.browser.context.setOffline(false);
    await page.getByText(t('forms:questionnaire.state.sent'), { exact: true }).waitFor({ timeout: 30_000 });
    const held = await e.service.store.listQuestionnaires(personId);
    expect(held).toHaveLength(1);
    const statements = questionsOf(saq1).filter((question) => question.kind === 'statement');
    expect(Object.keys(held[0]!.answers).sort()).toEqual(statements.map((question) => question.id).sort());
    expect(Object.values(held[0]!.answers).every((answer) => answer.choice === 'notSure')).toBe(true);
    expect(held[0]!.answers['home.placeToLive']).toEqual({ choice: 'notSure', note: 'Half a note, written offline' });
  });

  it('one open application per type; a reply from the OMU with its badge; a turned-down one changed and sent again', { timeout: 180_000 }, async () => {
    e2e = await startE2E({ deviceMode: 'kiosk' });
    const e = e2e;
    const { page } = e;
    await page.goto(e.url('/sign-in'));
    await signInThroughPage(page, michael);
    await expectHeading(page, t('plan:whatsNext.title'), 20_000);
    const personId = await personIdOf(e);

    // A very long word does not push the page wider, even 320 px wide.
    const long = `Please${'W'.repeat(300)}`;
    await sendApplication(page, 'seeMyPom', long);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(async () => (await e.service.store.listApplications(personId)).length, { timeout: 20_000 }).toBe(1);
    const [first] = await e.service.store.listApplications(personId);
    await page.getByText(t('forms:applications.reference').replace('{{reference}}', applicationReference(first!.id))).waitFor();
    await axe(e, 'an application, just sent');

    // A second of the same type is refused on the device, with the open one shown.
    await startApplication(page, 'seeMyPom');
    await page.getByText(t('forms:alreadyOpen.text')).waitFor();
    await axe(e, 'the form, with an open one of its type');
    const openLink = page.getByRole('link', { name: t('forms:alreadyOpen.link').replace('{{reference}}', applicationReference(first!.id)) });
    expect(await openLink.getAttribute('href')).toBe(`/applications/${first!.id}`);
    await answerRequired(page, 'seeMyPom');
    await detailsBox(page).fill('A second one');
    await page.getByRole('button', { name: t('forms:form.submit') }).click();
    await page.getByRole('alert').getByRole('link', { name: t('forms:alreadyOpen.title') }).waitFor();
    await axe(e, 'a second application of an open type');
    expect(await e.service.store.listApplications(personId)).toHaveLength(1);

    // The OMU answers through its API on the staff listener, as staff do; at the next sync: a badge, and the thread.
    const answered = await replyAsOmu(e.service.staffBaseUrl!, first!.id, 'Your POM will see you on Tuesday morning.');
    expect(answered.status).toBe('answered');
    await e.browser.context.setOffline(true);
    await e.browser.context.setOffline(false);
    await menu(e).getByText('1 new reply').waitFor({ timeout: 30_000 });
    await openApplications(page);
    const row = listedApplication(page, long);
    await row.getByText(t('forms:applications.newTag')).waitFor();
    await row.getByRole('link', { name: t('forms:type.seeMyPom') }).click();
    await page.getByText('Your POM will see you on Tuesday morning.').waitFor();
    await page.getByRole('group', { name: t('readAloud.label') }).getByRole('button', { name: t('readAloud.listen') }).waitFor();
    await expect.poll(() => menu(e).getByText('1 new reply').count(), { timeout: 10_000 }).toBe(0);
    await axe(e, 'a reply from the OMU');

    // The service turns one down (the push's answer says so, for this one item); it is changed and sent again.
    let turnedDown: string | null = null;
    await page.route('**/api/sync/push', async (route) => {
      const body = route.request().postDataJSON() as { items: Array<{ id: string; payload: { details?: string } }> };
      const item = body.items.find((i) => i.payload.details?.includes('Turn me down'));
      if (!item || turnedDown) return route.continue();
      turnedDown = item.id;
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ schemaVersion: 1, results: [{ id: item.id, status: 'rejected', code: 'invalid', message: 'This needs more detail.' }] }),
      });
    });
    await sendApplication(page, 'other', 'Turn me down, please');
    await page.getByText('Why: This needs more detail.').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: t('forms:rejected.change') }).click();
    await expectHeading(page, t('forms:form.changeTitle'));
    await expect.poll(() => detailsBox(page).inputValue()).toBe('Turn me down, please');
    await detailsBox(page).fill('I would like to know who my COM is, please.');
    await page.getByRole('button', { name: t('forms:form.submit') }).click();
    await page.getByText(t('forms:form.saved')).waitFor();
    await expect.poll(async () => (await e.service.store.listApplications(personId)).map((a) => a.details).sort(), { timeout: 20_000 }).toEqual(
      ['I would like to know who my COM is, please.', long].sort(),
    );
    const resent = (await e.service.store.listApplications(personId)).find((a) => a.details.startsWith('I would like'))!;
    expect(resent.id).not.toBe(turnedDown);
    await page.getByText(t('forms:applications.replaces').replace('{{reference}}', applicationReference(turnedDown!))).waitFor();
    await openApplications(page);
    await listedApplication(page, 'Turn me down, please').getByText(t('forms:status.rejected')).waitFor();
  });
});
