/** The screens every page is checked at: a desktop/tablet and a phone. */
export const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

export type Viewport = (typeof viewports)[number];
