import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { Dexie, type Table } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import en from '../../locales/en/common.json' with { type: 'json' };
import forms from '../../locales/en/forms.json' with { type: 'json' };
import cyForms from '../../locales/cy/forms.json' with { type: 'json' };
import { applicationReference } from '../../src/domain/application.ts';
import { openPersonDatabase } from '../../src/app/data/person-db.ts';
import { applicationShortcut } from '../../src/app/later-paths.ts';
import { hasUnsavedInput } from '../../src/app/update/unsaved-input.ts';
import { answerRequired, detailsBox, newApplication, openApplications, sendApplication, signInInWelsh } from './applications-helpers.tsx';
import { renderApp } from './render-app.tsx';
import { alice, sessionWorld, signInAs, signOutNow, waitForIndicator } from './session-world.tsx';

let world: ReturnType<typeof sessionWorld>;
afterEach(async () => {
  await world?.dispose();
});

async function signIn(user: ReturnType<typeof userEvent.setup>, language: 'en' | 'cy' = 'en') {
  renderApp({ path: '/sign-in', session: world.session, language });
  await (language === 'en' ? signInAs(user, alice) : signInInWelsh(user, alice));
  // Signing in lands on What's next, which names the goal worked on now.
  await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' });
}

const pushes = () => world.service.calls.filter((c) => c.path === '/api/sync/push');
const send = () => screen.getByRole('button', { name: forms.form.submit });
const item = (text: string) => screen.getByText(text, { selector: '.app-application__details' }).closest('li')!;
const offline = () => {
  world.service.setOnline(false);
  act(() => void window.dispatchEvent(new Event('offline')));
};
const online = () => {
  world.service.setOnline(true);
  act(() => void window.dispatchEvent(new Event('online')));
};

