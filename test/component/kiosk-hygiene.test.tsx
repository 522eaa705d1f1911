import { act, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent, type UserEvent } from '@testing-library/user-event';
import { Dexie } from 'dexie';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import cy from '../../locales/cy/common.json' with { type: 'json' };
import en from '../../locales/en/common.json' with { type: 'json' };
import { personDatabaseName } from '../../src/app/data/person-db.ts';
import { App } from '../../src/app/App.tsx';
import { createI18n } from '../../src/app/i18n/i18n.ts';
import { renderApp } from './render-app.tsx';
import { alice, bob, sessionWorld, signInAs, signOutNow, waitForIndicator } from './session-world.tsx';
import forms from '../../locales/en/forms.json' with { type: 'json' };
import { sendApplication } from './applications-helpers.tsx';

let world: ReturnType<typeof sessionWorld> | undefined;
const root = document.documentElement;
beforeEach(() => {
  root.className = '';
  root.lang = 'en';
});
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

const databaseExists = async (personId: string) => (await Dexie.getDatabaseNames()).includes(personDatabaseName(personId));
const menu = (lang: typeof en | typeof cy = en) => screen.getByRole('navigation', { name: lang.nav.label });

/** Large text, high contrast and Welsh, chosen on the display settings page and the language switch. */
async function chooseLargeWelsh(user: UserEvent): Promise<void> {
  await user.click(within(menu()).getByRole('link', { name: en.nav.displaySettings }));
  await user.click(await screen.findByRole('radio', { name: en.settings.textSize.veryLarge }));
  await user.click(screen.getByRole('checkbox', { name: en.settings.other.highContrast }));
  await user.click(within(screen.getByRole('navigation', { name: en.language.label })).getByRole('link', { name: 'Cymraeg' }));
  expect(await screen.findByRole('heading', { level: 1, name: cy.settings.title })).toBeInTheDocument();
  expect(root).toHaveClass('app-text-200', 'app-high-contrast');
}

