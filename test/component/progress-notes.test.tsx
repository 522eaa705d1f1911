import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent, type UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import cyCommon from '../../locales/cy/common.json' with { type: 'json' };
import cy from '../../locales/cy/plan.json' with { type: 'json' };
import enCommon from '../../locales/en/common.json' with { type: 'json' };
import en from '../../locales/en/plan.json' with { type: 'json' };
import { progressNoteMaxLength } from '../../src/domain/progress-note.ts';
import { openPersonDatabase } from '../../src/app/data/person-db.ts';
import { hasUnsavedInput } from '../../src/app/update/unsaved-input.ts';
import { renderApp } from './render-app.tsx';
import { testToday } from './plan-fixtures.ts';
import { alice, sessionWorld, signInAs, signOutNow } from './session-world.tsx';

let world: ReturnType<typeof sessionWorld>;
beforeEach(() => {
  vi.useFakeTimers({ now: testToday, toFake: ['Date'] });
});
afterEach(async () => {
  await world?.dispose();
  vi.useRealTimers();
});

const noteBox = () => screen.getByRole('textbox', { name: en.notes.label });
const notes = () => screen.getByRole('heading', { name: en.notes.listTitle }).nextElementSibling as HTMLElement;
const pushes = () => world.service.calls.filter((c) => c.path === '/api/sync/push');

async function openGoal(user: UserEvent) {
  renderApp({ path: '/plan/goals/o1', session: world.session });
  await user.click(await within(screen.getByRole('main')).findByRole('link', { name: enCommon.signIn.promptLink }));
  await signInAs(user, alice);
  await screen.findByRole('heading', { name: en.notes.title });
  return screen.findByRole('textbox', { name: en.notes.label });
}

function goOffline() {
  world.service.setOnline(false);
  act(() => void window.dispatchEvent(new Event('offline')));
}

function goOnline() {
  vi.setSystemTime(new Date(Date.now() + 60_000));
  world.service.setOnline(true);
  act(() => void window.dispatchEvent(new Event('online')));
}

