import { maxKnownDeviceProofs, type SignInRequest } from '../../domain/auth.ts';
import { toBase64Url } from './crypto/bytes.ts';
import type { DeviceDatabase } from './device-db.ts';
import { bucketFor } from './unlock.ts';

/**
 * This device as the service knows it: a random device id made once, and the known-device proofs
 * the service gave at earlier sign-ins here. Neither names anyone.
 */

/** This device's id, made (16 random bytes) the first time it is asked for. Two tabs get the same one. */
export async function deviceId(device: DeviceDatabase): Promise<string> {
  return device.transaction('rw', device.settings, async () => {
    const known = await device.settings.get('deviceId');
    if (known) return known.value;
    const id = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
    await device.settings.put({ key: 'deviceId', value: id });
    return id;
  });
}

/**
 * What goes with a sign-in from this device: the device id, and the proofs of the people here
 * whose 16-bit hint matches the typed prison number (the service checks which, if any, is theirs).
 */
export async function signInRequest(device: DeviceDatabase, input: { prisonNumber: string; pin: string }): Promise<SignInRequest> {
  const [id, bucket] = await Promise.all([deviceId(device), bucketFor(input.prisonNumber)]);
  const matching = await device.proofs.where('bucket').equals(bucket).toArray();
  const proofs = matching.map((entry) => entry.proof).slice(0, maxKnownDeviceProofs);
  return { prisonNumber: input.prisonNumber, pin: input.pin, deviceId: id, ...(proofs.length > 0 ? { knownDeviceProofs: proofs } : {}) };
}

/**
 * After a right PIN here: keeps the new proof the service gave (it replaces any earlier one of
 * theirs), or, when it gave none because the one sent still works (the service then keeps it 90
 * days from this use), notes that it was used now.
 */
export async function keepDeviceProof(
  device: DeviceDatabase,
  input: { personId: string; prisonNumber: string },
  proof: string | undefined,
  now: Date = new Date(),
): Promise<void> {
  const savedAt = now.toISOString();
  if (proof === undefined) {
    await device.proofs.update(input.personId, { savedAt });
    return;
  }
  await device.proofs.put({ personId: input.personId, bucket: await bucketFor(input.prisonNumber), proof, savedAt });
}

/** How long a proof is kept here after its last use: as long as the service keeps it unused. */
export const knownDeviceProofKeepDays = 90;

/** Forgets proofs the service will have let lapse by now (run at a kiosk's start). */
export async function forgetLapsedProofs(device: DeviceDatabase, now: Date = new Date()): Promise<number> {
  const before = new Date(now.getTime() - knownDeviceProofKeepDays * 24 * 60 * 60 * 1000).toISOString();
  return device.proofs.where('savedAt').below(before).delete();
}
