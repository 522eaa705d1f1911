import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import cy from '../../locales/cy/common.json' with { type: 'json' };
import en from '../../locales/en/common.json' with { type: 'json' };
import { exampleUnknownPath } from '../../src/app/routes.ts';
import { renderApp } from './render-app.tsx';

describe('app shell', () => {
  it('shows the home page with one main heading and a skip link', () => {
    renderApp();
    expect(screen.getByRole('heading', { level: 1, name: en.home.title })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByRole('link', { name: en.app.skipLink })).toHaveAttribute('href', '#main-content');
    expect(document.title).toBe(`${en.home.title} – ${en.app.name}`);
  });

  it('switches to Welsh in place, sets <html lang> and remembers the choice', async () => {
    const user = userEvent.setup();
    renderApp();
    const languageNav = screen.getByRole('navigation', { name: en.language.label });
    await user.click(within(languageNav).getByRole('link', { name: 'Cymraeg' }));
    expect(await screen.findByRole('heading', { level: 1, name: cy.home.title })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('cy');
    expect(document.documentElement.dir).toBe('ltr');
    expect(localStorage.getItem('spc.language')).toBe('cy');
    // The switch is on every page, in the new language too, and goes back.
    const welshNav = screen.getByRole('navigation', { name: cy.language.label });
    expect(within(welshNav).getByText('Cymraeg')).toHaveAttribute('aria-current', 'true');
    await user.click(within(welshNav).getByRole('link', { name: 'English' }));
    expect(await screen.findByRole('heading', { level: 1, name: en.home.title })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
  });

  it('moves between pages with the menu', async () => {
    const user = userEvent.setup();
    renderApp();
    const menu = screen.getByRole('navigation', { name: en.nav.label });
    await user.click(within(menu).getByRole('link', { name: en.nav.displaySettings }));
    expect(await screen.findByRole('heading', { level: 1, name: en.settings.title })).toBeInTheDocument();
    expect(within(menu).getByRole('link', { name: en.nav.displaySettings })).toHaveAttribute('aria-current', 'page');
  });

  it('shows a helpful page with a way home for an unknown address, in the current language', async () => {
    const user = userEvent.setup();
    renderApp({ path: exampleUnknownPath, language: 'cy' });
    expect(await screen.findByRole('heading', { level: 1, name: cy.notFound.title })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: cy.notFound.homeLink }));
    expect(await screen.findByRole('heading', { level: 1, name: cy.home.title })).toBeInTheDocument();
  });
});
