import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import cy from '../../locales/cy/common.json' with { type: 'json' };
import en from '../../locales/en/common.json' with { type: 'json' };
import { createI18n } from '../../src/app/i18n/i18n.ts';
import { type ActivePerson, SessionContext, type SessionValue } from '../../src/app/session/session-context.ts';
import type { PersonSync } from '../../src/app/sync/engine.ts';
import type { SignedIn } from '../../src/app/sync/sign-in.ts';
import { createStatusStore, type SyncSnapshot } from '../../src/app/sync/status.ts';
import { SyncIndicator } from '../../src/app/ui/SyncIndicator.tsx';
import { renderApp } from './render-app.tsx';
import { alice, bob, indicator, sessionWorld, signInAs, signOutNow, waitForIndicator } from './session-world.tsx';
import forms from '../../locales/en/forms.json' with { type: 'json' };
import { detailsBox, newApplication, openApplications, sendApplication } from './applications-helpers.tsx';

let world: ReturnType<typeof sessionWorld> | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

function renderIndicator(snapshot: Partial<SyncSnapshot>, language: 'en' | 'cy' = 'en') {
  const person = { signedIn: {} as SignedIn, sync: { status: createStatusStore(snapshot) } as unknown as PersonSync, displayName: null } satisfies ActivePerson;
  const value = { person } as unknown as SessionValue;
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <MemoryRouter>
        <SessionContext.Provider value={value}>
          <SyncIndicator />
        </SessionContext.Provider>
      </MemoryRouter>
    </I18nextProvider>,
  );
  return screen.getByRole('status');
}

const day = 24 * 60 * 60_000;

describe('sync indicator', () => {
  it('says each state in plain words, as a polite status', () => {
    expect(renderIndicator({ lastSyncedAt: Date.now() - 60_000 })).toHaveTextContent(en.syncStatus.upToDate);
  });
  it('counts what is waiting', () => {
    expect(renderIndicator({ waiting: 3, online: false, lastSyncedAt: Date.now() })).toHaveTextContent(
      'Saved on this device. It will be sent when the device is connected. Waiting: 3',
    );
  });
  it('shows sending', () => {
    expect(renderIndicator({ waiting: 2, sending: new Set(['x']), lastSyncedAt: Date.now() })).toHaveTextContent('Sending… Waiting: 2');
  });
  it('asks to sign in again when the sign-in has ended', () => {
    expect(renderIndicator({ waiting: 1, signInNeeded: true })).toHaveTextContent('Sign out and sign in again to send. Waiting: 1');
  });
  it('says how old the plan is', () => {
    expect(renderIndicator({ online: false, lastSyncedAt: Date.now() - 2 * day - 1000 })).toHaveTextContent('Last updated 2 days ago');
  });
  it('in Welsh too', () => {
    expect(renderIndicator({ online: false, lastSyncedAt: Date.now() - 2 * day - 1000 }, 'cy')).toHaveTextContent('Diweddarwyd ddiwethaf 2 ddiwrnod yn ôl');
  });
  it('before the first update', () => {
    expect(renderIndicator({})).toHaveTextContent(en.syncStatus.neverUpdated);
  });
  it('points to what was not accepted', () => {
    const status = renderIndicator({ rejected: 1, lastSyncedAt: Date.now() });
    expect(within(status).getByRole('link', { name: 'Not accepted: 1. See what to do' })).toHaveAttribute('href', '/applications');
  });
});

