/** Device modes, set by the deployment, never by the person. Kept free of zod for the app's first page. */
export const deviceModes = ['public', 'tablet', 'kiosk'] as const;
export type DeviceModeName = (typeof deviceModes)[number];

export function isDeviceMode(value: unknown): value is DeviceModeName {
  return typeof value === 'string' && (deviceModes as readonly string[]).includes(value);
}