describe('applications to the OMU: the form', { timeout: 20_000 }, () => {
  it('names every problem plainly with a link to its question, counts in words, and loses nothing typed', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await signIn(user);
    await newApplication(user, 'copyOfOasys');
    expect(screen.getByText(forms.next.copyOfOasys)).toBeInTheDocument();
    expect(screen.getByText('The OMU usually answers within 20 working days.')).toBeInTheDocument();
    expect(screen.getByText('You can write about 83 more words')).toBeInTheDocument();

    await user.click(send());
    const alert = await screen.findByRole('alert');
    const question = forms.field.whichCopy.legend;
    expect(within(alert).getByRole('link', { name: `Answer this question: ${question}` })).toHaveAttribute('href', '#field-whichCopy');
    expect(within(alert).getByRole('link', { name: forms.errors.detailsRequired })).toHaveAttribute('href', '#application-details');
    expect(screen.getByRole('group', { name: question })).toHaveAccessibleDescription(`${en.form.errorPrefix}: Answer this question: ${question}`);

    // By keyboard: Tab to the answers, arrows to choose (a radio group is one stop).
    screen.getByRole('radio', { name: forms.field.whichCopy.options.oasys }).focus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('radio', { name: forms.field.whichCopy.options.sentencePlan })).toBeChecked();
    // By touch: a tap on the words of an answer chooses it.
    await user.pointer({ keys: '[TouchA]', target: screen.getByText(forms.field.whichCopy.options.both) });
    expect(screen.getByRole('radio', { name: forms.field.whichCopy.options.both })).toBeChecked();
    expect(hasUnsavedInput()).toBe(true);

    await user.click(detailsBox());
    await user.paste('x'.repeat(480));
    expect(screen.getByText('You are near the end. You can write 20 more letters')).toBeInTheDocument();
    await user.paste('x'.repeat(21));
    expect(screen.getByText('You have written 1 letter too many')).toHaveClass('govuk-error-message');
    await user.paste('x'.repeat(60));
    expect(screen.getByText('You have written about 11 words too many')).toBeInTheDocument();
    await user.click(send());
    expect(await within(screen.getByRole('alert')).findByRole('link', { name: forms.errors.detailsTooLong })).toBeInTheDocument();
    // Never cut short: every letter is still there, and the answer chosen.
    expect(detailsBox()).toHaveValue('x'.repeat(561));
    expect(screen.getByRole('radio', { name: forms.field.whichCopy.options.both })).toBeChecked();
    expect(pushes()).toEqual([]);

    await user.clear(detailsBox());
    await user.type(detailsBox(), 'Please send me both.');
    await user.click(send());
    await screen.findByText(forms.form.saved);
    await waitFor(() => expect(world.service.effectsFor(alice.personId)).toHaveLength(1));
    const [id] = world.service.effectsFor(alice.personId);
    // Its own page: the reference a person can quote, and what was asked.
    expect(screen.getByText(`Reference: ${applicationReference(id!)}`)).toBeInTheDocument();
    expect(screen.getByText(forms.field.whichCopy.options.both)).toBeInTheDocument();
    expect(world.service.items.at(-1)?.payload).toMatchObject({ type: 'copyOfOasys', fields: { whichCopy: 'both' }, details: 'Please send me both.' });
  });

  it('checks a date: a real one, not in the future; and says it in Welsh', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await signIn(user, 'cy');
    await newApplication(user, 'reviewMyOasys', 'cy');
    expect(screen.getByText('Gallwch chi ysgrifennu tua 83 gair arall')).toBeInTheDocument();
    await answerRequired(user, 'reviewMyOasys', 'cy');
    const group = screen.getByRole('group', { name: `${cyForms.field.lastReviewOn.legend} ${cyForms.field.optional}` });
    await user.type(within(group).getByRole('textbox', { name: cyForms.field.date.day }), '31');
    await user.type(within(group).getByRole('textbox', { name: cyForms.field.date.month }), '2');
    await user.type(within(group).getByRole('textbox', { name: cyForms.field.date.year }), '2025');
    await user.type(detailsBox('cy'), 'Edrychwch arno eto, os gwelwch yn dda.');
    await user.click(screen.getByRole('button', { name: cyForms.form.submit }));
    expect(await within(screen.getByRole('alert')).findByRole('link', { name: cyForms.errors.dateNotReal })).toHaveAttribute('href', '#field-lastReviewOn');
    await user.clear(within(group).getByRole('textbox', { name: cyForms.field.date.day }));
    await user.type(within(group).getByRole('textbox', { name: cyForms.field.date.day }), '1');
    await user.clear(within(group).getByRole('textbox', { name: cyForms.field.date.year }));
    await user.type(within(group).getByRole('textbox', { name: cyForms.field.date.year }), '2999');
    await user.click(screen.getByRole('button', { name: cyForms.form.submit }));
    expect(await within(screen.getByRole('alert')).findByText(cyForms.errors.dateInFuture)).toBeInTheDocument();
    await user.clear(within(group).getByRole('textbox', { name: cyForms.field.date.year }));
    await user.type(within(group).getByRole('textbox', { name: cyForms.field.date.year }), '2025');
    await user.click(screen.getByRole('button', { name: cyForms.form.submit }));
    await screen.findByText(cyForms.form.saved);
    await waitFor(() => expect(world.service.items).toHaveLength(1));
    expect(world.service.items[0]!.payload).toMatchObject({ fields: { reason: 'looksLate', lastReviewOn: '2025-02-01' } });
  });

  it('opens with the type chosen and words written in from a shortcut, also after signing in first; a draft already written wins', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    renderApp({ path: applicationShortcut('reviewMyOasys', 'oasysReviewLooksLate'), session: world.session });
    await user.click(await within(screen.getByRole('main')).findByRole('link', { name: en.signIn.promptLink }));
    await signInAs(user, alice);
    await screen.findByRole('heading', { level: 1, name: forms.type.reviewMyOasys });
    expect(await screen.findByRole('radio', { name: forms.field.reason.options.looksLate })).toBeChecked();
    expect(detailsBox()).toHaveValue(forms.about.oasysReviewLooksLate);
    expect(screen.getByText(forms.form.wordsWritten)).toBeInTheDocument();
    // Words written in are not the person's until they change them: nothing is kept yet.
    expect(hasUnsavedInput()).toBe(false);

    await user.clear(detailsBox());
    await user.type(detailsBox(), 'Half written');
    await signOutNow(user); // waits for the draft's last write
    cleanup();
    renderApp({ path: applicationShortcut('reviewMyOasys', 'oasysReview'), session: world.session });
    await user.click(await within(screen.getByRole('main')).findByRole('link', { name: en.signIn.promptLink }));
    await signInAs(user, alice);
    expect(await screen.findByText(forms.form.draftKept)).toBeInTheDocument();
    expect(await screen.findByRole('textbox', { name: forms.details.label })).toHaveValue('Half written');
    expect(screen.getByRole('radio', { name: forms.field.reason.options.looksLate })).toBeChecked();
    // The list shows it as a draft, with a way back to it.
    await openApplications(user);
    const draft = screen.getByText('Half written', { selector: '.app-application__details' }).closest('li')!;
    expect(draft).toHaveTextContent(forms.status.draft);
    expect(within(draft).getByRole('link', { name: forms.applications.continueDraft })).toHaveAttribute('href', '/applications/new/reviewMyOasys');
  });

  it('keeps the last words typed, however fast, when the person signs out at once', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await signIn(user);
    await newApplication(user, 'other');
    // Many changes in a row, faster than each can be sealed and written, then straight to "Sign out".
    const box = detailsBox();
    for (let n = 1; n <= 300; n += 1) fireEvent.change(box, { target: { value: `Word ${n}` } });
    await signOutNow(user);
    cleanup();
    await signIn(user);
    await newApplication(user, 'other');
    expect(await screen.findByText(forms.form.draftKept)).toBeInTheDocument();
    expect(detailsBox()).toHaveValue('Word 300');
  });

  it('takes pasted hidden characters out, says so plainly, and sends the visible words once', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await signIn(user);
    await newApplication(user, 'other');
    await user.click(detailsBox());
    await user.paste('Please\u0000 call me\u001b back.');
    await user.click(send());
    expect(await within(screen.getByRole('alert')).findByText(forms.errors.hiddenCharacters)).toBeInTheDocument();
    expect(detailsBox()).toHaveValue('Please call me back.');
    expect(pushes()).toEqual([]);
    await user.click(send());
    await waitFor(() => expect(world.service.effects).toHaveLength(1));
    expect(world.service.items[0]!.payload).toMatchObject({ details: 'Please call me back.' });
  });

  it('keeps a very long word, and a long paste, from breaking the page: it wraps', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await signIn(user);
    const long = 'W'.repeat(300);
    await sendApplication(user, 'other', long);
    // Kept whole, in the element whose style wraps it anywhere (applications.scss; measured in the e2e test).
    expect(screen.getByText(long)).toHaveClass('app-application__details');
  });
});

