import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import en from '../../locales/en/common.json' with { type: 'json' };
import { appRoutes } from '../../src/app/routes.ts';
import { renderApp } from './render-app.tsx';

const root = document.documentElement;

describe('display settings page', () => {
  beforeEach(() => {
    root.className = '';
  });

  it('applies and saves each choice at once', async () => {
    const user = userEvent.setup();
    renderApp({ path: appRoutes.displaySettings });
    await screen.findByRole('heading', { level: 1, name: en.settings.title });

    await user.click(screen.getByRole('radio', { name: en.settings.textSize.veryLarge }));
    await user.click(screen.getByRole('checkbox', { name: en.settings.other.highContrast }));
    await user.click(screen.getByRole('checkbox', { name: en.settings.other.readableFont }));
    await user.click(screen.getByRole('checkbox', { name: en.settings.other.reduceMotion }));

    expect(root).toHaveClass('app-text-200', 'app-high-contrast', 'app-readable-font', 'app-reduce-motion');
    expect(screen.getByRole('status')).toHaveTextContent(en.settings.saved);
    expect(JSON.parse(localStorage.getItem('spc.displaySettings') ?? '{}')).toEqual({
      textSize: 200,
      highContrast: true,
      readableFont: true,
      reduceMotion: true,
    });

    await user.click(screen.getByRole('radio', { name: en.settings.textSize.large }));
    expect(root).toHaveClass('app-text-150');
    expect(root).not.toHaveClass('app-text-200');
  });

  it('shows the saved choices when the page opens again', async () => {
    localStorage.setItem('spc.displaySettings', JSON.stringify({ textSize: 150, highContrast: true, readableFont: false, reduceMotion: false }));
    renderApp({ path: appRoutes.displaySettings });
    expect(await screen.findByRole('radio', { name: en.settings.textSize.large })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: en.settings.other.highContrast })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: en.settings.other.readableFont })).not.toBeChecked();
  });

  it('opens with the usual settings when the saved entry is damaged', async () => {
    localStorage.setItem('spc.displaySettings', '{not json');
    renderApp({ path: appRoutes.displaySettings });
    expect(await screen.findByRole('radio', { name: en.settings.textSize.normal })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: en.settings.other.highContrast })).not.toBeChecked();
  });

  it('goes back to the usual settings', async () => {
    const user = userEvent.setup();
    localStorage.setItem('spc.displaySettings', JSON.stringify({ textSize: 200, highContrast: true, readableFont: true, reduceMotion: true }));
    root.classList.add('app-text-200', 'app-high-contrast');
    renderApp({ path: appRoutes.displaySettings });
    await user.click(await screen.findByRole('button', { name: en.settings.reset }));
    expect(root).not.toHaveClass('app-text-200');
    expect(root).not.toHaveClass('app-high-contrast');
    expect(screen.getByRole('radio', { name: en.settings.textSize.normal })).toBeChecked();
  });
});
