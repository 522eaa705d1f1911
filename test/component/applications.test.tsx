import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { Dexie, type Table } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import en from '../../locales/en/common.json' with { type: 'json' };
import { openPersonDatabase } from '../../src/app/data/person-db.ts';
import { hasUnsavedInput } from '../../src/app/update/unsaved-input.ts';
import { applicationShortcut } from '../../src/app/routes.ts';
import { renderApp } from './render-app.tsx';
import { alice, sessionWorld, signInAs, signOutNow, waitForIndicator } from './session-world.tsx';
import { cleanup } from '@testing-library/react';

let world: ReturnType<typeof sessionWorld>;
afterEach(async () => {
  await world?.dispose();
});

async function openApplications(user: ReturnType<typeof userEvent.setup>) {
  renderApp({ path: '/sign-in', session: world.session });
  await signInAs(user, alice);
  await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' });
  await user.click(screen.getByRole('link', { name: en.session.nav.applications }));
  await screen.findByRole('heading', { level: 1, name: en.applications.title });
  await screen.findByRole('button', { name: en.applications.submit });
}

const details = () => screen.getByRole('textbox', { name: en.applications.detailsLabel });
const item = (text: string) => screen.getByText(text, { selector: '.app-application__details' }).closest('li')!;

describe('applications to the OMU', { timeout: 15_000 }, () => {
  it('checks the form with the shared rules, says what is wrong plainly, and loses nothing typed', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await openApplications(user);
    await user.click(screen.getByRole('button', { name: en.applications.submit }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('link', { name: en.applications.errors.type })).toHaveAttribute('href', '#application-type');
    expect(within(alert).getByRole('link', { name: en.applications.errors.detailsRequired })).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: en.applications.type.seeMyPom }));
    expect(hasUnsavedInput()).toBe(true);
    await user.click(details());
    await user.paste('x'.repeat(501));
    expect(screen.getByText('Too many characters: 1')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: en.applications.submit }));
    expect(await within(screen.getByRole('alert')).findByText(en.applications.errors.detailsTooLong)).toBeInTheDocument();
    expect(details()).toHaveValue('x'.repeat(501));
    expect(screen.getByRole('radio', { name: en.applications.type.seeMyPom })).toBeChecked();
    expect(world.service.calls.filter((c) => c.path === '/api/sync/push')).toEqual([]);

    await user.click(details());
    await user.keyboard('{End}{Backspace}');
    expect(screen.getByText('Characters left: 0')).toBeInTheDocument();
  });

  it('opens with the type chosen from a shortcut, also after signing in first; a draft already written wins', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    renderApp({ path: applicationShortcut('reviewMyOasys', 'oasysReviewLooksLate'), session: world.session });
    await user.click(await within(screen.getByRole('main')).findByRole('link', { name: en.signIn.promptLink }));
    await signInAs(user, alice);
    await screen.findByRole('heading', { level: 1, name: en.applications.title });
    expect(await screen.findByRole('radio', { name: en.applications.type.reviewMyOasys })).toBeChecked();

    // A draft of another type is kept over the shortcut.
    await user.click(screen.getByRole('radio', { name: en.applications.type.seeMyPom }));
    await user.type(details(), 'Half written');
    await signOutNow(user); // waits for the draft's last write
    cleanup();
    renderApp({ path: applicationShortcut('reviewMyOasys'), session: world.session });
    await user.click(await within(screen.getByRole('main')).findByRole('link', { name: en.signIn.promptLink }));
    await signInAs(user, alice);
    expect(await screen.findByRole('radio', { name: en.applications.type.seeMyPom })).toBeChecked();
    expect(details()).toHaveValue('Half written');
  });

  it('takes pasted hidden characters out, says so plainly, and sends the visible words once', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await openApplications(user);
    await user.click(screen.getByRole('radio', { name: en.applications.type.other }));
    await user.click(details());
    await user.paste('Please\u0000 call me\u001b back.');
    await user.click(screen.getByRole('button', { name: en.applications.submit }));
    expect(await within(screen.getByRole('alert')).findByText(en.applications.errors.detailsHiddenCharacters)).toBeInTheDocument();
    expect(details()).toHaveValue('Please call me back.');
    expect(world.service.calls.filter((c) => c.path === '/api/sync/push')).toEqual([]);

    await user.click(screen.getByRole('button', { name: en.applications.submit }));
    await waitFor(() => expect(world.service.effects).toHaveLength(1));
    await waitFor(() => expect(item('Please call me back.')).toHaveTextContent(en.applications.state.sent));
  });

  it('is saved on the device when offline, shows each item waiting, then sent when the network is back — exactly once', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await openApplications(user);
    world.service.setOnline(false);
    act(() => void window.dispatchEvent(new Event('offline')));

    await user.click(screen.getByRole('radio', { name: en.applications.type.copyOfOasys }));
    await user.type(details(), 'Please send me a copy of my OASys.');
    await user.click(screen.getByRole('button', { name: en.applications.submit }));
    expect(await screen.findByText(en.applications.savedText)).toBeInTheDocument();
    await waitFor(() => expect(details()).toHaveValue(''));
    await waitFor(() => expect(hasUnsavedInput()).toBe(false));
    await waitFor(() => expect(item('Please send me a copy of my OASys.')).toHaveTextContent(en.applications.state.waiting));
    await waitForIndicator('Saved on this device. It will be sent when the device is connected. Waiting: 1');

    await user.click(screen.getByRole('radio', { name: en.applications.type.askAboutCourse }));
    await user.type(details(), 'Can I do the kitchen course?');
    await user.click(screen.getByRole('button', { name: en.applications.submit }));
    await waitFor(() => expect(details()).toHaveValue(''));
    await waitForIndicator('Waiting: 2');
    await waitFor(() => expect(item('Can I do the kitchen course?')).toHaveTextContent(en.applications.state.waiting));
    expect(world.service.effects).toEqual([]);

    world.service.setOnline(true);
    act(() => void window.dispatchEvent(new Event('online')));
    await waitFor(() => expect(item('Please send me a copy of my OASys.')).toHaveTextContent(en.applications.state.sent), { timeout: 5000 });
    await waitFor(() => expect(item('Can I do the kitchen course?')).toHaveTextContent(en.applications.state.sent));
    await waitForIndicator(en.syncStatus.upToDate);
    expect(world.service.effectsFor(alice.personId)).toHaveLength(2);
    // Newest first.
    const titles = within(screen.getByRole('heading', { name: en.applications.listTitle }).nextElementSibling as HTMLElement)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(titles).toEqual([en.applications.type.askAboutCourse, en.applications.type.copyOfOasys]);
  });

  it('shows an item the service turned down with its own plain message; the others are still sent', async () => {
    world = sessionWorld({
      reject: (item) =>
        item.kind === 'application' && item.payload.details.includes('refuse me')
          ? { code: 'invalid', message: 'This is about something the OMU does not deal with.' }
          : null,
    });
    const user = userEvent.setup();
    await openApplications(user);
    await user.click(screen.getByRole('radio', { name: en.applications.type.other }));
    await user.type(details(), 'Please refuse me');
    await user.click(screen.getByRole('button', { name: en.applications.submit }));
    await waitFor(() => expect(details()).toHaveValue(''));
    await user.click(screen.getByRole('radio', { name: en.applications.type.seeMyPom }));
    await user.type(details(), 'I would like to see my POM');
    await user.click(screen.getByRole('button', { name: en.applications.submit }));

    await waitFor(() => expect(item('Please refuse me')).toHaveTextContent(en.applications.state.rejected), { timeout: 5000 });
    expect(item('Please refuse me')).toHaveTextContent('Why: This is about something the OMU does not deal with.');
    expect(item('Please refuse me')).toHaveTextContent(en.applications.whatToDo);
    await waitFor(() => expect(item('I would like to see my POM')).toHaveTextContent(en.applications.state.sent));
    await waitForIndicator('Not accepted: 1');
  });

  it('after "Send" and a reload the form is empty and exactly one application is queued', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await openApplications(user);
    world.service.setOnline(false);
    act(() => void window.dispatchEvent(new Event('offline')));
    const words = 'Please can I see my POM about my course?';
    await user.click(screen.getByRole('radio', { name: en.applications.type.seeMyPom }));
    await user.type(details(), words);

    // The tab dies the moment the transaction that saves the application commits: nothing this
    // page writes afterwards reaches the store (as if the person reloaded at that instant).
    const transaction = Dexie.prototype.transaction;
    const spy = vi.spyOn(Dexie.prototype, 'transaction').mockImplementation(function (this: Dexie, ...args: unknown[]) {
      const result = (transaction as (...a: unknown[]) => Promise<unknown>).apply(this, args);
      const tables = args.slice(1, -1).flat() as Array<string | Table>;
      if (args[0] === 'rw' && tables.some((table) => (typeof table === 'string' ? table : table.name) === 'outbox')) {
        void result.then(
          () => this.close(),
          () => undefined,
        );
      }
      return result;
    } as typeof transaction);
    await user.click(screen.getByRole('button', { name: en.applications.submit }));
    await waitFor(() => expect(spy).toHaveBeenCalled());
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    spy.mockRestore();
    cleanup();

    // The page loads again and the person signs in again.
    await openApplications(user);
    expect(details()).toHaveValue('');
    for (const option of Object.values(en.applications.type)) expect(screen.getByRole('radio', { name: option })).not.toBeChecked();
    await waitFor(() => expect(screen.getAllByText(words, { selector: '.app-application__details' })).toHaveLength(1));
    const store = openPersonDatabase(alice.personId);
    expect(await store.outbox.count()).toBe(1);
    expect(await store.meta.get('draft.application')).toBeUndefined();
    store.close();
  });

  it('an application too big to send is turned down on the device in plain words; it can be changed and sent again', async () => {
    // The service (or something on the way) takes no more than 800 bytes in one go.
    world = sessionWorld({ maxBodyBytes: 800 });
    const user = userEvent.setup();
    await openApplications(user);
    const long = '€'.repeat(500); // 500 characters, 1,500 bytes
    await user.click(screen.getByRole('radio', { name: en.applications.type.other }));
    await user.click(details());
    await user.paste(long);
    await user.click(screen.getByRole('button', { name: en.applications.submit }));
    await waitFor(() => expect(item(long)).toHaveTextContent(en.applications.state.rejected), { timeout: 5000 });
    expect(item(long)).toHaveTextContent(en.applications.tooBig);
    expect(world.service.effects).toEqual([]);

    // Another application meanwhile is not held up.
    await user.click(screen.getByRole('radio', { name: en.applications.type.seeMyPom }));
    await user.type(details(), 'Can I see my POM?');
    await user.click(within(item(long)).getByRole('button', { name: en.applications.changeAndResend }));
    expect(within(item(long)).getByRole('alert')).toHaveTextContent(en.applications.formNotEmpty);
    expect(details()).toHaveValue('Can I see my POM?');
    await user.click(screen.getByRole('button', { name: en.applications.submit }));
    await waitFor(() => expect(item('Can I see my POM?')).toHaveTextContent(en.applications.state.sent), { timeout: 5000 });

    // The form is empty now: the words come back into it, to be made shorter.
    await waitFor(() => expect(details()).toHaveValue(''));
    await user.click(within(item(long)).getByRole('button', { name: en.applications.changeAndResend }));
    await waitFor(() => expect(details()).toHaveValue(long));
    expect(details()).toHaveFocus();
    expect(screen.getByRole('radio', { name: en.applications.type.other })).toBeChecked();
    await user.clear(details());
    await user.type(details(), '€'.repeat(100));
    await user.click(screen.getByRole('button', { name: en.applications.submit }));
    await waitFor(() => expect(item('€'.repeat(100))).toHaveTextContent(en.applications.state.sent), { timeout: 5000 });
    expect(world.service.effectsFor(alice.personId)).toHaveLength(2);
    // The one turned down is still there, with its words: nothing is lost.
    expect(item(long)).toHaveTextContent(en.applications.state.rejected);
  });
});