describe('applications to the OMU: status, one open per type, turned down', { timeout: 20_000 }, () => {
  it('is saved on the device when offline, with one status line each; sent when the network is back, exactly once', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await signIn(user);
    offline();
    await sendApplication(user, 'copyOfOasys', 'Please send me a copy of my OASys.');
    await waitFor(() => expect(hasUnsavedInput()).toBe(false));
    await sendApplication(user, 'askAboutCourse', 'Can I do the kitchen course?');
    await waitForIndicator('Waiting: 2');
    await openApplications(user);
    expect(item('Please send me a copy of my OASys.')).toHaveTextContent(forms.status.waiting);
    expect(item('Can I do the kitchen course?')).toHaveTextContent(forms.status.waiting);
    expect(world.service.effects).toEqual([]);

    online();
    await waitFor(() => expect(item('Please send me a copy of my OASys.')).toHaveTextContent(forms.status.sent), { timeout: 5000 });
    await waitFor(() => expect(item('Can I do the kitchen course?')).toHaveTextContent(forms.status.sent));
    expect(world.service.effectsFor(alice.personId)).toHaveLength(2);
    // Newest first, one line each.
    const titles = within(screen.getByRole('heading', { name: forms.applications.listTitle }).nextElementSibling as HTMLElement)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(titles).toEqual([forms.type.askAboutCourse, forms.type.copyOfOasys]);
    expect(item('Can I do the kitchen course?').querySelectorAll('.app-status-line .govuk-tag')).toHaveLength(1);

    // The OMU's side takes over the same line.
    const [first] = world.service.effectsFor(alice.personId);
    world.service.addChange(alice.personId, { entity: 'applicationReply', data: { applicationId: first!, personId: alice.personId, status: 'beingLookedAt', messages: [], updatedAt: '2026-11-21T09:00:00Z' } });
    act(() => void window.dispatchEvent(new Event('online')));
    await waitFor(() => expect(item('Please send me a copy of my OASys.')).toHaveTextContent(forms.status.beingLookedAt), { timeout: 5000 });
    expect(item('Please send me a copy of my OASys.')).not.toHaveTextContent(forms.status.sent);
  });

  it('refuses a second application of a type that is open, showing the open one; once answered, another can be sent', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await signIn(user);
    await sendApplication(user, 'seeMyPom', 'Can I see my POM about my course?');
    await waitFor(() => expect(world.service.effects).toHaveLength(1));
    const [open] = world.service.effectsFor(alice.personId);
    const reference = applicationReference(open!);

    await openApplications(user);
    await user.click(screen.getByRole('link', { name: forms.applications.newLink }));
    expect(await screen.findByText(`You already have one open: ${reference}.`)).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: forms.type.seeMyPom }));
    await user.click(screen.getByRole('button', { name: forms.choose.continue }));
    expect(await screen.findByText(forms.alreadyOpen.text)).toBeInTheDocument();
    const link = screen.getByRole('link', { name: forms.alreadyOpen.link.replace('{{reference}}', reference) });
    expect(link).toHaveAttribute('href', `/applications/${open}`);
    // The form is still there, so words can wait for later; sending is refused, and says why.
    await answerRequired(user, 'seeMyPom');
    await user.type(detailsBox(), 'Another one');
    await user.click(send());
    expect(await within(screen.getByRole('alert')).findByRole('link', { name: forms.alreadyOpen.title })).toHaveAttribute('href', '#already-open-link');
    expect(world.service.effects).toHaveLength(1);

    // The OMU answers: the type is free again.
    world.service.addChange(alice.personId, {
      entity: 'applicationReply',
      data: { applicationId: open!, personId: alice.personId, status: 'answered', messages: [{ id: 'm1', at: '2026-11-22T10:00:00Z', text: 'Your POM will see you on Tuesday.' }], updatedAt: '2026-11-22T10:00:00Z' },
    });
    act(() => void window.dispatchEvent(new Event('online')));
    await waitFor(() => expect(screen.queryByText(forms.alreadyOpen.text)).not.toBeInTheDocument(), { timeout: 5000 });
    expect(detailsBox()).toHaveValue('Another one');
    await user.click(send());
    await screen.findByText(forms.form.saved);
    await waitFor(() => expect(world.service.effects).toHaveLength(2));
  });

  it('shows the service\'s "already open" refusal in its own words, with a way to change it', async () => {
    world = sessionWorld({
      reject: (outboxItem) =>
        outboxItem.kind === 'application' && outboxItem.payload.details.includes('second')
          ? { code: 'alreadyOpen', message: 'You already have an open application of this type.' }
          : null,
    });
    const user = userEvent.setup();
    await signIn(user);
    await sendApplication(user, 'other', 'The first one');
    await waitFor(() => expect(world.service.effects).toHaveLength(1));
    // Made on another device meanwhile, the OMU closed the first; a second of the type goes, and the service refuses it.
    const [first] = world.service.effectsFor(alice.personId);
    world.service.addChange(alice.personId, { entity: 'applicationReply', data: { applicationId: first!, personId: alice.personId, status: 'closed', messages: [], updatedAt: '2026-11-22T10:00:00Z' } });
    act(() => void window.dispatchEvent(new Event('online')));
    await openApplications(user);
    await waitFor(() => expect(item('The first one')).toHaveTextContent(forms.status.closed), { timeout: 5000 });
    await sendApplication(user, 'other', 'The second one');
    await waitFor(() => expect(screen.getByText(forms.rejected.alreadyOpen)).toBeInTheDocument(), { timeout: 5000 });
    expect(screen.getByText(forms.status.rejected)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: forms.rejected.change })).toBeInTheDocument();
  });

  it('shows an item the service turned down with its reason and what to do; changed and sent again it is a new one, linked, and the old one stays', async () => {
    world = sessionWorld({
      reject: (outboxItem) =>
        outboxItem.kind === 'application' && outboxItem.payload.details.includes('refuse me')
          ? { code: 'invalid', message: 'This is about something the OMU does not deal with.' }
          : null,
    });
    const user = userEvent.setup();
    await signIn(user);
    await sendApplication(user, 'other', 'Please refuse me');
    await waitFor(() => expect(screen.getByText('Why: This is about something the OMU does not deal with.')).toBeInTheDocument(), { timeout: 5000 });
    expect(screen.getByText(forms.rejected.whatToDo)).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: forms.rejected.change }));
    await screen.findByRole('heading', { level: 1, name: forms.form.changeTitle });
    await waitFor(() => expect(detailsBox()).toHaveValue('Please refuse me'));
    expect(detailsBox()).toHaveFocus();
    // Its kind can change too.
    await user.click(screen.getByRole('radio', { name: forms.type.seeMyPom }));
    await answerRequired(user, 'seeMyPom');
    await user.clear(detailsBox());
    await user.type(detailsBox(), 'Please can I see my POM?');
    await user.click(send());
    await screen.findByText(forms.form.saved);
    await waitFor(() => expect(world.service.effects).toHaveLength(1));
    const [oldId] = [...world.service.processed.get(alice.personId)!.keys()];
    const sent = world.service.items[0]!;
    expect(sent.id).not.toBe(oldId);
    expect(sent.payload).toMatchObject({ type: 'seeMyPom', details: 'Please can I see my POM?', replaces: oldId });
    expect(screen.getByRole('link', { name: forms.applications.replaces.replace('{{reference}}', applicationReference(oldId!)) })).toBeInTheDocument();

    // The old one is still there, turned down, with its words, pointing at the new one.
    await openApplications(user);
    expect(item('Please refuse me')).toHaveTextContent(forms.status.rejected);
    await user.click(within(item('Please refuse me')).getByRole('link', { name: forms.type.other }));
    expect(await screen.findByRole('link', { name: forms.applications.replacedBy.replace('{{reference}}', applicationReference(sent.id)) })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: forms.rejected.change })).not.toBeInTheDocument();
  });

  it('an application too big to send is turned down on the device in plain words; changed, it is sent', async () => {
    // The service (or something on the way) takes no more than 800 bytes in one go.
    world = sessionWorld({ maxBodyBytes: 800 });
    const user = userEvent.setup();
    await signIn(user);
    const long = '€'.repeat(500); // 500 characters, 1,500 bytes
    await newApplication(user, 'other');
    await user.click(detailsBox());
    await user.paste(long);
    await user.click(send());
    await waitFor(() => expect(screen.getByText(forms.rejected.tooBig)).toBeInTheDocument(), { timeout: 5000 });
    expect(world.service.effects).toEqual([]);
    await user.click(screen.getByRole('link', { name: forms.rejected.change }));
    await waitFor(() => expect(detailsBox()).toHaveValue(long));
    await user.clear(detailsBox());
    await user.type(detailsBox(), '€'.repeat(100));
    await user.click(send());
    await waitFor(() => expect(world.service.effectsFor(alice.personId)).toHaveLength(1), { timeout: 5000 });
  });

  it('after "Send" and a reload the form is empty and exactly one application is queued', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await signIn(user);
    offline();
    const text = 'Please can I see my POM about my course?';
    await newApplication(user, 'seeMyPom');
    await answerRequired(user, 'seeMyPom');
    await user.type(detailsBox(), text);

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
    await user.click(send());
    await waitFor(() => expect(spy).toHaveBeenCalled());
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    spy.mockRestore();
    cleanup();

    await signIn(user);
    await newApplication(user, 'seeMyPom');
    expect(detailsBox()).toHaveValue('');
    expect(screen.queryByText(forms.form.draftKept)).not.toBeInTheDocument();
    await openApplications(user);
    await waitFor(() => expect(screen.getAllByText(text, { selector: '.app-application__details' })).toHaveLength(1));
    const store = openPersonDatabase(alice.personId);
    expect(await store.outbox.count()).toBe(1);
    expect(await store.meta.get('draft.application.seeMyPom')).toBeUndefined();
    store.close();
  });
});
