import { screen, waitFor, within } from '@testing-library/react';
import { userEvent, type UserEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import cy from '../../locales/cy/common.json' with { type: 'json' };
import en from '../../locales/en/common.json' with { type: 'json' };
import { openDeviceDatabase } from '../../src/app/data/device-db.ts';
import { renderApp } from './render-app.tsx';
import { planFor, pressPin, sessionWorld, signInAs, signOutNow } from './session-world.tsx';

let world: ReturnType<typeof sessionWorld>;
afterEach(async () => {
  await world?.dispose();
});

const newcomer = { personId: 'person-n', prisonNumber: 'N1234PQ', pin: '271828', displayName: 'Nia', mustChangePin: true };
const newPinBox = () => screen.getByLabelText(en.signIn.newPin.newPinLabel, { selector: 'input' });
const confirmBox = () => screen.getByLabelText(en.signIn.newPin.confirmLabel, { selector: 'input' });
const save = () => screen.getByRole('button', { name: en.signIn.newPin.submit });

/** Types both new PIN boxes by keyboard. */
async function typeNewPin(user: UserEvent, first: string, second = first) {
  await user.type(newPinBox(), first);
  await user.type(confirmBox(), second);
  await user.click(save());
}

/** On a tablet, the person's data stays on the device after sign-out (a kiosk removes it once nothing waits). */
function withNewcomer() {
  world = sessionWorld({ deviceMode: 'tablet' });
  world.service.addPerson({ ...newcomer });
  world.service.addChange(newcomer.personId, { entity: 'plan', data: planFor(newcomer.personId, 'Nia goal: start a cooking course') });
  return world;
}

describe('choosing your own PIN after a one-time PIN from staff', { timeout: 20_000 }, () => {
  it('asks for a new PIN before anything else, checks it in plain words, then signs in with it and shows the plan', async () => {
    withNewcomer();
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, newcomer);
    expect(await screen.findByRole('heading', { name: en.signIn.newPin.title })).toBeInTheDocument();
    // Nothing is unlocked yet: no sign-out button, no plan, no sync.
    expect(screen.queryByRole('button', { name: en.session.signOut })).not.toBeInTheDocument();
    expect(world.service.calls.filter((call) => call.path.startsWith('/api/sync/'))).toEqual([]);
    const look = openDeviceDatabase();
    expect(await look.people.count()).toBe(0);
    look.close();

    // Too short, then two that differ, then the staff's PIN again: each refused before or by the service.
    await typeNewPin(user, '123');
    expect(within(await screen.findByRole('alert')).getByRole('link', { name: en.signIn.errors.pinTooShort })).toHaveAttribute('href', '#new-pin');
    expect(newPinBox()).toHaveValue('');
    await typeNewPin(user, '918273', '918274');
    expect(within(await screen.findByRole('alert')).getByRole('link', { name: en.signIn.newPin.errors.mismatch })).toHaveAttribute('href', '#confirm-pin');
    expect(world.service.pinChanges).toEqual([]);
    await typeNewPin(user, newcomer.pin);
    await screen.findByText(en.signIn.newPin.errors.samePin, { selector: 'a' });

    // The number pad types into the box last chosen.
    await user.click(newPinBox());
    await pressPin(user, '918273');
    await user.click(confirmBox());
    expect(screen.getByText(en.signIn.newPin.padTypesConfirm)).toBeInTheDocument();
    await pressPin(user, '918273');
    expect(newPinBox()).toHaveValue('918273');
    expect(confirmBox()).toHaveValue('918273');
    await user.click(save());

    expect((await screen.findAllByText(/Nia goal: start a cooking course/, {}, { timeout: 5000 })).length).toBeGreaterThan(0);
    expect(world.service.pinOf(newcomer.personId)).toBe('918273');
    expect(world.service.pinChanges.at(-1)).toMatchObject({ currentPin: newcomer.pin, newPin: '918273' });
    // The sign-in after the change used the new PIN.
    expect(world.service.signIns.at(-1)).toMatchObject({ prisonNumber: newcomer.prisonNumber, pin: '918273' });
    await signOutNow(user);

    // Offline, the new PIN opens this device's data (the key was wrapped to it, never to the one-time PIN).
    world.service.setOnline(false);
    await user.click(screen.getByRole('link', { name: en.nav.signIn }));
    await signInAs(user, { prisonNumber: newcomer.prisonNumber, pin: newcomer.pin });
    expect(await screen.findByText(en.signIn.errors.wrongPin, { selector: 'a' })).toBeInTheDocument();
    await signInAs(user, { prisonNumber: newcomer.prisonNumber, pin: '918273' });
    await waitFor(() => expect(screen.getByRole('button', { name: en.session.signOut })).toBeInTheDocument());
  });

  it('after a staff reset, the new PIN re-wraps what this device holds: the old PIN is asked for once and nothing sealed is lost', async () => {
    withNewcomer();
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, newcomer);
    await screen.findByRole('heading', { name: en.signIn.newPin.title });
    await typeNewPin(user, '918273');
    expect((await screen.findAllByText(/Nia goal: start a cooking course/, {}, { timeout: 5000 })).length).toBeGreaterThan(0);
    await signOutNow(user);

    // Staff give a new one-time PIN; the person still knows their earlier one.
    world.service.setOnline(true);
    world.service.resetPin(newcomer.personId, '314159');
    await user.click(screen.getByRole('link', { name: en.nav.signIn }));
    await signInAs(user, { prisonNumber: newcomer.prisonNumber, pin: '314159' });
    await screen.findByRole('heading', { name: en.signIn.newPin.title });
    await typeNewPin(user, '555123');
    // The data here was locked with the earlier PIN: asked for once, then re-wrapped to the new one.
    expect(await screen.findByRole('heading', { name: en.signIn.pinChangedTitle })).toBeInTheDocument();
    await pressPin(user, '918273');
    await user.click(screen.getByRole('button', { name: en.signIn.oldPinSubmit }));
    expect((await screen.findAllByText(/Nia goal: start a cooking course/, {}, { timeout: 5000 })).length).toBeGreaterThan(0);
    await signOutNow(user);
    // Offline, the new PIN opens the plan sealed here before the reset: the same key, wrapped anew.
    world.service.setOnline(false);
    await user.click(screen.getByRole('link', { name: en.nav.signIn }));
    await signInAs(user, { prisonNumber: newcomer.prisonNumber, pin: '555123' });
    await waitFor(() => expect(screen.getByRole('button', { name: en.session.signOut })).toBeInTheDocument());
    await user.click(screen.getByRole('link', { name: en.nav.plan }));
    expect((await screen.findAllByText(/Nia goal: start a cooking course/, {}, { timeout: 5000 })).length).toBeGreaterThan(0);
  });

  it('after a reset, a person who cannot remember their earlier PIN can start again on this device, told what that costs', async () => {
    withNewcomer();
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, newcomer);
    await screen.findByRole('heading', { name: en.signIn.newPin.title });
    await typeNewPin(user, '918273');
    expect((await screen.findAllByText(/Nia goal: start a cooking course/, {}, { timeout: 5000 })).length).toBeGreaterThan(0);
    await signOutNow(user);

    world.service.resetPin(newcomer.personId, '314159');
    await user.click(screen.getByRole('link', { name: en.nav.signIn }));
    await signInAs(user, { prisonNumber: newcomer.prisonNumber, pin: '314159' });
    await screen.findByRole('heading', { name: en.signIn.newPin.title });
    await typeNewPin(user, '555123');
    await screen.findByRole('heading', { name: en.signIn.pinChangedTitle });
    await user.click(screen.getByRole('button', { name: en.signIn.startAfresh.forgot }));
    // What starting again costs, in plain words; going back keeps the old-PIN step.
    expect(screen.getByRole('heading', { name: en.signIn.startAfresh.title })).toBeInTheDocument();
    expect(screen.getByText(en.signIn.startAfresh.text)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: en.signIn.startAfresh.back }));
    expect(screen.getByLabelText(en.signIn.oldPinLabel, { selector: 'input' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: en.signIn.startAfresh.forgot }));
    await user.click(screen.getByRole('button', { name: en.signIn.startAfresh.confirm }));

    // Signed in with the new PIN; the plan came again from the service.
    await waitFor(() => expect(screen.getByRole('button', { name: en.session.signOut })).toBeInTheDocument());
    expect((await screen.findAllByText(/Nia goal: start a cooking course/, {}, { timeout: 5000 })).length).toBeGreaterThan(0);
    await signOutNow(user);
    // Offline, the new PIN opens this device's fresh copy; the earlier PIN opens nothing.
    world.service.setOnline(false);
    await user.click(screen.getByRole('link', { name: en.nav.signIn }));
    await signInAs(user, { prisonNumber: newcomer.prisonNumber, pin: '918273' });
    expect(await screen.findByText(en.signIn.errors.wrongPin, { selector: 'a' })).toBeInTheDocument();
    await signInAs(user, { prisonNumber: newcomer.prisonNumber, pin: '555123' });
    await waitFor(() => expect(screen.getByRole('button', { name: en.session.signOut })).toBeInTheDocument());
  });

  it('says so when the device cannot reach the service, keeping the person on the new PIN screen; in Welsh too', async () => {
    withNewcomer();
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session, language: 'cy' });
    await user.type(await screen.findByRole('textbox', { name: cy.signIn.prisonNumberLabel }), newcomer.prisonNumber);
    await user.type(screen.getByLabelText(cy.signIn.pinLabel, { selector: 'input' }), newcomer.pin);
    await user.click(screen.getByRole('button', { name: cy.signIn.submit }));
    expect(await screen.findByRole('heading', { name: cy.signIn.newPin.title })).toBeInTheDocument();
    world.service.setOnline(false);
    await user.type(screen.getByLabelText(cy.signIn.newPin.newPinLabel, { selector: 'input' }), '918273');
    await user.type(screen.getByLabelText(cy.signIn.newPin.confirmLabel, { selector: 'input' }), '918273');
    await user.click(screen.getByRole('button', { name: cy.signIn.newPin.submit }));
    expect(await screen.findByText(cy.signIn.newPin.errors.needsConnection, { selector: 'a' })).toBeInTheDocument();
    expect(world.service.pinOf(newcomer.personId)).toBe(newcomer.pin);
  });
});
