import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import cyCommon from '../../locales/cy/common.json' with { type: 'json' };
import cy from '../../locales/cy/plan.json' with { type: 'json' };
import enCommon from '../../locales/en/common.json' with { type: 'json' };
import enForms from '../../locales/en/forms.json' with { type: 'json' };
import en from '../../locales/en/plan.json' with { type: 'json' };
import { renderApp } from './render-app.tsx';
import { carl, dee, liferPlan, testToday } from './plan-fixtures.ts';
import { alice, planFor, sessionWorld, signInAs } from './session-world.tsx';

let world: ReturnType<typeof sessionWorld>;
beforeEach(() => {
  // The plans are read on 1 December 2026 (only Date is changed: timers run as usual).
  vi.useFakeTimers({ now: testToday, toFake: ['Date'] });
});
afterEach(async () => {
  await world?.dispose();
  vi.useRealTimers();
});

/** A world with Carl (a life sentence) besides Alice and Bob. */
function withCarl(plan = liferPlan(carl.personId)) {
  world = sessionWorld({ deviceMode: 'tablet' });
  world.service.addPerson(carl);
  world.service.addChange(carl.personId, { entity: 'plan', data: plan });
  return world;
}

const main = () => within(screen.getByRole('main'));
/** The value beside a label in a summary list. */
const rowValue = (label: string) => screen.getByText(label).closest('.govuk-summary-list__row')!.querySelector('dd');
/** An element whose own text is exactly this (the sentences of read-aloud may split it into spans). */
/** What a person sees of an element: without the glossary meanings that are closed (hidden). */
const shownText = (el: Element | null) => {
  const copy = el?.cloneNode(true) as Element | undefined;
  copy?.querySelectorAll('[hidden]').forEach((hidden) => hidden.remove());
  return copy?.textContent ?? '';
};
const wholeText = (text: string) => screen.getByText((_, el) => el?.textContent === text && ![...(el?.children ?? [])].some((c) => c.textContent === text));
const section = (name: string) => screen.getByRole('heading', { name }).closest('section') as HTMLElement;

describe("the home page's first step", { timeout: 15_000 }, () => {
  it('signed out: one big "Sign in to see your plan" and "Read the guides"; nothing the menu already has', async () => {
    world = sessionWorld();
    renderApp({ path: '/', session: world.session });
    const links = main().getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      [enCommon.home.signInAction, '/sign-in'],
      [enCommon.home.guidesAction, '/explainers'],
    ]);
    expect(links[0]).toHaveClass('govuk-button');
  });

  it('on a family device (no sign-in) the guides are the one action', async () => {
    renderApp({ path: '/', session: { deviceMode: 'public' } });
    expect(main().getAllByRole('link').map((link) => link.textContent)).toEqual([enCommon.home.guidesAction]);
    expect(main().getByRole('link')).toHaveClass('govuk-button');
  });
});

