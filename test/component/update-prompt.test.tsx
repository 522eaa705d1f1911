import { act, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import en from '../../locales/en/common.json' with { type: 'json' };
import { createI18n } from '../../src/app/i18n/i18n.ts';
import { UpdatePrompt } from '../../src/app/update/UpdatePrompt.tsx';
import { useUnsavedInput } from '../../src/app/update/unsaved-input.ts';
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

function renderWithForm(applyUpdate: () => void) {
  return render(
    <I18nextProvider i18n={createI18n('en')}>
      <UpdatePrompt updateReady applyUpdate={applyUpdate} />
      <DraftForm />
    </I18nextProvider>,
  );
}

describe('update prompt', () => {
  it('offers a waiting update and applies it only when the person asks', async () => {
    const user = userEvent.setup();
    const applyUpdate = vi.fn();
    renderWithForm(applyUpdate);
    expect(screen.getByText(en.update.heading)).toBeInTheDocument();
    expect(applyUpdate).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: en.update.now }));
    expect(applyUpdate).toHaveBeenCalledTimes(1);
  });

  it('is never offered while a form holds unsaved input, and comes back once it is safe', async () => {
    const user = userEvent.setup();
    const applyUpdate = vi.fn();
    renderWithForm(applyUpdate);
    await user.type(screen.getByRole('textbox', { name: 'Draft' }), 'I want to see my POM');
    expect(screen.queryByRole('button', { name: en.update.now })).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Draft' })).toHaveValue('I want to see my POM');
    await user.clear(screen.getByRole('textbox', { name: 'Draft' }));
    expect(screen.getByRole('button', { name: en.update.now })).toBeInTheDocument();
    expect(applyUpdate).not.toHaveBeenCalled();
  });

  it('can be put off until later', async () => {
    const user = userEvent.setup();
    renderWithForm(vi.fn());
    await user.click(screen.getByRole('button', { name: en.update.later }));
    expect(screen.queryByText(en.update.heading)).not.toBeInTheDocument();
  });

  it('shows nothing when no update is waiting', () => {
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <UpdatePrompt updateReady={false} applyUpdate={vi.fn()} />
      </I18nextProvider>,
    );
    act(() => {});
    expect(screen.queryByText(en.update.heading)).not.toBeInTheDocument();
  });
});

describe('update prompt and signed-in people', () => {
  it('waits while someone is signed in, and comes up after they sign out', async () => {
    const world = sessionWorld();
    try {
      const user = userEvent.setup();
      renderApp({ path: '/sign-in', updateReady: true, applyUpdate: vi.fn(), session: world.session });
      expect(await screen.findByText(en.update.heading)).toBeInTheDocument();
      await signInAs(user, alice);
      await screen.findByRole('button', { name: en.session.signOut });
      expect(screen.queryByText(en.update.heading)).not.toBeInTheDocument();
      await signOutNow(user);
      expect(await screen.findByText(en.update.heading)).toBeInTheDocument();
    } finally {
      await world.dispose();
    }
  });
});
