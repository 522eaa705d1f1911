import { act, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import en from '../../locales/en/common.json' with { type: 'json' };
import { createI18n } from '../../src/app/i18n/i18n.ts';
import { UpdatePrompt } from '../../src/app/update/UpdatePrompt.tsx';
import { useUnsavedInput } from '../../src/app/update/unsaved-input.ts';
import { createUpdates } from '../../src/app/update/updates.ts';
import { renderApp } from './render-app.tsx';
import { alice, sessionWorld, signInAs, signOutNow } from './session-world.tsx';

/** A form that reports unsaved input while its box has text, like every real form will. */
function DraftForm() {
  const [text, setText] = useState('');
  useUnsavedInput(text.length > 0);
  return (
    <label>
      Draft
      <input value={text} onChange={(event) => setText(event.target.value)} />
    </label>
  );
}

/** The browser's side, faked: what the registration would report, and what the app asks of it. */
function fakeBrowser(hadController = true) {
  const platform = { hadController, skipWaiting: vi.fn(), reload: vi.fn() };
  const updates = createUpdates(platform);
  return { platform, updates };
}

function renderWithForm(updates: ReturnType<typeof createUpdates>) {
  return render(
    <I18nextProvider i18n={createI18n('en')}>
      <UpdatePrompt updates={updates} />
      <DraftForm />
    </I18nextProvider>,
  );
}

const draftBox = () => screen.getByRole('textbox', { name: 'Draft' });

describe('update prompt', () => {
  it('offers a waiting update; only "Update now" in this tab makes it take over, then this tab reloads', async () => {
    const user = userEvent.setup();
    const { platform, updates } = fakeBrowser();
    renderWithForm(updates);
    act(() => updates.workerWaiting());
    // The banner's code is fetched the first time there is an update to offer.
    expect(await screen.findByText(en.update.heading)).toBeInTheDocument();
    expect(platform.skipWaiting).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: en.update.now }));
    expect(platform.skipWaiting).toHaveBeenCalledTimes(1);
    expect(platform.reload).not.toHaveBeenCalled();
    act(() => updates.controllerChanged());
    expect(platform.reload).toHaveBeenCalledTimes(1);
  });

  it('is never offered while a form holds unsaved input, and comes back once it is safe', async () => {
    const user = userEvent.setup();
    const { platform, updates } = fakeBrowser();
    renderWithForm(updates);
    act(() => updates.workerWaiting());
    await user.type(draftBox(), 'I want to see my POM');
    expect(screen.queryByRole('button', { name: en.update.now })).not.toBeInTheDocument();
    updates.apply(); // even if asked, nothing happens while input is unsaved
    expect(platform.skipWaiting).not.toHaveBeenCalled();
    expect(draftBox()).toHaveValue('I want to see my POM');
    await user.clear(draftBox());
    expect(screen.getByRole('button', { name: en.update.now })).toBeInTheDocument();
    expect(platform.reload).not.toHaveBeenCalled();
  });

  it('can be put off until later', async () => {
    const user = userEvent.setup();
    const { updates } = fakeBrowser();
    renderWithForm(updates);
    act(() => updates.workerWaiting());
    await user.click(screen.getByRole('button', { name: en.update.later }));
    expect(screen.queryByText(en.update.heading)).not.toBeInTheDocument();
  });

  it('shows nothing when no update is waiting, and a first install reloads nothing', () => {
    const { platform, updates } = fakeBrowser(false);
    renderWithForm(updates);
    act(() => updates.controllerChanged());
    expect(screen.queryByText(en.update.heading)).not.toBeInTheDocument();
    expect(platform.reload).not.toHaveBeenCalled();
  });
});

describe('an update applied in another tab', () => {
  it('this tab holds typed words: it does not reload, says it will update later, and does once the words are gone', async () => {
    const user = userEvent.setup();
    const { platform, updates } = fakeBrowser();
    renderWithForm(updates);
    act(() => updates.workerWaiting());
    await user.type(draftBox(), 'Half an application');
    act(() => updates.controllerChanged()); // another tab chose "Update now"
    expect(platform.reload).not.toHaveBeenCalled();
    expect(draftBox()).toHaveValue('Half an application');
    expect(screen.getByText(en.update.afterSignOut)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: en.update.now })).not.toBeInTheDocument();
    // Hidden, it still does not reload while the words are unsaved.
    act(() => updates.visibilityChanged(true));
    expect(platform.reload).not.toHaveBeenCalled();
    act(() => updates.visibilityChanged(false));
    await user.clear(draftBox());
    expect(platform.reload).toHaveBeenCalledTimes(1);
  });

  it('someone is signed in here: no reload until they have signed out and moved on (or the tab is hidden)', async () => {
    const world = sessionWorld();
    try {
      const user = userEvent.setup();
      const { platform, updates } = fakeBrowser();
      renderApp({ path: '/sign-in', updates, session: world.session });
      act(() => updates.workerWaiting());
      expect(await screen.findByText(en.update.heading)).toBeInTheDocument();
      await signInAs(user, alice);
      await screen.findByRole('button', { name: en.session.signOut });
      expect(screen.queryByText(en.update.heading)).not.toBeInTheDocument();

      act(() => updates.controllerChanged());
      expect(platform.reload).not.toHaveBeenCalled();
      expect(screen.getByText(en.update.afterSignOut)).toBeInTheDocument();
      act(() => updates.visibilityChanged(true));
      act(() => updates.visibilityChanged(false));
      expect(platform.reload).not.toHaveBeenCalled();

      await signOutNow(user);
      // The notice is being read: not yet. "Update now" is there for whoever wants it.
      expect(platform.reload).not.toHaveBeenCalled();
      expect(screen.getByRole('button', { name: en.update.now })).toBeInTheDocument();
      await user.click(within(screen.getByRole('navigation', { name: en.nav.label })).getByRole('link', { name: en.nav.explainers }));
      await waitFor(() => expect(platform.reload).toHaveBeenCalledTimes(1));
    } finally {
      await world.dispose();
    }
  });

  it('a tab with nothing to lose reloads at once', () => {
    const { platform, updates } = fakeBrowser();
    renderWithForm(updates);
    act(() => updates.workerWaiting());
    act(() => updates.controllerChanged());
    expect(platform.reload).toHaveBeenCalledTimes(1);
    expect(platform.skipWaiting).not.toHaveBeenCalled();
  });
});
