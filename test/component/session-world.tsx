/** Shared set-up for the sign-in, session, plan and applications component tests (not a test file). */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { Dexie } from 'dexie';
import en from '../../locales/en/common.json' with { type: 'json' };
import type { Plan } from '../../src/domain/plan.ts';
import { openDeviceDatabase } from '../../src/app/data/device-db.ts';
import { createUnlockThrottle } from '../../src/app/data/unlock.ts';
import type { SessionOptions } from '../../src/app/session/SessionProvider.tsx';
import { createApiClient } from '../../src/app/sync/api-client.ts';
import { createFakeService } from '../unit/sync-fake-service.ts';

export const alice = { personId: 'person-a', prisonNumber: 'A1234BC', pin: '123456', displayName: 'Alice' };
export const bob = { personId: 'person-b', prisonNumber: 'B2345CD', pin: '654321', displayName: 'Bob' };

export function planFor(personId: string, title: string): Plan {
  return {
    id: `plan-${personId}`,
    personId,
    updatedAt: '2026-11-20T09:30:00Z',
    sentence: { type: 'determinate', sentencedOn: '2025-09-01', lengthMonths: 48 },
    keyDates: { releaseDate: '2027-09-01', sentenceExpiryDate: '2029-09-01' },
    agreement: 'agreed',
    reviews: [
      { id: 'r1', kind: 'initialOasys', on: '2025-10-20', by: 'pom' },
      { id: 'r2', kind: 'sentencePlanReview', on: '2026-09-15', by: 'pom' },
    ],
    objectives: [
      {
        id: 'o2',
        area: 'employmentEducation',
        priority: 2,
        title: 'Get a level 1 English certificate',
        measure: 'You pass the level 1 English test.',
        status: 'active',
        dueBy: '2027-03-03',
        steps: [{ id: 's3', description: 'Book a date for your test.', actor: 'education', status: 'notStarted', dueBy: '2027-02-01' }],
      },
      {
        id: 'o1',
        area: 'thinkingBehaviour',
        priority: 1,
        title,
        measure: 'Your tutor says you have finished.',
        status: 'active',
        dueBy: '2027-04-30',
        outsideControl: 'The course starts when there are enough places.',
        steps: [
          { id: 's1', description: 'Put your name down for the course.', actor: 'pom', status: 'completed' },
          { id: 's2', description: 'Go to every session.', actor: 'you', status: 'inProgress' },
        ],
      },
    ],
  };
}

/** A fake service with Alice and Bob (each with a plan), one device, small key-derivation figures. */
export function sessionWorld(options: Parameters<typeof createFakeService>[0] & { idle?: SessionOptions['idle']; deviceMode?: SessionOptions['deviceMode'] } = {}) {
  const service = createFakeService(options);
  service.addPerson(alice);
  service.addPerson(bob);
  service.addChange(alice.personId, { entity: 'plan', data: planFor(alice.personId, 'Finish the Thinking Skills Programme') });
  service.addChange(bob.personId, { entity: 'plan', data: planFor(bob.personId, 'Bob goal: learn to drive a forklift') });
  const device = openDeviceDatabase();
  const session: SessionOptions = {
    api: createApiClient({ fetch: service.fetch }),
    device,
    unlock: { iterations: 1_000, throttle: createUnlockThrottle() },
    deviceMode: options.deviceMode ?? 'kiosk',
    idle: options.idle ?? { timeoutMs: 10 * 60_000, warningMs: 60_000 },
    flushTimeoutMs: 1_000,
  };
  return {
    service,
    session,
    async dispose() {
      cleanup(); // unmount first: that locks the person and closes their database
      device.close();
      for (const name of await Dexie.getDatabaseNames()) await Dexie.delete(name);
    },
  };
}

/** Types a PIN on the on-screen number pad. */
export async function pressPin(user: UserEvent, pin: string): Promise<void> {
  const pad = screen.getByRole('group', { name: en.signIn.padLabel });
  for (const digit of pin) await user.click(within(pad).getByRole('button', { name: digit }));
}

/** Fills in the sign-in form (prison number by keyboard, PIN by number pad) and sends it. */
export async function signInAs(user: UserEvent, who: { prisonNumber: string; pin: string }): Promise<void> {
  const number = await screen.findByRole('textbox', { name: en.signIn.prisonNumberLabel });
  await user.clear(number);
  await user.type(number, who.prisonNumber);
  await pressPin(user, who.pin);
  await user.click(screen.getByRole('button', { name: en.signIn.submit }));
}

export async function signOutNow(user: UserEvent): Promise<void> {
  await user.click(screen.getByRole('button', { name: en.session.signOut }));
  await screen.findByText(en.session.signedOut, {}, { timeout: 5000 });
}

export const indicator = () => screen.queryAllByRole('status').find((el) => el.classList.contains('app-sync-indicator')) ?? null;

export async function waitForIndicator(text: string | RegExp): Promise<void> {
  await waitFor(() => {
    const el = indicator();
    if (!el) throw new Error('no sync indicator');
    if (typeof text === 'string' ? !el.textContent?.includes(text) : !text.test(el.textContent ?? '')) {
      throw new Error(`indicator says "${el.textContent}"`);
    }
  });
}
