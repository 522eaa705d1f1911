import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import cy from '../../locales/cy/common.json' with { type: 'json' };
import en from '../../locales/en/common.json' with { type: 'json' };
import type { Sealed } from '../../src/app/data/crypto/seal.ts';
import { openPersonDatabase } from '../../src/app/data/person-db.ts';
import { renderApp } from './render-app.tsx';
import { alice, sessionWorld, signInAs } from './session-world.tsx';
import cyForms from '../../locales/cy/forms.json' with { type: 'json' };
import { openApplications, sendApplication } from './applications-helpers.tsx';

let world: ReturnType<typeof sessionWorld>;
afterEach(async () => {
  await world?.dispose();
});

/** Alice's first goal, a link on her home page ("What's next") and on her plan. */
const goal = 'Finish the Thinking Skills Programme';
const spoilers = {
  'its ciphertext changed': (s: Sealed) => ({ ...s, ct: s.ct.slice(0, 5) + (s.ct[5] === 'A' ? 'B' : 'A') + s.ct.slice(6) }),
  'its ciphertext cut short': (s: Sealed) => ({ ...s, ct: s.ct.slice(0, s.ct.length >> 2) }),
  'its sealed field deleted': () => undefined,
} as const;

/** Edits the person's IndexedDB store directly, as someone with the device's storage could. */
async function tamper(edit: (db: ReturnType<typeof openPersonDatabase>) => Promise<void>) {
  const db = openPersonDatabase(alice.personId);
  try {
    await edit(db);
  } finally {
    db.close();
  }
}

describe('a tampered or truncated local store', { timeout: 20_000 }, () => {
  it.each(Object.keys(spoilers) as Array<keyof typeof spoilers>)('the plan row with %s: the page says so plainly and shows the plan fetched again', async (how) => {
    // A tablet keeps its person's data between sign-ins (a kiosk removes it once nothing waits).
    world = sessionWorld({ deviceMode: 'tablet' });
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, alice);
    expect(await screen.findByRole('link', { name: goal })).toBeInTheDocument();
    cleanup(); // the app is closed (the person is locked out of memory)

    await tamper(async (db) => {
      const row = (await db.plans.toArray())[0]!;
      await db.plans.put({ ...row, sealed: spoilers[how](row.sealed) as Sealed });
    });

    renderApp({ path: '/sign-in', session: world.session });
    await signInAs(user, alice);
    const notice = await screen.findByRole('region', { name: en.storeDamage.title });
    expect(notice).toHaveTextContent(en.storeDamage.heading);
    expect(await screen.findByRole('link', { name: goal }, { timeout: 5000 })).toBeInTheDocument();
    await waitFor(() => expect(notice).toHaveTextContent(en.storeDamage.fetchedAgain));
  });

  it('an application waiting to be sent no longer opens: it is shown as unreadable; the other one is sent (in Welsh)', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    const first = renderApp({ path: '/sign-in', session: world.session, language: 'cy' });
    const number = await screen.findByRole('textbox', { name: cy.signIn.prisonNumberLabel });
    await user.type(number, alice.prisonNumber);
    const pad = screen.getByRole('group', { name: cy.signIn.padLabel });
    for (const digit of alice.pin) await user.click(within(pad).getByRole('button', { name: digit }));
    await user.click(screen.getByRole('button', { name: cy.signIn.submit }));
    await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' });
    world.service.setOnline(false);
    act(() => void window.dispatchEvent(new Event('offline')));
    // Two kinds: one application of each kind may be open at a time.
    await sendApplication(user, 'other', 'Cais cyntaf', 'cy');
    await sendApplication(user, 'questionAboutMyPlan', 'Ail gais', 'cy');
    await openApplications(user, 'cy');
    await waitFor(() => expect(screen.getAllByText(cyForms.status.waiting)).toHaveLength(2));
    first.unmount();

    await tamper(async (db) => {
      const row = (await db.outbox.orderBy('seq').toArray())[0]!;
      await db.outbox.put({ ...row, sealed: spoilers['its ciphertext cut short'](row.sealed) });
      const submission = (await db.submissions.get(row.id))!;
      await db.submissions.put({ ...submission, sealed: spoilers['its ciphertext changed'](submission.sealed) });
    });

    world.service.setOnline(true);
    act(() => void window.dispatchEvent(new Event('online')));
    renderApp({ path: '/sign-in', session: world.session, language: 'cy' });
    await user.type(await screen.findByRole('textbox', { name: cy.signIn.prisonNumberLabel }), alice.prisonNumber);
    for (const digit of alice.pin) await user.click(within(screen.getByRole('group', { name: cy.signIn.padLabel })).getByRole('button', { name: digit }));
    await user.click(screen.getByRole('button', { name: cy.signIn.submit }));
    await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' });
    await openApplications(user, 'cy');
    expect(await screen.findByRole('region', { name: cy.storeDamage.title })).toHaveTextContent(cy.storeDamage.kept);
    await waitFor(() => expect(screen.getByText(cyForms.status.unreadable)).toBeInTheDocument(), { timeout: 5000 });
    expect(screen.getByText(cyForms.item.unreadable)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('Ail gais').closest('li')).toHaveTextContent(cyForms.status.sent), { timeout: 5000 });
    expect(world.service.effectsFor(alice.personId)).toHaveLength(1);
  });
});
