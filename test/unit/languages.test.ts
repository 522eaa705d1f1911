import { describe, expect, it } from 'vitest';
import { initialLanguage, languageStorageKey } from '../../src/app/i18n/languages.ts';

const storageWith = (value: string | null) => ({ getItem: (key: string) => (key === languageStorageKey ? value : null) });

describe('choosing the first language', () => {
  it('uses the language saved on the device', () => {
    expect(initialLanguage(storageWith('cy'), 'en-GB')).toBe('cy');
  });
  it('uses the browser language when nothing is saved and we speak it', () => {
    expect(initialLanguage(storageWith(null), 'cy-GB')).toBe('cy');
  });
  it('falls back to English for a language we do not speak or a damaged entry', () => {
    expect(initialLanguage(storageWith('xx'), 'fr-FR')).toBe('en');
  });
  it('copes with storage that throws', () => {
    const blocked = {
      getItem: () => {
        throw new Error('blocked');
      },
    };
    expect(initialLanguage(blocked, undefined)).toBe('en');
  });
});
