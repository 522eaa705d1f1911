import { z } from 'zod';

/**
 * How the person wants the screen to look. Saved on the device and applied on every page,
 * before the first paint, by public/display-settings-boot.js (keep the key and classes in step).
 */
export const TextSize = z.union([z.literal(100), z.literal(150), z.literal(200)]);
export type TextSize = z.infer<typeof TextSize>;

export const DisplaySettings = z.object({
  textSize: TextSize,
  highContrast: z.boolean(),
  readableFont: z.boolean(),
  reduceMotion: z.boolean(),
});
export type DisplaySettings = z.infer<typeof DisplaySettings>;

export const defaultDisplaySettings: DisplaySettings = {
  textSize: 100,
  highContrast: false,
  readableFont: false,
  reduceMotion: false,
};

export const displaySettingsStorageKey = 'spc.displaySettings';

/** Reads the saved settings. Anything damaged or unknown falls back to the defaults, field by field. */
export function loadDisplaySettings(storage: Pick<Storage, 'getItem'>): DisplaySettings {
  let saved: unknown;
  try {
    saved = JSON.parse(storage.getItem(displaySettingsStorageKey) ?? 'null');
  } catch {
    return defaultDisplaySettings;
  }
  if (typeof saved !== 'object' || saved === null) return defaultDisplaySettings;
  const fields = saved as Record<string, unknown>;
  const pick = <K extends keyof DisplaySettings>(key: K, schema: z.ZodType<DisplaySettings[K]>): DisplaySettings[K] => {
    const parsed = schema.safeParse(fields[key]);
    return parsed.success ? parsed.data : defaultDisplaySettings[key];
  };
  return {
    textSize: pick('textSize', TextSize),
    highContrast: pick('highContrast', z.boolean()),
    readableFont: pick('readableFont', z.boolean()),
    reduceMotion: pick('reduceMotion', z.boolean()),
  };
}

export function saveDisplaySettings(storage: Pick<Storage, 'setItem'>, settings: DisplaySettings): void {
  storage.setItem(displaySettingsStorageKey, JSON.stringify(DisplaySettings.parse(settings)));
}

/** The classes on <html> that carry the settings (styles in src/app/styles/_display-settings.scss). */
export function displaySettingsClasses(settings: DisplaySettings): Record<string, boolean> {
  return {
    'app-text-150': settings.textSize === 150,
    'app-text-200': settings.textSize === 200,
    'app-high-contrast': settings.highContrast,
    'app-readable-font': settings.readableFont,
    'app-reduce-motion': settings.reduceMotion,
  };
}

export function applyDisplaySettings(root: HTMLElement, settings: DisplaySettings): void {
  for (const [name, on] of Object.entries(displaySettingsClasses(settings))) root.classList.toggle(name, on);
}
