import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import en from '../../locales/en/common.json' with { type: 'json' };

/**
 * The first page carries only its own English words (src/app/i18n/strings.ts); everything else is
 * fetched before a later page shows. So the frame and the home page must need no other word: this
 * renders them with fresh modules (nothing fetched) and fails on any word that is not there.
 */
async function renderFirstPage(deviceMode: 'tablet' | 'kiosk' | 'public') {
  vi.resetModules();
  const { createI18n } = await import('../../src/app/i18n/i18n.ts');
  const { App } = await import('../../src/app/App.tsx');
  const instance = createI18n('en');
  const missing: string[] = [];
  instance.options.saveMissing = true;
  instance.on('missingKey', (_lngs, ns, key) => missing.push(`${ns}:${key}`));
  render(
    <I18nextProvider i18n={instance}>
      <MemoryRouter initialEntries={['/']}>
        <App session={{ deviceMode }} />
      </MemoryRouter>
    </I18nextProvider>,
  );
  return { instance, missing };
}

describe('the first page’s own words', () => {
  it.each(['tablet', 'kiosk', 'public'] as const)('are all the frame and the home page need (%s)', async (mode) => {
    const { instance, missing } = await renderFirstPage(mode);
    expect(screen.getByRole('heading', { level: 1, name: en.home.title })).toBeInTheDocument();
    expect(missing).toEqual([]);
    // …and nothing more was fetched for it.
    expect(instance.exists('plan.title')).toBe(false);
  });
});
