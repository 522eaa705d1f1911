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
  const matching = await device.people.where('bucket').equals(bucket).toArray();
  const proofs = matching.flatMap((person) => (person.deviceProof ? [person.deviceProof] : [])).slice(0, maxKnownDeviceProofs);
  return { prisonNumber: input.prisonNumber, pin: input.pin, deviceId: id, ...(proofs.length > 0 ? { knownDeviceProofs: proofs } : {}) };
}

/** Keeps the proof the service gave with this person's record here (the record already exists). */
export async function keepDeviceProof(device: DeviceDatabase, personId: string, proof: string): Promise<void> {
  await device.people.update(personId, { deviceProof: proof });
}