describe("What's next", { timeout: 20_000 }, () => {
  it('after sign-in: "See my plan", the person\'s own steps soonest first, dates coming up with countdowns, nothing late', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, alice);
    expect(await screen.findByRole('heading', { level: 1, name: en.whatsNext.title })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: en.whatsNext.seeMyPlan })).toHaveAttribute('href', '/plan');
    await screen.findByRole('heading', { name: en.whatsNext.stepsTitle });
    const steps = section(en.whatsNext.stepsTitle);
    expect(within(steps).getByText('Go to every session.')).toBeInTheDocument();
    expect(within(steps).getByText('Do it by 30 April 2027 (in 5 months), when the goal is due')).toBeInTheDocument();
    expect(within(steps).getByRole('link', { name: 'Finish the Thinking Skills Programme' })).toHaveAttribute('href', '/plan/goals/o1');
    // Only the person's own steps: the education team's step is not "your next step".
    expect(within(steps).queryByText('Book a date for your test.')).not.toBeInTheDocument();
    const coming = section(en.whatsNext.comingTitle);
    expect(within(coming).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'in 9 months (18 August 2027): Your OASys review before you leave',
      'in 9 months (1 September 2027): Release date',
      'in 2 years (1 September 2029): End of your sentence',
    ]);
    expect(screen.queryByRole('heading', { name: en.whatsNext.lateTitle })).not.toBeInTheDocument();
    expect(screen.getByText('Plan last updated from the prison on 20 November 2026.')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: enCommon.readAloud.label })).toBeInTheDocument();
  });

  it('a life sentence: the OASys review looks about 6 months late, with why and "Ask the OMU about this"; the pre-tariff sift is due soon', async () => {
    withCarl();
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, carl);
    const late = await screen.findByRole('heading', { level: 2, name: en.whatsNext.lateTitle });
    const review = within(late.closest('section')!).getByRole('heading', { name: en.reviews.due.oasysReview }).closest('li')!;
    expect(review).toHaveTextContent(en.reviews.tag.looksLate);
    expect(review).toHaveTextContent('It was due on 1 June 2026. It looks about 6 months late.');
    expect(review).toHaveTextContent('Your last OASys review was on 1 June 2023. With a life sentence or another sentence with no fixed end date, it should be looked at again at least every 3 years.');
    expect(review).toHaveTextContent(en.reviews.maybeDone);
    expect(review.textContent).not.toMatch(/is late|overdue/i);
    const ask = within(review).getByRole('link', { name: en.reviews.ask });
    expect(ask).toHaveAttribute('href', '/applications/new/reviewMyOasys?about=oasysReviewLooksLate');
    // The pre-tariff sift: due this month, not late.
    expect(section(en.whatsNext.comingTitle)).toHaveTextContent('in 14 days (15 December 2026): Your OASys review for the pre-tariff sift');
    // His own next step soonest first; the finished goal is not "next".
    const steps = within(section(en.whatsNext.stepsTitle)).getAllByRole('listitem');
    expect(steps[0]).toHaveTextContent('Go to the open day on the unit.');
    expect(steps[0]).toHaveTextContent('Do it by 27 December 2026 (in 26 days)');
    // One tap opens the form of that type, with words written in for the person to change.
    await user.click(ask);
    expect(await screen.findByRole('heading', { level: 1, name: enForms.type.reviewMyOasys })).toBeInTheDocument();
    expect(await screen.findByRole('textbox', { name: enForms.details.label })).toHaveValue(enForms.about.oasysReviewLooksLate);
  });

  it('in Welsh: Welsh words and dates, staff\'s English marked as English, with a note', async () => {
    withCarl();
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session, language: 'cy' });
    const number = await screen.findByRole('textbox', { name: cyCommon.signIn.prisonNumberLabel });
    await user.type(number, carl.prisonNumber);
    const pad = screen.getByRole('group', { name: cyCommon.signIn.padLabel });
    for (const digit of carl.pin) await user.click(within(pad).getByRole('button', { name: digit }));
    await user.click(screen.getByRole('button', { name: cyCommon.signIn.submit }));
    expect(await screen.findByRole('heading', { level: 1, name: cy.whatsNext.title })).toBeInTheDocument();
    await screen.findByRole('heading', { name: cy.whatsNext.lateTitle });
    const late = section(cy.whatsNext.lateTitle);
    expect(late).toHaveTextContent("Roedd yn ddyledus ar 1 Mehefin 2026. Mae'n edrych tua 6 mis yn hwyr.");
    expect(within(late).getByRole('link', { name: cy.reviews.ask })).toBeInTheDocument();
    expect(screen.getByText(cy.staffEnglish)).toBeInTheDocument();
    const step = screen.getByText('Go to the open day on the unit.');
    expect(step.closest('[lang="en"]')).not.toBeNull();
    expect(screen.getByText(/Gwnewch hyn erbyn 27 Rhagfyr 2026 \(ymhen 26 diwrnod\)/)).toBeInTheDocument();
  });
});

