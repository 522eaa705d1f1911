import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../locales/en/common.json' with { type: 'json' };
import forms from '../../locales/en/forms.json' with { type: 'json' };
import oasys from '../../locales/en/topics/oasys.json' with { type: 'json' };
import { detailsBox } from './applications-helpers.tsx';
import { renderApp } from './render-app.tsx';
import { alice, sessionWorld, signInAs } from './session-world.tsx';

let world: ReturnType<typeof sessionWorld>;
afterEach(async () => {
  await world?.dispose();
});

describe('"What you can do" in a guide', { timeout: 20_000 }, () => {
  it('every action is a link: to the right application with its words written in, or to where to go', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    renderApp({ path: '/explainers/oasys', session: world.session });
    const section = (await screen.findByRole('heading', { level: 2, name: en.explainers.whatYouCanDo })).closest('section')!;
    const links = within(section).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/applications/new/copyOfOasys?about=oasysCopy',
      '/applications/new/reviewMyOasys?about=oasysReview',
      '/explainers/getting-help#part-2',
    ]);
    expect(links.map((link) => link.textContent)).toEqual(oasys.actions.map((action) => action.label));

    // Signed out, it asks for a sign-in first, then opens the application.
    await user.click(links[0]!);
    await user.click(await within(screen.getByRole('main')).findByRole('link', { name: en.signIn.promptLink }));
    await signInAs(user, alice);
    await screen.findByRole('heading', { level: 1, name: forms.type.copyOfOasys });
    expect(await screen.findByRole('radio', { name: forms.field.whichCopy.options.oasys })).toBeChecked();
    expect(detailsBox()).toHaveValue(forms.about.oasysCopy);
  });

  it('leads to the part of the guide that says how to complain', async () => {
    world = sessionWorld();
    renderApp({ path: '/explainers/getting-help', session: world.session });
    const section = (await screen.findByRole('heading', { level: 2, name: en.explainers.whatYouCanDo })).closest('section')!;
    const [apply, complain, advice] = within(section).getAllByRole('link');
    expect(apply).toHaveAttribute('href', '/applications/new');
    expect(complain).toHaveAttribute('href', '/explainers/getting-help#part-2');
    expect(document.getElementById('part-2')).toHaveTextContent('Making a complaint');
    expect(advice).toHaveAttribute('href', '/explainers/getting-help#contacts');
    expect(document.getElementById('contacts')).toHaveTextContent(en.explainers.contacts);
  });
});
