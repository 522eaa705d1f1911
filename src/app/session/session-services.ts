/**
 * The sync machinery (Dexie, WebCrypto, the API client, the outbox), in one place so the
 * session provider can load it on first use. The first page stays small; signing in loads this.
 */
export { openDeviceDatabase } from '../data/device-db.ts';
export { createApiClient } from '../sync/api-client.ts';
export { startCourier } from '../sync/courier.ts';
export { enrolKiosk, readKioskStatus } from '../sync/delivery-enrol.ts';
export { createDeliverySealer } from '../sync/delivery-sealer.ts';
export { createPersonSync } from '../sync/engine.ts';
export { signIn, signOut } from '../sync/sign-in.ts';
export { takePinStep } from './pin-steps.ts';
export { startSyncTriggers } from '../sync/triggers.ts';

export type SessionServices = typeof import('./session-services.ts');