describe('kiosk sign-out hygiene', { timeout: 20_000 }, () => {
  it('the next person gets the kiosk’s defaults: display settings and language chosen during a sign-in go at sign-out', async () => {
    world = sessionWorld({ deviceMode: 'kiosk' });
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, alice);
    await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' });
    await chooseLargeWelsh(user);

    await user.click(screen.getByRole('button', { name: cy.session.signOut }));
    expect(await screen.findByText(en.session.signedOut, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: en.home.title })).toBeInTheDocument();
    expect(root.lang).toBe('en');
    expect(root).not.toHaveClass('app-text-200');
    expect(root).not.toHaveClass('app-high-contrast');
    expect(localStorage.getItem('spc.displaySettings')).toBeNull();
    expect(localStorage.getItem('spc.language')).toBeNull();

    // The next person's settings page shows the defaults too.
    await user.click(within(menu()).getByRole('link', { name: en.nav.signIn }));
    await signInAs(user, bob);
    await screen.findByRole('link', { name: 'Bob goal: learn to drive a forklift' });
    await user.click(within(menu()).getByRole('link', { name: en.nav.displaySettings }));
    expect(await screen.findByRole('radio', { name: en.settings.textSize.normal })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: en.settings.other.highContrast })).not.toBeChecked();
  });

  it('on a personal tablet the choices stay after sign-out', async () => {
    world = sessionWorld({ deviceMode: 'tablet' });
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, alice);
    await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' });
    await chooseLargeWelsh(user);
    await user.click(screen.getByRole('button', { name: cy.session.signOut }));
    expect(await screen.findByText(cy.session.signedOut, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(root.lang).toBe('cy');
    expect(root).toHaveClass('app-text-200', 'app-high-contrast');
  });

  it('removes a person’s data from the kiosk at sign-out once nothing of theirs waits; keeps it while something does', async () => {
    world = sessionWorld({ deviceMode: 'kiosk' });
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    const device = world.session.device!;

    // Bob sends nothing: signed out, his data is gone from the kiosk.
    await signInAs(user, bob);
    await screen.findByRole('link', { name: 'Bob goal: learn to drive a forklift' });
    expect(await device.people.get(bob.personId)).toBeDefined();
    await signOutNow(user);
    await waitFor(async () => expect(await device.people.get(bob.personId)).toBeUndefined());
    expect(await databaseExists(bob.personId)).toBe(false);

    // Alice queues an application offline: it keeps her data here, sealed, until it has gone.
    await user.click(within(menu()).getByRole('link', { name: en.nav.signIn }));
    await signInAs(user, alice);
    await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' });
    world.service.setOnline(false);
    await sendApplication(user, 'copyOfOasys', 'Alice private words');
    await waitForIndicator('Waiting: 1');
    await user.click(screen.getByRole('button', { name: en.session.signOut }));
    await screen.findByText(/Things not sent yet: 1/, {}, { timeout: 5000 });
    expect(await device.people.get(alice.personId)).toBeDefined();
    expect(await databaseExists(alice.personId)).toBe(true);

    // Back online, Alice signs in: it is sent; at her sign-out nothing waits, so her data goes.
    world.service.setOnline(true);
    await user.click(within(menu()).getByRole('link', { name: en.nav.signIn }));
    await signInAs(user, alice);
    await waitFor(() => expect(world!.service.effectsFor(alice.personId)).toHaveLength(1));
    await waitForIndicator(en.syncStatus.upToDate);
    await signOutNow(user);
    await waitFor(async () => expect(await device.people.get(alice.personId)).toBeUndefined());
    expect(await databaseExists(alice.personId)).toBe(false);
  });

  it('at start, a kiosk removes everyone with nothing waiting', async () => {
    world = sessionWorld({ deviceMode: 'tablet' });
    const user = userEvent.setup();
    const first = renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, bob);
    await screen.findByRole('link', { name: 'Bob goal: learn to drive a forklift' });
    await signOutNow(user);
    expect(await world.session.device!.people.get(bob.personId)).toBeDefined(); // a tablet keeps it
    first.unmount();

    // The same device starts again, now deployed as a kiosk.
    renderApp({ path: '/', session: { ...world.session, deviceMode: 'kiosk' } });
    await waitFor(async () => expect(await world!.session.device!.people.get(bob.personId)).toBeUndefined());
    expect(await databaseExists(bob.personId)).toBe(false);
  });

  it('hides the page behind the idle warning, and shows it again with "I need more time"', async () => {
    world = sessionWorld({ deviceMode: 'kiosk', idle: { timeoutMs: 60_000, warningMs: 59_500 } });
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, alice);
    await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' });
    const main = screen.getByRole('main');
    const warning = await screen.findByRole('alertdialog', { name: en.session.idleTitle }, { timeout: 3000 });
    expect(main.closest('[inert]')).not.toBeNull();
    expect(warning.closest('[inert]')).toBeNull();
    await user.click(within(warning).getByRole('button', { name: en.session.idleMore }));
    expect(main.closest('[inert]')).toBeNull();
    expect(screen.getByRole('button', { name: en.session.signOut })).toBeInTheDocument();
  });

  it('after sign-out, going back never shows the last person’s pages', async () => {
    world = sessionWorld({ deviceMode: 'kiosk' });
    const user = userEvent.setup();
    window.history.replaceState(null, '', '/sign-in');
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <BrowserRouter>
          <App session={world.session} />
        </BrowserRouter>
      </I18nextProvider>,
    );
    await signInAs(user, alice);
    await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' });
    await user.click(within(menu()).getByRole('link', { name: en.nav.explainers }));
    await screen.findByRole('heading', { level: 1, name: en.explainers.title });
    await user.click(within(menu()).getByRole('link', { name: en.nav.applications }));
    await screen.findByRole('heading', { level: 1, name: forms.applications.title });
    await signOutNow(user);
    expect(window.location.pathname).toBe('/');

    // Back, through every page Alice opened: each leads to the home page, never to hers.
    for (let step = 0; step < 3; step += 1) {
      await act(async () => {
        window.history.back();
        await new Promise((resolve) => setTimeout(resolve, 50));
      });
      await waitFor(() => expect(window.location.pathname).toBe('/'));
      expect(screen.getByRole('heading', { level: 1, name: en.home.title })).toBeInTheDocument();
      expect(screen.queryByText(/Thinking Skills/)).not.toBeInTheDocument();
    }
  });
});
