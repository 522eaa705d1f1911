import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import cy from '../../locales/cy/common.json' with { type: 'json' };
import en from '../../locales/en/common.json' with { type: 'json' };
import { renderApp } from './render-app.tsx';
import { alice, sessionWorld, signInAs } from './session-world.tsx';

let world: ReturnType<typeof sessionWorld>;
afterEach(async () => {
  await world?.dispose();
});

describe('your plan', { timeout: 15_000 }, () => {
  it('signed out, asks the person to sign in, then comes back to the plan', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    renderApp({ path: '/plan', session: world.session });
    expect(await screen.findByRole('heading', { level: 1, name: en.plan.title })).toBeInTheDocument();
    expect(screen.getByText(en.signIn.promptText)).toBeInTheDocument();
    expect(screen.queryByText(/Goal 1/)).not.toBeInTheDocument();
    await user.click(within(screen.getByRole('main')).getByRole('link', { name: en.signIn.promptLink }));
    await signInAs(user, alice);
    expect(await screen.findByText('Goal 1: Finish the Thinking Skills Programme')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: en.plan.title })).toBeInTheDocument();
  });

  it('shows goals in priority order with how you will know, dates, status, steps and who does them, key dates and reviews', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, alice);
    await screen.findByText('Goal 1: Finish the Thinking Skills Programme');

    const goals = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(goals).toEqual(['Goal 1: Finish the Thinking Skills Programme', 'Goal 2: Get a level 1 English certificate']);
    const first = screen.getByText('Goal 1: Finish the Thinking Skills Programme').closest('li')!;
    expect(within(first).getByText('Your tutor says you have finished.')).toBeInTheDocument();
    expect(within(first).getByText('30 April 2027')).toBeInTheDocument();
    expect(within(first).getByText(en.plan.objectiveStatus.active)).toBeInTheDocument();
    expect(within(first).getByText(en.plan.outsideControl)).toBeInTheDocument();
    expect(within(first).getByText('The course starts when there are enough places.')).toBeInTheDocument();
    const step = within(first).getByText('Put your name down for the course.').closest('li')!;
    expect(step).toHaveTextContent('Who does it: Your prison offender manager (POM)');
    expect(step).toHaveTextContent('Where it is up to: Done');
    const second = screen.getByText('Goal 2: Get a level 1 English certificate').closest('li')!;
    expect(second).toHaveTextContent('By: 1 February 2027');

    expect(screen.getByRole('heading', { level: 2, name: en.plan.keyDatesTitle })).toBeInTheDocument();
    expect(screen.getByText(en.plan.keyDates.releaseDate).nextSibling).toHaveTextContent('1 September 2027');
    expect(screen.getByText('Sentence plan review: 15 September 2026, by your POM')).toBeInTheDocument();
    expect(screen.getByText('First OASys assessment: 20 October 2025, by your POM')).toBeInTheDocument();
    expect(screen.getByText('Your plan was last changed on 20 November 2026.')).toBeInTheDocument();
  });

  it('in Welsh, with Welsh dates', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session, language: 'cy' });
    const number = await screen.findByRole('textbox', { name: cy.signIn.prisonNumberLabel });
    await user.type(number, alice.prisonNumber);
    const pad = screen.getByRole('group', { name: cy.signIn.padLabel });
    for (const digit of alice.pin) await user.click(within(pad).getByRole('button', { name: digit }));
    await user.click(screen.getByRole('button', { name: cy.signIn.submit }));
    expect(await screen.findByText('Nod 1: Finish the Thinking Skills Programme')).toBeInTheDocument();
    expect(screen.getByText('30 Ebrill 2027')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: cy.plan.keyDatesTitle })).toBeInTheDocument();
  });
});
