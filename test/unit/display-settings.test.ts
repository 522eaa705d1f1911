import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  applyDisplaySettings,
  defaultDisplaySettings,
  displaySettingsClasses,
  displaySettingsStorageKey,
  loadDisplaySettings,
  saveDisplaySettings,
} from '../../src/app/settings/display-settings.ts';
import { projectPath } from '../project-path.ts';

const bootScript = readFileSync(projectPath('public', 'display-settings-boot.js'), 'utf8');
const runBootScript = () => new Function(bootScript)();
const root = document.documentElement;

describe('display settings storage', () => {
  beforeEach(() => {
    root.className = '';
    root.lang = 'en';
  });

  it('round-trips through the device storage', () => {
    const settings = { textSize: 150, highContrast: true, readableFont: false, reduceMotion: true } as const;
    saveDisplaySettings(localStorage, settings);
    expect(loadDisplaySettings(localStorage)).toEqual(settings);
  });

  it.each([
    ['not JSON', '{not json'],
    ['null', 'null'],
    ['a number', '42'],
    ['an array', '[1,2]'],
  ])('falls back to the defaults when the entry is %s', (_label, raw) => {
    localStorage.setItem(displaySettingsStorageKey, raw);
    expect(loadDisplaySettings(localStorage)).toEqual(defaultDisplaySettings);
  });

  it('keeps the good fields and drops the damaged ones', () => {
    localStorage.setItem(displaySettingsStorageKey, JSON.stringify({ textSize: 300, highContrast: true, readableFont: 'yes' }));
    expect(loadDisplaySettings(localStorage)).toEqual({ ...defaultDisplaySettings, highContrast: true });
  });

  it('refuses to save a value that is not allowed', () => {
    expect(() => saveDisplaySettings(localStorage, { ...defaultDisplaySettings, textSize: 120 as never })).toThrow();
  });

  it('the boot script applies exactly the classes the app applies, before the app runs', () => {
    const settings = { textSize: 200, highContrast: true, readableFont: true, reduceMotion: false } as const;
    saveDisplaySettings(localStorage, settings);
    runBootScript();
    const fromBoot = [...root.classList].filter((c) => c.startsWith('app-')).sort();
    root.className = '';
    applyDisplaySettings(root, settings);
    const fromApp = [...root.classList].sort();
    expect(fromBoot).toEqual(fromApp);
    expect(fromApp).toEqual(
      Object.entries(displaySettingsClasses(settings))
        .filter(([, on]) => on)
        .map(([name]) => name)
        .sort(),
    );
  });

  it('the boot script ignores a damaged entry and sets the saved language', () => {
    localStorage.setItem(displaySettingsStorageKey, '{not json');
    localStorage.setItem('spc.language', 'cy');
    expect(runBootScript).not.toThrow();
    expect([...root.classList].filter((c) => c.startsWith('app-'))).toEqual([]);
    expect(root.lang).toBe('cy');
  });
});
