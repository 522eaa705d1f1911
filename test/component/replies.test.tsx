import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../locales/en/common.json' with { type: 'json' };
import forms from '../../locales/en/forms.json' with { type: 'json' };
import type { ApplicationReplyInput } from '../../src/domain/application.ts';
import { applicationReference } from '../../src/domain/application.ts';
import { formatDate } from '../../src/format/index.ts';
import { menu, openApplications, sendApplication } from './applications-helpers.tsx';
import { renderApp } from './render-app.tsx';
import { alice, sessionWorld, signInAs, signOutNow } from './session-world.tsx';

let world: ReturnType<typeof sessionWorld>;
afterEach(async () => {
  await world?.dispose();
});

async function signIn(user: ReturnType<typeof userEvent.setup>) {
  renderApp({ path: '/sign-in', session: world.session });
  await signInAs(user, alice);
  await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' }); // What's next, where sign-in lands
}

/** The OMU's side changes, and the device syncs (here: the network comes back). */
function reply(data: Omit<ApplicationReplyInput, 'personId'>) {
  world.service.addChange(alice.personId, { entity: 'applicationReply', data: { personId: alice.personId, messages: [], ...data } });
  act(() => void window.dispatchEvent(new Event('online')));
}

const badge = () => within(menu()).queryByText(/new repl/);

describe('replies from the OMU', { timeout: 30_000 }, () => {
  it('appear in a thread after the next sync, with a badge in the menu and on the list, cleared when read', async () => {
    // A personal tablet keeps the person's data between sign-ins (a kiosk removes it: see NOTES.md).
    world = sessionWorld({ deviceMode: 'tablet' });
    const user = userEvent.setup();
    await signIn(user);
    await sendApplication(user, 'seeMyPom', 'Can I see my POM about my course?');
    await waitFor(() => expect(world.service.effects).toHaveLength(1));
    const [id] = world.service.effectsFor(alice.personId);

    // "Received" is not news: every application is received.
    reply({ applicationId: id!, status: 'received', updatedAt: '2026-11-21T09:00:00Z' });
    await openApplications(user);
    await waitFor(() => expect(screen.getByText(forms.status.received)).toBeInTheDocument(), { timeout: 5000 });
    expect(badge()).toBeNull();

    reply({ applicationId: id!, status: 'answered', messages: [{ id: 'm1', at: '2026-11-22T10:00:00Z', text: 'Your POM will see you on Tuesday morning.' }], updatedAt: '2026-11-22T10:00:00Z' });
    await waitFor(() => expect(badge()).toHaveTextContent('1 new reply'), { timeout: 5000 });
    const row = screen.getByText('Can I see my POM about my course?', { selector: '.app-application__details' }).closest('li')!;
    expect(row).toHaveTextContent(forms.applications.newTag);
    expect(row).toHaveTextContent(forms.status.answered);

    await user.click(within(row).getByRole('link', { name: forms.type.seeMyPom }));
    const thread = (await screen.findByRole('heading', { level: 2, name: forms.item.threadTitle })).closest('section')!;
    expect(within(thread).getByText(`The OMU wrote on ${formatDate('2026-11-22T10:00:00Z', 'en')}`)).toBeInTheDocument();
    // Staff write in English: marked so, for screen readers and read-aloud alike.
    expect(within(thread).getByText('Your POM will see you on Tuesday morning.').closest('p')).toHaveAttribute('lang', 'en');
    // The reply can be read aloud.
    expect(within(thread).getByRole('group', { name: en.readAloud.label })).toBeInTheDocument();
    expect(within(thread).getByRole('button', { name: en.readAloud.listen })).toBeInTheDocument();
    await waitFor(() => expect(badge()).toBeNull());

    // Read stays read, after signing out and in again.
    await signOutNow(user);
    cleanup();
    await signIn(user);
    await openApplications(user);
    expect(screen.getByText('Can I see my POM about my course?', { selector: '.app-application__details' }).closest('li')).not.toHaveTextContent(forms.applications.newTag);
    expect(badge()).toBeNull();

    // A second message in the thread is new again.
    reply({
      applicationId: id!,
      status: 'answered',
      messages: [
        { id: 'm1', at: '2026-11-22T10:00:00Z', text: 'Your POM will see you on Tuesday morning.' },
        { id: 'm2', at: '2026-11-23T10:00:00Z', text: 'Sorry, it is Wednesday now.' },
      ],
      updatedAt: '2026-11-23T10:00:00Z',
    });
    await waitFor(() => expect(badge()).toHaveTextContent('1 new reply'), { timeout: 5000 });
  });

  it('says why an application was not agreed, in words written for the person', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await signIn(user);
    await sendApplication(user, 'other', 'Can I have a new kettle?');
    await waitFor(() => expect(world.service.effects).toHaveLength(1));
    const [id] = world.service.effectsFor(alice.personId);
    reply({ applicationId: id!, status: 'declined', declineReason: 'notForOmu', updatedAt: '2026-11-22T10:00:00Z' });
    const paragraph = (text: string) => (_: string, element: Element | null) => element?.tagName === 'P' && element.textContent === text;
    await waitFor(() => expect(screen.getByText(paragraph(`Why: ${forms.declineReason.notForOmu}`))).toBeInTheDocument(), { timeout: 5000 });
    expect(screen.getByText(forms.status.declined)).toBeInTheDocument();
    // A declined one is no longer open: no "what happens next", and the type is free again.
    expect(screen.queryByRole('heading', { name: forms.form.nextTitle })).not.toBeInTheDocument();
  });

  it('on a kiosk, where the person\'s copy leaves at sign-out, the OMU\'s side still shows at the next sign-in: the reply, its kind and the open one', async () => {
    world = sessionWorld({ deviceMode: 'kiosk' });
    const user = userEvent.setup();
    await signIn(user);
    await sendApplication(user, 'seeMyPom', 'Can I see my POM?');
    await waitFor(() => expect(world.service.effects).toHaveLength(1));
    const [id] = world.service.effectsFor(alice.personId);
    await signOutNow(user); // nothing waits: this person's data leaves the kiosk
    cleanup();

    world.service.addChange(alice.personId, {
      entity: 'applicationReply',
      data: { applicationId: id!, personId: alice.personId, type: 'seeMyPom', status: 'beingLookedAt', messages: [{ id: 'm1', at: '2026-11-22T10:00:00Z', text: 'I will come on Friday.' }], updatedAt: '2026-11-22T10:00:00Z' },
    });
    await signIn(user);
    await openApplications(user);
    const row = screen.getByRole('link', { name: forms.type.seeMyPom }).closest('li')!;
    expect(row).toHaveTextContent(forms.status.beingLookedAt);
    expect(row).toHaveTextContent(forms.applications.newTag);
    expect(screen.queryByText('Can I see my POM?')).not.toBeInTheDocument();
    // Still open: a second one of its kind is refused here too.
    await user.click(screen.getByRole('link', { name: forms.applications.newLink }));
    expect(await screen.findByText(forms.choose.openHint.replace('{{reference}}', applicationReference(id!)))).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: /^Ask the OMU/ }));
    await user.click(await screen.findByRole('link', { name: forms.type.seeMyPom }));
    expect(await screen.findByText('I will come on Friday.')).toBeInTheDocument();
    expect(screen.getByText(forms.applications.elsewhereHint)).toBeInTheDocument();
  });
});
