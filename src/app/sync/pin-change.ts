import type { ChangePinRequest } from '../../domain/auth.ts';
import type { DeviceDatabase } from '../data/device-db.ts';
import { deviceId } from '../data/known-device.ts';
import type { ApiClient } from './api-client.ts';

/**
 * The person's first sign-in with a one-time PIN staff gave (at enrolment, or after a reset). The
 * service answered the sign-in with `mustChangePin`: nothing is unlocked or kept on the device
 * under the one-time PIN, and sync waits. The person chooses their own PIN; the service checks the
 * one-time PIN again (under the sign-in limits), ends every sign-in of theirs, and the device then
 * signs in afresh with the new PIN. That sign-in unlocks (or, the first time, makes) the data key
 * under the new PIN; if this device holds data under an older PIN (a reset), the usual "PIN
 * changed" step asks for it once and re-wraps the key (`rewrapAfterPinChange`), so nothing is lost.
 */
export type PendingPinChange = {
  personId: string;
  prisonNumber: string;
  /** The one-time PIN just used: held in memory only until the new PIN is saved or the screen is left. */
  currentPin: string;
  accessToken: string;
};

export type OwnPinRefusal =
  | { ok: false; reason: 'samePin' | 'invalidNewPin' | 'signInAgain' | 'needsConnection' | 'askStaff' }
  | { ok: false; reason: 'tooSoon'; waitMs: number };

export type OwnPinResult = { ok: true } | OwnPinRefusal;

/** POST /api/auth/pin with the sign-in's access token. Never throws for network or HTTP trouble. */
export async function sendOwnPin(deps: { api: ApiClient; device: DeviceDatabase }, pending: PendingPinChange, newPin: string): Promise<OwnPinResult> {
  const body: ChangePinRequest = { currentPin: pending.currentPin, newPin, deviceId: await deviceId(deps.device) };
  const result = await deps.api.request(
    '/api/auth/pin',
    { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${pending.accessToken}` }, body: JSON.stringify(body) },
    null,
  );
  if (result.ok) return { ok: true };
  if (result.kind === 'network') return { ok: false, reason: 'needsConnection' };
  if (result.kind === 'unauthorized') return { ok: false, reason: 'signInAgain' };
  if (result.kind === 'retry') {
    return result.status === 429 ? { ok: false, reason: 'tooSoon', waitMs: result.retryAfterMs ?? 60_000 } : { ok: false, reason: 'needsConnection' };
  }
  const code = result.error?.code;
  if (code === 'samePin' || code === 'invalidNewPin' || code === 'askStaff') return { ok: false, reason: code };
  // A wrong current PIN means the one-time PIN no longer works (staff reset it again): start over.
  return { ok: false, reason: 'signInAgain' };
}
