import { pageIds } from './page-ids.ts';

/**
 * Display settings on the family pages, without React or zod: the same storage key, shape and
 * classes as the app's (src/app/settings/display-settings.ts) and the boot script that applies
 * them before the first paint (public/display-settings-boot.js). A unit test checks all three
 * agree. Each change is applied and saved at once; anything damaged in storage is read as the
 * default, field by field.
 */

export const storageKey = 'spc.displaySettings';

export type Settings = { textSize: 100 | 150 | 200; highContrast: boolean; readableFont: boolean; reduceMotion: boolean };
export const defaults: Settings = { textSize: 100, highContrast: false, readableFont: false, reduceMotion: false };
const toggles = ['highContrast', 'readableFont', 'reduceMotion'] as const;

export function readSettings(storage: Pick<Storage, 'getItem'>): Settings {
  let saved: unknown;
  try {
    saved = JSON.parse(storage.getItem(storageKey) ?? 'null');
  } catch {
    return { ...defaults };
  }
  const fields = typeof saved === 'object' && saved !== null ? (saved as Record<string, unknown>) : {};
  const size = fields.textSize;
  const out: Settings = { ...defaults, textSize: size === 150 || size === 200 || size === 100 ? size : defaults.textSize };
  for (const name of toggles) out[name] = typeof fields[name] === 'boolean' ? fields[name] : defaults[name];
  return out;
}

export function settingsClasses(settings: Settings): Record<string, boolean> {
  return {
    'app-text-150': settings.textSize === 150,
    'app-text-200': settings.textSize === 200,
    'app-high-contrast': settings.highContrast,
    'app-readable-font': settings.readableFont,
    'app-reduce-motion': settings.reduceMotion,
  };
}

export function applySettings(root: HTMLElement, settings: Settings): void {
  for (const [name, on] of Object.entries(settingsClasses(settings))) root.classList.toggle(name, on);
}

/** Shows what is saved on the form, then saves and applies each change as it is made. */
export function enhanceSettings(form: HTMLFormElement, root: HTMLElement = document.documentElement, storage: Storage = localStorage): void {
  const status = document.getElementById(pageIds.settings.status);
  const reset = document.getElementById(pageIds.settings.reset);
  const show = (settings: Settings) => {
    for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="textSize"]')) radio.checked = Number(radio.value) === settings.textSize;
    for (const name of toggles) {
      const box = form.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      if (box) box.checked = settings[name];
    }
  };
  const fromForm = (): Settings => {
    const size = Number(form.querySelector<HTMLInputElement>('input[name="textSize"]:checked')?.value);
    const out: Settings = { ...defaults, textSize: size === 150 || size === 200 ? size : 100 };
    for (const name of toggles) out[name] = form.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.checked === true;
    return out;
  };
  const change = (settings: Settings) => {
    applySettings(root, settings);
    let saved = true;
    try {
      storage.setItem(storageKey, JSON.stringify(settings));
    } catch {
      // Storage full or blocked: the look still changes for this visit, and the page says so.
      saved = false;
    }
    if (status) status.textContent = (saved ? form.dataset.saved : form.dataset.notSaved) ?? '';
  };
  show(readSettings(storage));
  form.addEventListener('change', () => change(fromForm()));
  form.addEventListener('submit', (event) => event.preventDefault());
  reset?.addEventListener('click', () => {
    show(defaults);
    change({ ...defaults });
  });
}
