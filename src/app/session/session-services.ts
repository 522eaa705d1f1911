/**
 * The sync machinery (Dexie, WebCrypto, the API client, the outbox), in one place so the
 * session provider can load it on first use. The first page stays small; signing in loads this.
 */
export { openDeviceDatabase } from '../data/device-db.ts';
export { forgetPersonAtTheirChoice } from '../data/forget-person.ts';
export { rewrapAfterPinChange } from '../data/unlock.ts';
export { createApiClient } from '../sync/api-client.ts';
export { startCourier } from '../sync/courier.ts';
export { enrolKiosk, readKioskStatus } from '../sync/delivery-enrol.ts';
export { createDeliverySealer } from '../sync/delivery-sealer.ts';
export { createPersonSync } from '../sync/engine.ts';
export { sendOwnPin } from '../sync/pin-change.ts';
export { signIn, signOut } from '../sync/sign-in.ts';
export { startSyncTriggers } from '../sync/triggers.ts';

export type SessionServices = typeof import('./session-services.ts');