describe('progress notes: what you have done', { timeout: 20_000 }, () => {
  it('offline: saved sealed on the device at once and shown waiting; back online it is sent, exactly once', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await openGoal(user);
    goOffline();

    await user.click(screen.getByRole('radio', { name: 'Go to every session.' }));
    await user.type(noteBox(), 'I went to all four sessions this month.');
    expect(screen.getByText(`Characters left: ${progressNoteMaxLength - 39}`)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: en.notes.save }));
    expect(await screen.findByText(en.notes.saved)).toBeInTheDocument();
    await waitFor(() => expect(noteBox()).toHaveValue(''));
    await waitFor(() => expect(hasUnsavedInput()).toBe(false));
    await waitFor(() => expect(notes()).toHaveTextContent('I went to all four sessions this month.'));
    const note = within(notes()).getAllByRole('listitem')[0]!;
    expect(note).toHaveTextContent(en.notes.state.waiting);
    expect(note).toHaveTextContent(`${en.notes.aboutStep} Go to every session.`);
    expect(note).toHaveTextContent('Written on 1 December 2026');
    // Read aloud with the rest of the goal page: the note's words are a sentence of its script.
    await waitFor(() => expect(note.querySelector('.app-note__text .app-sentence')).toHaveTextContent('I went to all four sessions this month.'));
    expect(world.service.effects).toEqual([]);
    // Sealed: the words are nowhere in the person's database as text.
    const db = openPersonDatabase(alice.personId);
    try {
      const [submissions, outbox] = [await db.submissions.toArray(), await db.outbox.toArray()];
      expect(submissions.map((row) => [row.kind, row.state])).toEqual([['progressNote', 'waiting']]);
      expect(outbox.map((row) => row.kind)).toEqual(['progressNote']);
      expect(JSON.stringify([submissions, outbox])).not.toContain('four sessions');
    } finally {
      db.close();
    }

    goOnline();
    await waitFor(() => expect(note).toHaveTextContent(en.notes.state.sent), { timeout: 5000 });
    expect(world.service.effects).toEqual([expect.objectContaining({ personId: alice.personId, kind: 'progressNote' })]);
    // A second pass sends nothing more.
    goOnline();
    await waitFor(() => expect(world.service.calls.filter((c) => c.path === '/api/sync/pull').length).toBeGreaterThanOrEqual(3));
    expect(world.service.effects).toHaveLength(1);
  });

  it('over the limit: stopped before sending, with the counter and a plain message; nothing typed is lost', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await openGoal(user);
    const words = `${'I did my reading every night. '.repeat(17)}The end.`;
    expect(words.length).toBeGreaterThan(progressNoteMaxLength);
    await user.click(noteBox());
    await user.paste(words);
    expect(screen.getByText(`Too many characters: ${words.length - progressNoteMaxLength} over the limit`)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: en.notes.save }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(`Your note is too long. Make it ${progressNoteMaxLength} characters or fewer.`);
    expect(noteBox()).toHaveValue(words);
    expect(noteBox()).toHaveAccessibleDescription(expect.stringContaining(`Your note is too long.`));
    expect(pushes()).toEqual([]);
    expect(world.service.effects).toEqual([]);
    expect(screen.getByText(en.notes.listNone)).toBeInTheDocument();
  });

  it('an empty note is refused in plain words; hidden pasted characters are taken out and said', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await openGoal(user);
    await user.click(screen.getByRole('button', { name: en.notes.save }));
    expect(await screen.findByRole('alert')).toHaveTextContent(en.notes.errors.required);
    await user.click(noteBox());
    await user.paste('I filled\u0000 in the form.');
    await user.click(screen.getByRole('button', { name: en.notes.save }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(en.notes.errors.hiddenCharacters));
    expect(noteBox()).toHaveValue('I filled in the form.');
    await user.click(screen.getByRole('button', { name: en.notes.save }));
    await waitFor(() => expect(world.service.effects).toHaveLength(1));
  });

  it('what was being written comes back after signing out and in again', async () => {
    world = sessionWorld({ deviceMode: 'tablet' });
    const user = userEvent.setup();
    await openGoal(user);
    await user.click(screen.getByRole('radio', { name: 'Go to every session.' }));
    await user.type(noteBox(), 'Half a note');
    await signOutNow(user);
    await user.click(screen.getByRole('link', { name: enCommon.nav.signIn }));
    await signInAs(user, alice);
    await user.click(await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' }));
    expect(await screen.findByRole('textbox', { name: en.notes.label })).toHaveValue('Half a note');
    expect(screen.getByRole('radio', { name: 'Go to every session.' })).toBeChecked();
  });

  it('in Welsh', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    renderApp({ path: '/plan/goals/o1', session: world.session, language: 'cy' });
    await user.click(await within(screen.getByRole('main')).findByRole('link', { name: cyCommon.signIn.promptLink }));
    await user.type(await screen.findByRole('textbox', { name: cyCommon.signIn.prisonNumberLabel }), alice.prisonNumber);
    const pad = screen.getByRole('group', { name: cyCommon.signIn.padLabel });
    for (const digit of alice.pin) await user.click(within(pad).getByRole('button', { name: digit }));
    await user.click(screen.getByRole('button', { name: cyCommon.signIn.submit }));
    const box = await screen.findByRole('textbox', { name: cy.notes.label });
    expect(screen.getByRole('group', { name: cy.notes.aboutLegend })).toBeInTheDocument();
    expect(screen.getByText(`Nodau ar ôl: ${progressNoteMaxLength}`)).toBeInTheDocument();
    await user.type(box, 'Es i i bob sesiwn.');
    await user.click(screen.getByRole('button', { name: cy.notes.save }));
    expect(await screen.findByText(cy.notes.saved)).toBeInTheDocument();
  });
});