describe('your plan', { timeout: 20_000 }, () => {
  it('signed out, asks the person to sign in, then comes back to the plan', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    renderApp({ path: '/plan', session: world.session });
    expect(await screen.findByRole('heading', { level: 1, name: en.title })).toBeInTheDocument();
    expect(screen.getByText(enCommon.signIn.promptText)).toBeInTheDocument();
    await user.click(await main().findByRole('link', { name: enCommon.signIn.promptLink }));
    await signInAs(user, alice);
    expect(await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: en.title })).toBeInTheDocument();
  });

  it('goals grouped "Working on now / Later / Done" with progress; the finished goal is in Done, not first', async () => {
    withCarl();
    const user = userEvent.setup();
    renderApp({ path: '/plan', session: world.session });
    await user.click(await main().findByRole('link', { name: enCommon.signIn.promptLink }));
    await signInAs(user, carl);
    await screen.findByRole('heading', { level: 3, name: en.overview.groups.now });
    const groups = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(groups).toEqual([en.overview.groups.now, en.overview.groups.later, en.overview.groups.done]);
    const now = section(en.overview.groups.now);
    expect(within(now).getAllByRole('link').map((l) => l.textContent)).toEqual(['Spend time on a Progression PIPE unit', 'Build up contact with your family']);
    expect(within(now).getAllByRole('listitem')[0]).toHaveTextContent('Steps done: 2 of 4');
    expect(within(now).getAllByRole('listitem')[0]).toHaveTextContent('Do it by 1 December 2027 (in 12 months)');
    const done = section(en.overview.groups.done);
    expect(within(done).getByRole('link', { name: 'Finish the Kaizen course' })).toBeInTheDocument();
    expect(done).toHaveTextContent('Done on 1 April 2024');
    expect(wholeText(en.agreement.agreed)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: en.overview.datesLink })).toHaveAttribute('href', '/plan/timeline');
    expect(screen.getByRole('link', { name: en.overview.printLink })).toHaveAttribute('href', '/plan/print');
  });

  it('did not agree: the agreement line gives the next step, to the form with the type chosen', async () => {
    world = sessionWorld();
    world.service.addPerson(dee);
    world.service.addChange(dee.personId, { entity: 'plan', data: { ...planFor(dee.personId, 'Finish a course about violence'), agreement: 'notAgreed' } });
    const user = userEvent.setup();
    renderApp({ path: '/plan', session: world.session });
    await user.click(await main().findByRole('link', { name: enCommon.signIn.promptLink }));
    await signInAs(user, dee);
    expect(await screen.findByRole('link', { name: en.agreement.tellOmu })).toBeInTheDocument();
    expect(wholeText(en.agreement.notAgreed)).toBeInTheDocument();
    const tell = screen.getByRole('link', { name: en.agreement.tellOmu });
    expect(tell).toHaveAttribute('href', '/applications/new/disagreeWithPlan?about=planNotAgreed');
    await user.click(tell);
    expect(await screen.findByRole('heading', { level: 1, name: enForms.type.disagreeWithPlan })).toBeInTheDocument();
    expect(await screen.findByRole('textbox', { name: enForms.details.label })).toHaveValue(enForms.about.planNotAgreed);
  });

  it('in Welsh, with Welsh dates and the goal titles marked as English', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    renderApp({ path: '/plan', session: world.session, language: 'cy' });
    await user.click(await main().findByRole('link', { name: cyCommon.signIn.promptLink }));
    const number = await screen.findByRole('textbox', { name: cyCommon.signIn.prisonNumberLabel });
    await user.type(number, alice.prisonNumber);
    const pad = screen.getByRole('group', { name: cyCommon.signIn.padLabel });
    for (const digit of alice.pin) await user.click(within(pad).getByRole('button', { name: digit }));
    await user.click(screen.getByRole('button', { name: cyCommon.signIn.submit }));
    const goal = await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' });
    expect(goal.querySelector('[lang="en"]') ?? goal.closest('[lang="en"]')).not.toBeNull();
    expect(screen.getByText('Gwnewch hyn erbyn 30 Ebrill 2027 (ymhen 5 mis)')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: cy.overview.groups.now })).toBeInTheDocument();
    expect(screen.getByText('Cafodd y cynllun ei ddiweddaru ddiwethaf gan y carchar ar 20 Tachwedd 2026.')).toBeInTheDocument();
  });
});

