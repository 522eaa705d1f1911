import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../locales/en/common.json' with { type: 'json' };
import forms from '../../locales/en/forms.json' with { type: 'json' };
import plan from '../../locales/en/plan.json' with { type: 'json' };
import { sendApplication } from './applications-helpers.tsx';
import { renderApp } from './render-app.tsx';
import { alice, sessionWorld, signInAs } from './session-world.tsx';

/**
 * The notice on the signed-in home page, What's next ("You have a new reply from the OMU." and a
 * link), in the whole app: where sign-in lands and where "Home" leads.
 */

let world: ReturnType<typeof sessionWorld>;
afterEach(async () => {
  await world?.dispose();
});

const home = async (user: ReturnType<typeof userEvent.setup>) => {
  await user.click(within(screen.getByRole('navigation', { name: en.nav.label })).getByRole('link', { name: en.nav.home }));
  await screen.findByRole('heading', { level: 1, name: plan.whatsNext.title });
};

describe('the new-replies notice for the home page', { timeout: 30_000 }, () => {
  it('is absent with nothing new, says how many are new with a link to them, and goes once they are read', async () => {
    world = sessionWorld({ deviceMode: 'tablet' });
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, alice);
    await screen.findByRole('heading', { level: 1, name: plan.whatsNext.title });
    expect(screen.queryByText(en.session.newRepliesNotice_one)).not.toBeInTheDocument();

    await sendApplication(user, 'seeMyPom', 'Can I see my POM, please?');
    await waitFor(() => expect(world.service.effects).toHaveLength(1));
    const [id] = world.service.effectsFor(alice.personId);
    world.service.addChange(alice.personId, {
      entity: 'applicationReply',
      data: { applicationId: id!, personId: alice.personId, status: 'answered', messages: [{ id: 'm1', at: '2026-11-22T10:00:00Z', text: 'See you on Monday.' }], updatedAt: '2026-11-22T10:00:00Z' },
    });
    act(() => void window.dispatchEvent(new Event('online')));

    // Back on What's next, where sign-in lands: the notice, with the count, and a link to the replies.
    await home(user);
    const notice = (await screen.findByText(en.session.newRepliesNotice_one, {}, { timeout: 5000 })).closest('div')!;
    expect(within(notice).getByText('1 new reply')).toBeInTheDocument();
    await user.click(within(notice).getByRole('link', { name: en.session.newRepliesLink }));
    await screen.findByRole('heading', { level: 1, name: forms.applications.title });

    // Read: the notice is gone.
    await user.click(await screen.findByRole('link', { name: forms.type.seeMyPom }));
    expect(await screen.findByText('See you on Monday.')).toBeInTheDocument();
    await home(user);
    await waitFor(() => expect(screen.queryByText(en.session.newRepliesNotice_one)).not.toBeInTheDocument());
  });
});
