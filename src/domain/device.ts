import { z } from 'zod';
import { deviceModes } from './device-modes.ts';

/** Set by the deployment, never by the person. */
export const DeviceMode = z.enum(deviceModes);
export type DeviceMode = z.infer<typeof DeviceMode>;