describe('a goal', { timeout: 20_000 }, () => {
  async function openGoal(path: string, who = carl, language: 'en' | 'cy' = 'en') {
    const user = userEvent.setup();
    renderApp({ path, session: world.session, language });
    await user.click(await main().findByRole('link', { name: (language === 'en' ? enCommon : cyCommon).signIn.promptLink }));
    const number = await screen.findByRole('textbox', { name: (language === 'en' ? enCommon : cyCommon).signIn.prisonNumberLabel });
    await user.type(number, who.prisonNumber);
    const pad = screen.getByRole('group', { name: (language === 'en' ? enCommon : cyCommon).signIn.padLabel });
    for (const digit of who.pin) await user.click(within(pad).getByRole('button', { name: digit }));
    await user.click(screen.getByRole('button', { name: (language === 'en' ? enCommon : cyCommon).signIn.submit }));
    return user;
  }

  it('its steps, who does each, dates with countdowns, why it matters and the outside-control note', async () => {
    withCarl();
    await openGoal('/plan/goals/pipe');
    expect(await screen.findByRole('heading', { level: 1, name: 'Spend time on a Progression PIPE unit' })).toBeInTheDocument();
    await screen.findByText(en.goal.why);
    expect(shownText(rowValue(en.goal.why))).toBe('Living on a PIPE unit helps you use what you learnt on Kaizen.');
    expect(shownText(rowValue(en.goal.measure))).toBe('You have lived on a PIPE unit for at least 6 months.');
    expect(rowValue(en.goal.doBy)).toHaveTextContent('1 December 2027 (in 12 months)');
    expect(shownText(screen.getByText(en.goal.outsideControl).closest('.govuk-inset-text'))).toBe(`${en.goal.outsideControl}There is a waiting list for places.${en.goal.outsideControlNote}`);
    const steps = within(screen.getByRole('heading', { level: 2, name: en.goal.steps }).nextElementSibling as HTMLElement).getAllByRole('listitem');
    expect(steps).toHaveLength(4);
    expect(steps[1]).toHaveTextContent('Go to the open day on the unit.');
    expect(steps[1]).toHaveTextContent('Who does it: You');
    expect(steps[1]).toHaveTextContent(en.stepStatus.notStarted);
    expect(steps[1]).toHaveTextContent('Do it by 27 December 2026 (in 26 days)');
    expect(steps[3]).toHaveTextContent('Who does it: Your prison offender manager (POM)');
  });

  it('glossary terms in staff\'s words open their meaning', async () => {
    withCarl();
    const user = await openGoal('/plan/goals/licence');
    const term = await screen.findByRole('button', { name: 'approved premises' });
    expect(term).toHaveAttribute('aria-expanded', 'false');
    await user.click(term);
    expect(term).toHaveAttribute('aria-expanded', 'true');
    expect(document.getElementById(term.getAttribute('aria-controls')!)).toBeVisible();
    expect(document.getElementById(term.getAttribute('aria-controls')!)).toHaveTextContent(/approved premises/i);
  });

  it('a finished goal celebrates', async () => {
    withCarl();
    await openGoal('/plan/goals/kaizen');
    expect(await screen.findByRole('heading', { level: 2, name: en.goal.achievedTitle })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: en.goal.achievedTitle }).parentElement).toHaveTextContent('You finished this goal on 1 April 2024. Well done.');
  });

  it('in Welsh: staff\'s words are English, their meanings Welsh', async () => {
    withCarl();
    const user = await openGoal('/plan/goals/licence', carl, 'cy');
    const title = await screen.findByRole('heading', { level: 1, name: 'Get ready for life on licence' });
    expect(title.querySelector('[lang="en"]')).not.toBeNull();
    expect(screen.getByText(cy.staffEnglish)).toBeInTheDocument();
    const term = await screen.findByRole('button', { name: 'approved premises' });
    expect(term.closest('[lang="en"]')).not.toBeNull();
    await user.click(term);
    const meaning = document.getElementById(term.getAttribute('aria-controls')!)!;
    expect(meaning).toHaveAttribute('lang', 'cy');
    expect(meaning).toHaveTextContent(/eiddo cymeradwy/);
  });

  it('a goal that is no longer in the plan says so, with the way back', async () => {
    withCarl();
    await openGoal('/plan/goals/gone');
    expect(await screen.findByText(en.goal.notFound)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: en.goal.back })).toHaveAttribute('href', '/plan');
  });
});

