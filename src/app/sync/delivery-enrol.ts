import { isEnrolmentCode, normaliseEnrolmentCode } from '../../domain/delivery.ts';
import type { ApiClient } from './api-client.ts';
import { deliveryApi } from './delivery-api.ts';
import { readKioskDevice, saveKioskDevice, withDeliveryDatabase } from './delivery-db.ts';

/**
 * Setting a kiosk up for delivery (the kiosk set-up page): staff type a one-time code made with
 * `npm run device -- enrol "<name>"`; the kiosk swaps it for its device credential and keeps
 * that in its own small database (delivery-db.ts).
 */
export type KioskStatus = { state: 'notSetUp' } | { state: 'setUp'; name: string } | { state: 'stopped'; name: string };

export async function readKioskStatus(): Promise<KioskStatus> {
  const kiosk = await withDeliveryDatabase(readKioskDevice);
  if (!kiosk) return { state: 'notSetUp' };
  return kiosk.stoppedAt ? { state: 'stopped', name: kiosk.name } : { state: 'setUp', name: kiosk.name };
}

export type EnrolOutcome =
  | { ok: true; name: string }
  /** Not 12 letters and numbers (checked before anything is sent). */
  | { ok: false; reason: 'format' }
  /** The service does not know the code, or it was used or is too old. */
  | { ok: false; reason: 'wrongCode' }
  | { ok: false; reason: 'noConnection' };

export async function enrolKiosk(api: ApiClient, typed: string, now: () => Date = () => new Date()): Promise<EnrolOutcome> {
  const code = normaliseEnrolmentCode(typed);
  if (!isEnrolmentCode(code)) return { ok: false, reason: 'format' };
  const result = await deliveryApi(api).enrol(code);
  if (result.ok) {
    const { deviceId, name, credential } = result.value;
    await withDeliveryDatabase((db) => saveKioskDevice(db, { deviceId, name, credential, enrolledAt: now().toISOString() }));
    return { ok: true, name };
  }
  if (result.kind === 'refused') {
    if (result.error?.code === 'invalidEnrolCode') return { ok: false, reason: 'format' };
    return { ok: false, reason: 'wrongCode' };
  }
  return { ok: false, reason: 'noConnection' };
}
