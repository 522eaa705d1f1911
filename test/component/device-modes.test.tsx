import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import cy from '../../locales/cy/common.json' with { type: 'json' };
import en from '../../locales/en/common.json' with { type: 'json' };
import type { DeviceModeName } from '../../src/domain/device-modes.ts';
import { RichText } from '../../src/app/ui/RichText.tsx';
import { createI18n } from '../../src/app/i18n/i18n.ts';
import { SessionContext, type SessionValue } from '../../src/app/session/session-context.ts';
import { renderApp } from './render-app.tsx';
import { sessionWorld } from './session-world.tsx';

let world: ReturnType<typeof sessionWorld> | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

const personalAddresses = ['/sign-in', '/plan', '/applications', '/plan/goal-1', '/applications/new', '/sign-in/again', '/PLAN'];

/** No way to sign in, nothing personal, no menu: the plain page for a personal address. */
function expectPlainPersonalPage(lang: typeof en | typeof cy) {
  expect(screen.getByRole('heading', { level: 1, name: lang.deviceModes.personalPage.title })).toBeInTheDocument();
  expect(screen.getByText(lang.session.notAvailable)).toBeInTheDocument();
  expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  expect(screen.queryByRole('navigation', { name: lang.nav.label })).not.toBeInTheDocument();
  expect(screen.queryByRole('link', { name: lang.nav.signIn })).not.toBeInTheDocument();
  expect(screen.queryByRole('button', { name: lang.session.signOut })).not.toBeInTheDocument();
  expect(document.querySelector('.app-sync-indicator')).toBeNull();
}

describe('device modes', () => {
  it.each(personalAddresses)('public mode: %s is a plain page with no sign-in and no app menu', async (path) => {
    world = sessionWorld({ deviceMode: 'public' });
    renderApp({ path, session: world.session });
    await screen.findByRole('heading', { level: 1, name: en.deviceModes.personalPage.title });
    expectPlainPersonalPage(en);
    expect(screen.getByRole('link', { name: en.deviceModes.personalPage.guidesLink })).toHaveAttribute('href', '/explainers');
  });

  it('public mode, in Welsh', async () => {
    world = sessionWorld({ deviceMode: 'public' });
    renderApp({ path: '/plan', session: world.session, language: 'cy' });
    await screen.findByRole('heading', { level: 1, name: cy.deviceModes.personalPage.title });
    expectPlainPersonalPage(cy);
  });

  it('offers no sign-in before the deployment has said what this device is; then, on a kiosk, it does', async () => {
    world = sessionWorld();
    let say: (mode: DeviceModeName) => void = () => {};
    const told = new Promise<DeviceModeName>((resolve) => {
      say = resolve;
    });
    renderApp({ path: '/sign-in', session: { ...world.session, deviceMode: undefined, loadDeviceMode: () => told } });
    await screen.findByRole('heading', { level: 1, name: en.deviceModes.personalPage.title });
    expectPlainPersonalPage(en);
    say('kiosk');
    expect(await screen.findByRole('textbox', { name: en.signIn.prisonNumberLabel })).toBeInTheDocument();
  });

  it.each(['tablet', 'kiosk'] as const)('%s mode: personal pages are the app’s own', async (mode) => {
    world = sessionWorld({ deviceMode: mode });
    renderApp({ path: '/sign-in', session: world.session });
    expect(await screen.findByRole('textbox', { name: en.signIn.prisonNumberLabel })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: en.nav.label })).toBeInTheDocument();
  });
});

describe('outside addresses in content', () => {
  const text = 'Read more at https://www.gov.uk/guidance/prison-visits. Or www.example.org/help, or ask staff.';
  function renderText(mode: DeviceModeName | null) {
    const value = { deviceMode: mode, person: null } as unknown as SessionValue;
    return render(
      <I18nextProvider i18n={createI18n('en')}>
        <MemoryRouter>
          <SessionContext.Provider value={value}>
            <p data-testid="text">
              <RichText text={text} lng="en" glossary={{}} />
            </p>
          </SessionContext.Provider>
        </MemoryRouter>
      </I18nextProvider>,
    );
  }

  it.each(['tablet', 'kiosk', null] as const)('%s: shown as text, never a link', (mode) => {
    renderText(mode);
    expect(screen.getByTestId('text')).toHaveTextContent(text);
    expect(screen.queryAllByRole('link')).toEqual([]);
  });

  it('public (families): kept as links, opening in the same window', () => {
    renderText('public');
    expect(screen.getByTestId('text')).toHaveTextContent(text);
    const links = screen.getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['https://www.gov.uk/guidance/prison-visits', 'https://www.gov.uk/guidance/prison-visits'],
      ['www.example.org/help', 'https://www.example.org/help'],
    ]);
    for (const link of links) expect(link).not.toHaveAttribute('target');
  });
});