describe('dates and reviews', { timeout: 20_000 }, () => {
  it('looks late first, then coming up with countdowns, then what already happened', async () => {
    withCarl();
    const user = userEvent.setup();
    renderApp({ path: '/plan/timeline', session: world.session });
    await user.click(await main().findByRole('link', { name: enCommon.signIn.promptLink }));
    await signInAs(user, carl);
    await screen.findByRole('heading', { level: 2, name: en.timeline.lateTitle });
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([en.timeline.lateTitle, en.timeline.comingTitle, en.timeline.pastTitle]);
    const coming = section(en.timeline.comingTitle);
    const comingHeadings = within(coming).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(comingHeadings.slice(0, 3)).toEqual([en.reviews.due.preTariffSift, en.reviews.due.sentencePlanReview, en.reviews.due.preRelease]);
    expect(coming).toHaveTextContent('Due by 15 December 2026 (in 14 days).');
    expect(coming).toHaveTextContent('Your parole eligibility date (PED) is 1 June 2029. Your OASys should be looked at 2 years and 24 weeks before it. This is for the pre-tariff sift.');
    expect(coming).toHaveTextContent('1 June 2029 (in 2 years)');
    const past = section(en.timeline.pastTitle);
    expect(past).toHaveTextContent('OASys review, by your POM');
    expect(past).toHaveTextContent('1 June 2023 (3 years ago)');
    expect(past).toHaveTextContent(en.event.transfer);
    expect(past).toHaveTextContent(en.timeline.goalDone);
    // Staff's words, with the glossary term in them ready to open.
    expect(within(past).getByRole('button', { name: 'Kaizen' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('in Welsh: Welsh headings, dates, countdowns and reasons; staff\'s words marked as English', async () => {
    withCarl();
    const user = userEvent.setup();
    renderApp({ path: '/plan/timeline', session: world.session, language: 'cy' });
    await user.click(await main().findByRole('link', { name: cyCommon.signIn.promptLink }));
    const number = await screen.findByRole('textbox', { name: cyCommon.signIn.prisonNumberLabel });
    await user.type(number, carl.prisonNumber);
    const pad = screen.getByRole('group', { name: cyCommon.signIn.padLabel });
    for (const digit of carl.pin) await user.click(within(pad).getByRole('button', { name: digit }));
    await user.click(screen.getByRole('button', { name: cyCommon.signIn.submit }));
    expect(await screen.findByRole('heading', { level: 1, name: cy.timeline.title })).toBeInTheDocument();
    await screen.findByRole('heading', { level: 2, name: cy.timeline.lateTitle });
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([cy.timeline.lateTitle, cy.timeline.comingTitle, cy.timeline.pastTitle]);
    const late = section(cy.timeline.lateTitle);
    expect(within(late).getByRole('heading', { level: 3, name: cy.reviews.due.oasysReview })).toBeInTheDocument();
    expect(late).toHaveTextContent("Roedd yn ddyledus ar 1 Mehefin 2026. Mae'n edrych tua 6 mis yn hwyr.");
    expect(within(late).getByRole('link', { name: cy.reviews.ask })).toBeInTheDocument();
    const coming = section(cy.timeline.comingTitle);
    expect(within(coming).getAllByRole('heading', { level: 3 })[0]).toHaveTextContent(cy.reviews.due.preTariffSift);
    expect(coming).toHaveTextContent('Yn ddyledus erbyn 15 Rhagfyr 2026 (ymhen 14 diwrnod).');
    expect(coming).toHaveTextContent('Eich dyddiad cymhwysedd parôl (PED) yw 1 Mehefin 2029.');
    const past = section(cy.timeline.pastTitle);
    expect(past).toHaveTextContent('1 Mehefin 2023');
    expect(past).toHaveTextContent(cy.timeline.goalDone);
    // The goal done is staff's English, inside lang="en", and the page says once why.
    const kaizen = within(past).getByRole('button', { name: 'Kaizen' });
    expect(kaizen.closest('[lang="en"]')).not.toBeNull();
    expect(screen.getAllByText(cy.staffEnglish)).toHaveLength(1);
    expect(screen.queryByText(en.timeline.comingTitle)).toBeNull();
  });

  it('missing dates say "we don\'t know yet", never a wrong date', async () => {
    withCarl(liferPlan(carl.personId, { keyDates: { tariffExpiryDate: '2029-06-01' } }));
    const user = userEvent.setup();
    renderApp({ path: '/plan/timeline', session: world.session });
    await user.click(await main().findByRole('link', { name: enCommon.signIn.promptLink }));
    await signInAs(user, carl);
    const unknown = (await screen.findByRole('heading', { level: 2, name: en.timeline.unknownTitle })).closest('section')!;
    expect(unknown).toHaveTextContent("Earliest date for parole: we don't know this date yet.");
    expect(within(unknown).getByRole('heading', { name: en.reviews.due.preTariffSift }).closest('li')).toHaveTextContent(
      "We don't know your parole eligibility date (PED) yet. So we cannot say when the review for the pre-tariff sift is due.",
    );
    expect(within(unknown).getAllByText(en.reviews.when.unknown)).toHaveLength(2);
  });
});

describe('print or save', { timeout: 20_000 }, () => {
  it('name, prison number, the date printed, goals with their steps, dates and reviews, and a print button', async () => {
    withCarl();
    const user = userEvent.setup();
    renderApp({ path: '/plan/print', session: world.session });
    await user.click(await main().findByRole('link', { name: enCommon.signIn.promptLink }));
    await signInAs(user, carl);
    expect(await screen.findByRole('heading', { level: 1, name: en.print.title })).toBeInTheDocument();
    await screen.findByText(en.print.name);
    expect(rowValue(en.print.name)).toHaveTextContent('Carl');
    expect(rowValue(en.print.prisonNumber)).toHaveTextContent('C3456DE');
    expect(rowValue(en.print.printed)).toHaveTextContent('1 December 2026');
    expect(screen.getByText('Send a visiting order to your sister.')).toBeInTheDocument();
    expect(screen.getByText(en.print.datesTitle)).toBeInTheDocument();
    expect(screen.getByText(/^Your OASys review: Looks late\./)).toBeInTheDocument();
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await user.click(screen.getByRole('button', { name: en.print.print }));
    expect(print).toHaveBeenCalledTimes(1);
    expect(screen.getByText(en.print.askStaff)).toBeInTheDocument();
  });
  it('in Welsh: the labels and dates are Welsh, staff\'s goals and steps are marked as English', async () => {
    withCarl();
    const user = userEvent.setup();
    renderApp({ path: '/plan/print', session: world.session, language: 'cy' });
    await user.click(await main().findByRole('link', { name: cyCommon.signIn.promptLink }));
    const number = await screen.findByRole('textbox', { name: cyCommon.signIn.prisonNumberLabel });
    await user.type(number, carl.prisonNumber);
    const pad = screen.getByRole('group', { name: cyCommon.signIn.padLabel });
    for (const digit of carl.pin) await user.click(within(pad).getByRole('button', { name: digit }));
    await user.click(screen.getByRole('button', { name: cyCommon.signIn.submit }));
    expect(await screen.findByRole('heading', { level: 1, name: cy.print.title })).toBeInTheDocument();
    await screen.findByText(cy.print.name);
    expect(rowValue(cy.print.name)).toHaveTextContent('Carl');
    expect(rowValue(cy.print.prisonNumber)).toHaveTextContent('C3456DE');
    expect(rowValue(cy.print.printed)).toHaveTextContent('1 Rhagfyr 2026');
    expect(screen.getByText(cy.print.goalsTitle)).toBeInTheDocument();
    expect(screen.getByText(cy.print.datesTitle)).toBeInTheDocument();
    expect(screen.getByText(/^Eich adolygiad OASys: Mae'n edrych yn hwyr\./)).toBeInTheDocument();
    expect(screen.getByText('Send a visiting order to your sister.').closest('[lang="en"]')).not.toBeNull();
    expect(screen.getByRole('button', { name: cy.print.print })).toBeInTheDocument();
    expect(screen.getByText(cy.print.askStaff)).toBeInTheDocument();
  });
});

describe('what changed since you last looked', { timeout: 30_000 }, () => {
  /** A minute on, the network comes back: the device pulls what the service has. */
  const later = () => {
    vi.setSystemTime(new Date(Date.now() + 60_000));
    window.dispatchEvent(new Event('online'));
  };

  it('a new goal, a step done and a date moved are marked; the marks clear at the next sign-in', async () => {
    world = sessionWorld({ deviceMode: 'tablet' });
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, alice);
    expect(await screen.findByText(en.whatsNext.changesNone)).toBeInTheDocument();

    // Staff change the plan; the device pulls it (here: the network comes back).
    const before = planFor(alice.personId, 'Finish the Thinking Skills Programme');
    const after = {
      ...before,
      updatedAt: '2026-11-28T09:00:00Z',
      objectives: [
        ...before.objectives.map((o) =>
          o.id === 'o1' ? { ...o, dueBy: '2027-05-31', steps: o.steps.map((s) => (s.id === 's2' ? { ...s, status: 'completed' as const } : s)) } : o,
        ),
        { id: 'o3', area: 'finances' as const, priority: 3, title: 'Open a bank account', measure: 'You have a bank card.', status: 'active' as const, dueBy: '2027-06-01', steps: [] },
      ],
    };
    world.service.addChange(alice.personId, { entity: 'plan', data: after });
    later();
    const changes = await screen.findByRole('heading', { name: en.whatsNext.changesTitle });
    await waitFor(() => expect(changes.closest('section')).toHaveTextContent('New goal: Open a bank account'));
    const list = changes.closest('section')!;
    expect(list).toHaveTextContent('Step done: Go to every session.');
    expect(list).toHaveTextContent('New date for a goal, 31 May 2027 (it was 30 April 2027): Finish the Thinking Skills Programme');

    // The plan page marks the same goals, during this sign-in.
    await user.click(screen.getByRole('link', { name: en.whatsNext.seeMyPlan }));
    const newGoal = await screen.findByRole('link', { name: 'Open a bank account' });
    expect(newGoal.parentElement).toHaveTextContent(en.marks.new);
    expect(screen.getByRole('link', { name: 'Finish the Thinking Skills Programme' }).parentElement).toHaveTextContent(en.marks.changed);

    // Seen: at the next sign-in nothing is marked.
    await user.click(screen.getByRole('button', { name: enCommon.session.signOut }));
    await screen.findByText(enCommon.session.signedOut, {}, { timeout: 5000 });
    await user.click(screen.getByRole('link', { name: enCommon.nav.signIn }));
    await signInAs(user, alice);
    expect(await screen.findByText(en.whatsNext.changesNone)).toBeInTheDocument();
  });

  it('a plan from the service that fails its check: the last good plan stays, with a plain notice', async () => {
    world = sessionWorld({ deviceMode: 'tablet' });
    const user = userEvent.setup();
    renderApp({ path: '/plan', session: world.session });
    await user.click(await main().findByRole('link', { name: enCommon.signIn.promptLink }));
    await signInAs(user, alice);
    await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const broken = { ...planFor(alice.personId, 'A goal from a newer version'), updatedAt: '2026-11-30T09:00:00Z', agreement: 'maybeLater' };
    world.service.addChange(alice.personId, { entity: 'plan', data: broken } as never);
    later();
    expect(await screen.findByText(en.rejected.heading, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText(en.rejected.text)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Finish the Thinking Skills Programme' })).toBeInTheDocument();
    expect(screen.queryByText('A goal from a newer version')).not.toBeInTheDocument();
    expect(screen.getByText('Plan last updated from the prison on 20 November 2026.')).toBeInTheDocument();
    expect(warn).toHaveBeenCalled();
  });
});
