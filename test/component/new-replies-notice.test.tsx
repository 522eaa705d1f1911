import { act, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { Suspense } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../locales/en/common.json' with { type: 'json' };
import forms from '../../locales/en/forms.json' with { type: 'json' };
import { ApplicationsPage } from '../../src/app/features/applications/ApplicationsPage.tsx';
import { PlanPage } from '../../src/app/features/plan/PlanPage.tsx';
import { SignInPage } from '../../src/app/features/sign-in/SignInPage.tsx';
import { createI18n } from '../../src/app/i18n/i18n.ts';
import { appRoutes } from '../../src/app/routes.ts';
import { NewRepliesNotice } from '../../src/app/session/new-replies.tsx';
import { SessionProvider } from '../../src/app/session/SessionProvider.tsx';
import { Layout } from '../../src/app/ui/Layout.tsx';
import { sendApplication } from './applications-helpers.tsx';
import { alice, sessionWorld, signInAs } from './session-world.tsx';

/**
 * The notice the signed-in home page carries ("You have a new reply from the OMU." and a link).
 * The home page is built elsewhere; here the notice sits above the plan, where sign-in lands.
 */

let world: ReturnType<typeof sessionWorld>;
afterEach(async () => {
  await world?.dispose();
});

function renderWithNotice() {
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <MemoryRouter initialEntries={[appRoutes.signIn]}>
        <SessionProvider options={world.session}>
          <Layout>
            <Suspense fallback={null}>
              <Routes>
                <Route path={appRoutes.signIn} element={<SignInPage />} />
                <Route
                  path={appRoutes.plan}
                  element={
                    <>
                      <NewRepliesNotice />
                      <PlanPage />
                    </>
                  }
                />
                <Route path={`${appRoutes.applications}/*`} element={<ApplicationsPage />} />
              </Routes>
            </Suspense>
          </Layout>
        </SessionProvider>
      </MemoryRouter>
    </I18nextProvider>,
  );
}

describe('the new-replies notice for the home page', { timeout: 30_000 }, () => {
  it('is absent with nothing new, says how many are new with a link to them, and goes once they are read', async () => {
    world = sessionWorld({ deviceMode: 'tablet' });
    const user = userEvent.setup();
    renderWithNotice();
    await signInAs(user, alice);
    await screen.findByText('Goal 1: Finish the Thinking Skills Programme');
    expect(screen.queryByText(en.session.newRepliesNotice_one)).not.toBeInTheDocument();

    await sendApplication(user, 'seeMyPom', 'Can I see my POM, please?');
    await waitFor(() => expect(world.service.effects).toHaveLength(1));
    const [id] = world.service.effectsFor(alice.personId);
    world.service.addChange(alice.personId, {
      entity: 'applicationReply',
      data: { applicationId: id!, personId: alice.personId, status: 'answered', messages: [{ id: 'm1', at: '2026-11-22T10:00:00Z', text: 'See you on Monday.' }], updatedAt: '2026-11-22T10:00:00Z' },
    });
    act(() => void window.dispatchEvent(new Event('online')));

    // Back where sign-in lands: the notice, with the count, and a link to the replies.
    await user.click(within(screen.getByRole('navigation', { name: en.nav.label })).getByRole('link', { name: en.session.nav.plan }));
    const notice = (await screen.findByText(en.session.newRepliesNotice_one, {}, { timeout: 5000 })).closest('div')!;
    expect(within(notice).getByText('1 new reply')).toBeInTheDocument();
    await user.click(within(notice).getByRole('link', { name: en.session.newRepliesLink }));
    await screen.findByRole('heading', { level: 1, name: forms.applications.title });

    // Read: the notice is gone.
    await user.click(await screen.findByRole('link', { name: forms.type.seeMyPom }));
    expect(await screen.findByText('See you on Monday.')).toBeInTheDocument();
    await user.click(within(screen.getByRole('navigation', { name: en.nav.label })).getByRole('link', { name: en.session.nav.plan }));
    await screen.findByText('Goal 1: Finish the Thinking Skills Programme');
    await waitFor(() => expect(screen.queryByText(en.session.newRepliesNotice_one)).not.toBeInTheDocument());
  });
});
