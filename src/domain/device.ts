import { z } from 'zod';

/** Set by the deployment, never by the person. */
export const DeviceMode = z.enum(['public', 'tablet', 'kiosk']);
export type DeviceMode = z.infer<typeof DeviceMode>;
