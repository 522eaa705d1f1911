import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../locales/en/common.json' with { type: 'json' };
import enPlan from '../../locales/en/plan.json' with { type: 'json' };
import { renderApp } from './render-app.tsx';
import { alice, bob, pressPin, sessionWorld, signInAs, signOutNow } from './session-world.tsx';

let world: ReturnType<typeof sessionWorld>;
afterEach(async () => {
  await world?.dispose();
});

const pinBox = () => screen.getByLabelText(en.signIn.pinLabel, { selector: 'input' });
const summary = () => screen.getByRole('alert');
const formatMessage = en.signIn.errors.prisonNumberFormat.replace('{{example}}', 'A1234BC');

describe('sign-in page', { timeout: 15_000 }, () => {
  it('explains a wrong prison number and a short PIN in plain words before sending anything, keeping what was typed', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await user.type(await screen.findByRole('textbox', { name: en.signIn.prisonNumberLabel }), '12345');
    await pressPin(user, '123');
    await user.click(screen.getByRole('button', { name: en.signIn.submit }));

    expect(within(summary()).getByRole('heading', { name: en.signIn.errors.title })).toBeInTheDocument();
    expect(within(summary()).getByRole('link', { name: formatMessage })).toHaveAttribute('href', '#prison-number');
    expect(within(summary()).getByRole('link', { name: en.signIn.errors.pinTooShort })).toBeInTheDocument();
    // The same messages next to each field, and the fields point at them.
    expect(screen.getByRole('textbox', { name: en.signIn.prisonNumberLabel })).toHaveAccessibleDescription(expect.stringContaining(formatMessage));
    expect(screen.getByRole('textbox', { name: en.signIn.prisonNumberLabel })).toHaveValue('12345');
    expect(pinBox()).toHaveValue('123');
    expect(world.service.calls).toEqual([]);

    // An empty form says what to put in.
    await user.clear(screen.getByRole('textbox', { name: en.signIn.prisonNumberLabel }));
    await user.click(screen.getByRole('button', { name: en.signIn.padClear }));
    await user.click(screen.getByRole('button', { name: en.signIn.submit }));
    expect(within(summary()).getByText(en.signIn.errors.prisonNumberMissing)).toBeInTheDocument();
    expect(within(summary()).getByText(en.signIn.errors.pinMissing)).toBeInTheDocument();
    // Clicking a problem moves to its field.
    await user.click(within(summary()).getByRole('link', { name: en.signIn.errors.pinMissing }));
    expect(pinBox()).toHaveFocus();
    expect(world.service.calls).toEqual([]);
  });

  it('takes the PIN from a large number pad (delete, clear) or the keyboard, masked and without autofill', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await screen.findByRole('heading', { level: 1, name: en.signIn.title });
    expect(pinBox()).toHaveAttribute('type', 'password');
    expect(pinBox()).toHaveAttribute('inputmode', 'numeric');
    expect(pinBox()).toHaveAttribute('autocomplete', 'off');
    const pad = screen.getByRole('group', { name: en.signIn.padLabel });
    expect(within(pad).getAllByRole('button')).toHaveLength(12);
    await pressPin(user, '4829');
    expect(pinBox()).toHaveValue('4829');
    expect(screen.getByText('Numbers put in: 4')).toBeInTheDocument();
    await user.click(within(pad).getByRole('button', { name: en.signIn.padDelete }));
    expect(pinBox()).toHaveValue('482');
    await user.click(within(pad).getByRole('button', { name: en.signIn.padClear }));
    expect(pinBox()).toHaveValue('');
    await user.type(pinBox(), '305716');
    expect(pinBox()).toHaveValue('305716');
  });

  it('says plainly when the PIN is wrong, and keeps the prison number', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, { prisonNumber: 'a1234bc', pin: '000000' });
    expect(await within(await screen.findByRole('alert')).findByText(en.signIn.errors.wrongPin)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: en.signIn.prisonNumberLabel })).toHaveValue('a1234bc');
    expect(world.service.calls.filter((c) => c.path === '/api/auth/sign-in')).toHaveLength(1);
  });

  it('after too many tries says how long to wait and to ask staff, counts down, and sends nothing meanwhile', async () => {
    world = sessionWorld();
    world.service.fault({ kind: 'status', status: 429, retryAfter: '2' }, '/api/auth/sign-in');
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, alice);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Wait 2 seconds, then try again');
    expect(alert).toHaveTextContent('If you have forgotten your PIN, ask a member of staff.');
    expect(screen.getByRole('timer')).toHaveTextContent('Time left to wait: 2 seconds');
    await pressPin(user, alice.pin);
    await user.click(screen.getByRole('button', { name: en.signIn.submit }));
    expect(world.service.calls.filter((c) => c.path === '/api/auth/sign-in')).toHaveLength(1);
    expect(await screen.findByText(en.signIn.canTryAgain, {}, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.queryByRole('timer')).not.toBeInTheDocument();
  });

  it('a wait holds up only the prison number it was for: the next person at the kiosk signs in at once', async () => {
    world = sessionWorld();
    world.service.fault({ kind: 'status', status: 429, retryAfter: '30' }, '/api/auth/sign-in');
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, alice);
    expect(await screen.findByRole('alert')).toHaveTextContent('Wait 30 seconds, then try again');
    expect(screen.getByRole('timer')).toBeInTheDocument();
    // Bob, at the same kiosk, with his own number: no timer, and his sign-in goes out and works.
    await signInAs(user, bob);
    await screen.findByText(/Bob goal: learn to drive a forklift/);
    expect(world.service.calls.filter((c) => c.path === '/api/auth/sign-in')).toHaveLength(2);
  });

  it('when someone may be guessing the PIN, says to ask staff or use a device used before, keeping the prison number', async () => {
    world = sessionWorld();
    world.service.fault({ kind: 'status', status: 403, code: 'askStaff' }, '/api/auth/sign-in');
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, alice);
    expect(await within(await screen.findByRole('alert')).findByRole('link', { name: en.signIn.errors.askStaff })).toHaveAttribute('href', '#prison-number');
    expect(screen.getByRole('textbox', { name: en.signIn.prisonNumberLabel })).toHaveValue(alice.prisonNumber);
    expect(screen.getByRole('textbox', { name: en.signIn.prisonNumberLabel })).toHaveAccessibleDescription(expect.stringContaining(en.signIn.errors.askStaff));
  });

  it('needs a connection the first time on this device', async () => {
    world = sessionWorld();
    world.service.setOnline(false);
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, alice);
    expect(await within(await screen.findByRole('alert')).findByText(en.signIn.errors.needsConnection)).toBeInTheDocument();
  });

  it('shows "Unlocking…" while it works, signs in, and later unlocks OFFLINE on this device with the same PIN', async () => {
    // A personal tablet keeps the person's data (a kiosk removes it once nothing waits: forget-person.ts).
    world = sessionWorld({ deviceMode: 'tablet' });
    let release!: () => void;
    world.service.fault({ kind: 'hold', gate: new Promise<void>((resolve) => (release = resolve)) }, '/api/auth/sign-in');
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, alice);
    expect(await screen.findByText(en.signIn.unlocking)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: en.signIn.submit })).toBeDisabled();
    release();
    expect(await screen.findByRole('heading', { level: 1, name: enPlan.whatsNext.title })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' })).toBeInTheDocument();
    await signOutNow(user);

    world.service.setOnline(false);
    await user.click(screen.getByRole('link', { name: en.nav.signIn }));
    await signInAs(user, alice);
    expect(await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: en.session.signOut })).toBeInTheDocument();
  });

  it('after a PIN change elsewhere, asks for the old PIN once, then the new PIN works offline too', async () => {
    // A personal tablet keeps the person's data (a kiosk removes it once nothing waits: forget-person.ts).
    world = sessionWorld({ deviceMode: 'tablet' });
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, alice);
    await screen.findByRole('heading', { level: 1, name: enPlan.whatsNext.title });
    await signOutNow(user);

    const changed = { ...alice, pin: '999999' };
    world.service.addPerson(changed);
    await user.click(screen.getByRole('link', { name: en.nav.signIn }));
    await signInAs(user, changed);
    expect(await screen.findByRole('heading', { name: en.signIn.pinChangedTitle })).toBeInTheDocument();
    const oldPin = screen.getByLabelText(en.signIn.oldPinLabel, { selector: 'input' });
    await pressPin(user, '111111');
    await user.click(screen.getByRole('button', { name: en.signIn.oldPinSubmit }));
    expect(await within(await screen.findByRole('alert')).findByText(en.signIn.errors.oldPinWrong)).toBeInTheDocument();
    expect(oldPin).toHaveValue('');
    await pressPin(user, alice.pin);
    await user.click(screen.getByRole('button', { name: en.signIn.oldPinSubmit }));
    expect(await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' })).toBeInTheDocument();
    await signOutNow(user);

    world.service.setOnline(false);
    await user.click(screen.getByRole('link', { name: en.nav.signIn }));
    await signInAs(user, changed);
    await waitFor(() => expect(screen.getByRole('button', { name: en.session.signOut })).toBeInTheDocument());
  });
});