describe('session', { timeout: 15_000 }, () => {
  it('shows the indicator and Sign out only while signed in; sign-out clears the screen', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    expect(indicator()).toBeNull();
    expect(screen.queryByRole('button', { name: en.session.signOut })).not.toBeInTheDocument();
    await signInAs(user, alice);
    await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' });
    await waitForIndicator(en.syncStatus.upToDate);
    expect(screen.getByText('Signed in as Alice')).toBeInTheDocument();
    const menu = screen.getByRole('navigation', { name: en.nav.label });
    expect(within(menu).getByRole('link', { name: en.nav.applications })).toBeInTheDocument();
    expect(within(menu).queryByRole('link', { name: en.nav.signIn })).not.toBeInTheDocument();

    await signOutNow(user);
    expect(screen.getByRole('heading', { level: 1, name: en.home.title })).toBeInTheDocument();
    expect(screen.queryByText(/Thinking Skills/)).not.toBeInTheDocument();
    expect(screen.queryByText('Signed in as Alice')).not.toBeInTheDocument();
    expect(indicator()).toBeNull();
    expect(screen.queryByText(/Things not sent yet/)).not.toBeInTheDocument();
    // Back to the plan's address: only a prompt to sign in.
    await user.click(within(menu).getByRole('link', { name: en.nav.signIn }));
    expect(await screen.findByRole('heading', { level: 1, name: en.signIn.title })).toBeInTheDocument();
    expect(world.service.calls.some((c) => c.path === '/api/auth/sign-out')).toBe(true);
  });

  it('shared kiosk: A queues offline and signs out; B sees nothing of A; A’s item goes at A’s next sign-in here', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, alice);
    await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' });
    world.service.setOnline(false);
    await sendApplication(user, 'copyOfOasys', 'Alice private words');
    await waitForIndicator('Waiting: 1');

    await user.click(screen.getByRole('button', { name: en.session.signOut }));
    const notice = await screen.findByText(/Things not sent yet: 1/, {}, { timeout: 5000 });
    expect(notice).toHaveTextContent('They will be sent the next time you sign in on this device.');

    world.service.setOnline(true);
    await user.click(screen.getByRole('link', { name: en.nav.signIn }));
    await signInAs(user, bob);
    expect(await screen.findByRole('link', { name: 'Bob goal: learn to drive a forklift' })).toBeInTheDocument();
    expect(screen.queryByText(/Thinking Skills/)).not.toBeInTheDocument();
    await openApplications(user);
    expect(await screen.findByText(forms.applications.listNone)).toBeInTheDocument();
    expect(screen.queryByText('Alice private words')).not.toBeInTheDocument();
    expect(world.service.effectsFor(alice.personId)).toEqual([]);
    await signOutNow(user);

    await user.click(screen.getByRole('link', { name: en.nav.signIn }));
    await signInAs(user, alice);
    await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' });
    await waitFor(() => expect(world!.service.effectsFor(alice.personId)).toHaveLength(1));
    expect(world.service.effectsFor(bob.personId)).toEqual([]);
  });

  it('warns before an idle sign-out; "I need more time" keeps going; what was typed survives the sign-out', async () => {
    // The warning comes after 2 s without use and stays 4 s: long enough to be found on a busy machine.
    world = sessionWorld({ idle: { timeoutMs: 6_000, warningMs: 4_000 } });
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, alice);
    await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' });

    const warning = await screen.findByRole('alertdialog', { name: en.session.idleTitle }, { timeout: 8000 });
    expect(within(warning).getByRole('button', { name: en.session.idleMore })).toHaveFocus();
    await user.click(within(warning).getByRole('button', { name: en.session.idleMore }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: en.session.signOut })).toBeInTheDocument();

    await newApplication(user, 'other');
    await user.type(detailsBox(), 'Half a thought');
    const second = await screen.findByRole('alertdialog', {}, { timeout: 8000 });
    expect(within(second).getByText(en.session.idleDraft)).toBeInTheDocument();
    expect(await screen.findByText(en.session.signedOutIdle, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(await screen.findByText(en.session.draftSaved)).toBeInTheDocument();
    expect(screen.queryByText('Half a thought')).not.toBeInTheDocument();

    // Back in: the half-written application is there again (it was kept sealed on this device).
    await user.click(screen.getByRole('link', { name: en.nav.signIn }));
    await signInAs(user, alice);
    await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' }); // What's next, where sign-in lands
    await newApplication(user, 'other');
    expect(detailsBox()).toHaveValue('Half a thought');
    expect(screen.getByText(forms.form.draftKept)).toBeInTheDocument();
   }, 60_000);

  it('has no sign-in at all in public mode', async () => {
    world = sessionWorld({ deviceMode: 'public' });
    renderApp({ path: '/', session: world.session });
    const menu = screen.getByRole('navigation', { name: en.nav.label });
    expect(within(menu).queryByRole('link', { name: en.nav.signIn })).not.toBeInTheDocument();
    // The sign-in page's address, and any under it, is a plain page (see device-modes.test.tsx).
    renderApp({ path: '/sign-in', session: world.session });
    expect(await screen.findByRole('heading', { level: 1, name: en.deviceModes.personalPage.title })).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('says it in Welsh', async () => {
    world = sessionWorld();
    renderApp({ path: '/plan', session: world.session, language: 'cy' });
    expect(await screen.findByText(cy.signIn.promptText)).toBeInTheDocument();
  });
});
